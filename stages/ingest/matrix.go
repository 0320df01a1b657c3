package ingest

import (
	"fmt"
	"strconv"

	"github.com/spinfer/spinfer/formats"
)

// Metadata keys the ingest stage adds to the datasets it writes, next to
// the standard keys of package formats.
const (
	KeyFormat       = "spinfer.input_format"  // how the input was read
	KeyTranspose    = "spinfer.transpose"     // "true" or "false"
	KeyThreshold    = "spinfer.threshold"     // binarisation threshold, if any
	KeyBasisNote    = "spinfer.basis_note"    // why an ambiguous basis was chosen
	KeyPart         = "spinfer.split"         // "train" or "test"
	KeyTestFraction = "spinfer.test_fraction" // F of the split
	KeySplitSeed    = "spinfer.split_seed"    // seed of the split
)

// Parsed is an input read into memory.
type Parsed struct {
	// Dataset holds the values, Rows configurations of N variables,
	// row-major; Meta has the reading settings (KeyFormat, KeyTranspose,
	// KeyThreshold, KeyBasisNote).
	Dataset *formats.Dataset
	// Format names the reader: "text", "gzip/text", "zip/npy", ...
	Format string
	// Notes lists choices made for the user that change nothing in the
	// values but that the user may want to know (an ambiguous basis, a
	// dropped header).
	Notes []string
}

// matrix is a decoded input in the file's own orientation: rows×cols
// values, row-major, with the column names of a header or table (nil when
// the input has none).
type matrix struct {
	rows, cols int
	vals       []int8
	names      []string
	alpha      *alphabet
}

// finish orients the matrix (transposing it when flip is set), names the
// variables and decides the basis.
func (m *matrix) finish(name, format string, o ReadOptions, flip bool) (
	*Parsed, error) {
	p := &Parsed{Format: format}
	meta := map[string]string{
		KeyFormat:    format,
		KeyTranspose: strconv.FormatBool(o.Transpose),
	}
	if o.Threshold != nil {
		meta[KeyThreshold] = strconv.FormatFloat(*o.Threshold, 'g', -1, 64)
	}
	basis, note := m.alpha.basis()
	if note != "" {
		meta[KeyBasisNote] = note
		p.Notes = append(p.Notes, note)
	}
	rows, cols, vals, names := m.rows, m.cols, m.vals, m.names
	if flip {
		vals = transpose(vals, rows, cols)
		rows, cols = cols, rows
		if names != nil {
			p.Notes = append(p.Notes, "the column names of a transposed "+
				"input name configurations; they were not used")
			names = nil
		}
	}
	switch {
	case o.Names != nil && len(o.Names) != cols:
		return nil, &InputError{File: name, Msg: fmt.Sprintf(
			"%d names were given but the data has %d variables",
			len(o.Names), cols)}
	case o.Names != nil:
		names = append([]string(nil), o.Names...)
	case names == nil:
		names = defaultNames(cols)
	}
	p.Dataset = &formats.Dataset{Names: names, Basis: basis, Rows: rows,
		Values: vals, Meta: meta}
	return p, nil
}

// transpose returns the c×r transpose of the r×c row-major matrix a.
func transpose(a []int8, r, c int) []int8 {
	t := make([]int8, len(a))
	const blk = 64 // square tiles keep both sides in cache
	for i0 := 0; i0 < r; i0 += blk {
		for j0 := 0; j0 < c; j0 += blk {
			for i := i0; i < min(i0+blk, r); i++ {
				for j := j0; j < min(j0+blk, c); j++ {
					t[j*r+i] = a[i*c+j]
				}
			}
		}
	}
	return t
}

// defaultNames returns s0 … s{n−1}.
func defaultNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = "s" + strconv.Itoa(i)
	}
	return names
}

// checkNames returns the first empty or repeated name, with Column set to
// its 1-based position, or nil.
func checkNames(names []string) *InputError {
	at := make(map[string]int, len(names))
	for j, s := range names {
		if s == "" {
			return &InputError{Column: j + 1, Msg: "column name is empty"}
		}
		if k, dup := at[s]; dup {
			return &InputError{Column: j + 1, Value: s, Msg: fmt.Sprintf(
				"is a duplicate column name (also column %d)", k+1)}
		}
		at[s] = j
	}
	return nil
}

// constantColumns returns the indices of the variables that take one
// value in every row of d.
func constantColumns(d *formats.Dataset) []int {
	n := d.N()
	if d.Rows == 0 {
		return nil
	}
	varies := make([]bool, n)
	first := d.Row(0)
	for r := 1; r < d.Rows; r++ {
		for i, v := range d.Row(r) {
			if v != first[i] {
				varies[i] = true
			}
		}
	}
	var idx []int
	for i, v := range varies {
		if !v {
			idx = append(idx, i)
		}
	}
	return idx
}
