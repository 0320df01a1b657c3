package ingest

import (
	"fmt"
	"math"
	"strconv"

	"github.com/spinfer/spinfer/formats"
)

// pos locates a value in the input: Line for text files, Row for arrays
// and tables, Column for both (all 1-based).
type pos struct{ line, row, col int }

func (p pos) String() string {
	if p.line > 0 {
		return fmt.Sprintf("line %d, column %d", p.line, p.col)
	}
	return fmt.Sprintf("row %d, column %d", p.row, p.col)
}

// alphabet turns input values into stored spins and decides the basis.
//
// Without a threshold every value must be −1, 0 or +1, and a file may not
// mix −1 with 0. The stored int8 is the value itself, so the bytes are the
// same whichever basis is chosen in the end; only the choice differs:
//
//	forced basis            that basis (values outside it are errors)
//	−1 seen                 ising
//	0 seen                  binary
//	only +1 seen            the hint of the format (bool arrays, spinfer
//	                        datasets), else ising
//
// With a threshold t every finite value x becomes 1 when x > t and 0
// (binary) or −1 (forced ising) otherwise.
type alphabet struct {
	file   string
	forced formats.Basis // "" when inferred
	hint   formats.Basis // reading of an all-(+1) input, "" for ising
	thr    float64
	hasThr bool
	seen   [3]bool // −1, 0, +1 seen (index v+1)
	first  [3]pos  // where each was first seen
	tok    [3]string
}

func newAlphabet(file string, o ReadOptions) *alphabet {
	a := &alphabet{file: file, forced: formats.Basis(o.Basis)}
	if o.Threshold != nil {
		a.thr, a.hasThr = *o.Threshold, true
	}
	return a
}

// spin admits v ∈ {−1, 0, +1} read as tok at p. It is the hot path: a value
// seen before costs one branch.
func (a *alphabet) spin(v int8, tok []byte, p pos) (int8, error) {
	if a.hasThr {
		return a.binarise(float64(v)), nil
	}
	if a.seen[v+1] {
		return v, nil
	}
	return v, a.admit(v, tok, p)
}

// admit records the first occurrence of v and checks it against the basis.
func (a *alphabet) admit(v int8, tok []byte, p pos) error {
	switch {
	case a.forced == formats.Ising && v == 0,
		a.forced == formats.Binary && v == -1:
		return a.errAt(tok, p, "is outside the basis "+braces(a.forced), nil)
	case a.forced == "" && v == 0 && a.seen[0]:
		return a.errAt(tok, p, a.mixMsg(0), nil)
	case a.forced == "" && v == -1 && a.seen[1]:
		return a.errAt(tok, p, a.mixMsg(1), nil)
	}
	a.seen[v+1], a.first[v+1], a.tok[v+1] = true, p, shorten(tok)
	return nil
}

func (a *alphabet) mixMsg(other int) string {
	b := formats.Ising
	if other == 1 {
		b = formats.Binary
	}
	return fmt.Sprintf("is outside the basis %s implied by %q at %s",
		braces(b), a.tok[other], a.first[other])
}

// number admits a value already converted to float64 (arrays, tables and
// text tokens off the fast path).
func (a *alphabet) number(x float64, tok []byte, p pos) (int8, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, a.errAt(tok, p, "is not a finite number", nil)
	}
	if a.hasThr {
		return a.binarise(x), nil
	}
	switch x {
	case -1, 0, 1:
		return a.spin(int8(x), tok, p)
	}
	if x != math.Trunc(x) {
		return 0, a.errAt(tok, p,
			"is not an integer spin value (set a threshold, --threshold, "+
				"to binarise real-valued data)", nil)
	}
	return 0, a.errAt(tok, p, "is outside the basis "+a.current(), nil)
}

// integer admits an integer value from a typed array or table.
func (a *alphabet) integer(x int64, p pos) (int8, error) {
	switch {
	case a.hasThr:
		return a.binarise(float64(x)), nil
	case x >= -1 && x <= 1 && a.seen[x+1]:
		return int8(x), nil
	case x >= -1 && x <= 1:
		return a.spin(int8(x), strconv.AppendInt(nil, x, 10), p)
	}
	return a.number(float64(x), strconv.AppendInt(nil, x, 10), p)
}

// real admits a value of a typed array or table; spellings of −1, 0 and 1
// take the integer path, which formats the value only to report it.
func (a *alphabet) real(x float64, p pos) (int8, error) {
	switch {
	case x >= -1 && x <= 1 && x == math.Trunc(x):
		return a.integer(int64(x), p)
	case a.hasThr && !math.IsNaN(x) && !math.IsInf(x, 0):
		return a.binarise(x), nil
	}
	return a.number(x, strconv.AppendFloat(nil, x, 'g', -1, 64), p)
}

func (a *alphabet) binarise(x float64) int8 {
	switch {
	case x > a.thr:
		return 1
	case a.forced == formats.Ising:
		return -1
	}
	return 0
}

// current names the basis values must belong to, as far as it is known.
func (a *alphabet) current() string {
	switch {
	case a.forced != "":
		return braces(a.forced)
	case a.seen[0]:
		return braces(formats.Ising)
	case a.seen[1]:
		return braces(formats.Binary)
	}
	return "{-1,+1} or {0,1}"
}

// basis returns the basis of everything admitted so far and, when the
// choice was not forced by the options or the data, why it was made.
func (a *alphabet) basis() (formats.Basis, string) {
	switch {
	case a.forced != "":
		return a.forced, ""
	case a.hasThr:
		return formats.Binary, ""
	case a.seen[0]:
		return formats.Ising, ""
	case a.seen[1]:
		return formats.Binary, ""
	case a.hint != "":
		return a.hint, "every value is 1; read as " + string(a.hint) +
			" as the input format says"
	}
	return formats.Ising, "every value is 1; read as ising " +
		"(both bases give the spin s = +1; force one with --basis)"
}

func (a *alphabet) errAt(tok []byte, p pos, msg string, err error) *InputError {
	return &InputError{File: a.file, Line: p.line, Row: p.row, Column: p.col,
		Value: shorten(tok), Msg: msg, Err: err}
}

func braces(b formats.Basis) string {
	if b == formats.Binary {
		return "{0,1}"
	}
	return "{-1,+1}"
}
