package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

// utf8BOM is the byte order mark some editors put at the start of text.
var utf8BOM = []byte("\xef\xbb\xbf")

// textBufferSize is the read buffer of the text reader; longer lines are
// gathered in a separate buffer that grows as needed.
const textBufferSize = 1 << 16

// ReadText reads a text matrix from r: one row per line, values separated
// by whitespace or by commas, an optional header line of names, '#'
// comment lines and blank lines skipped (see the package documentation for
// the rules). name labels errors and becomes the dataset's source.
//
// The text is parsed as it streams in; memory holds the result (one byte
// per value) and the longest line, never the whole text.
func ReadText(ctx context.Context, r io.Reader, name string, o ReadOptions) (
	*Parsed, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	m, err := readTextMatrix(ctx, r, source{name: name, size: -1},
		newAlphabet(name, o))
	if err != nil {
		return nil, err
	}
	return m.finish(name, "text", o, o.Transpose)
}

// textReader holds the state of one pass over a text file.
type textReader struct {
	ctx   context.Context
	br    *bufio.Reader
	name  string
	a     *alphabet
	line  int      // number of the line last read
	read  int64    // bytes read up to the end of that line
	width int      // bytes of that line, with its line ending
	size  int64    // length of the stream in bytes, or −1
	long  []byte   // gathers lines longer than the read buffer
	toks  [][]byte // fields of the current line
	comma bool     // fields are separated by commas
}

func readTextMatrix(ctx context.Context, r io.Reader, src source, a *alphabet) (
	*matrix, error) {
	t := &textReader{ctx: ctx, br: bufio.NewReaderSize(r, textBufferSize),
		name: src.name, a: a, size: src.size}
	m := &matrix{alpha: a}
	refLine := 0 // line that fixed the row length
	for {
		line, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if isSkipped(line) {
			continue
		}
		if refLine == 0 {
			t.comma = bytes.IndexByte(line, ',') >= 0
		}
		t.split(line)
		if refLine == 0 {
			refLine = t.line
			m.cols = len(t.toks)
			if !allNumbers(t.toks) {
				if m.names, err = t.header(); err != nil {
					return nil, err
				}
				continue
			}
		}
		if err := t.row(m, refLine); err != nil {
			return nil, err
		}
	}
	return m, t.checkRows(m)
}

// next returns the next line without its line ending, or io.EOF.
func (t *textReader) next() ([]byte, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	line, err := t.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		t.long = append(t.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = t.br.ReadSlice('\n')
			t.long = append(t.long, line...)
		}
		line = t.long
	}
	if err != nil && err != io.EOF {
		return nil, t.readErr(err)
	}
	if err == io.EOF && len(line) == 0 {
		return nil, io.EOF
	}
	t.line++
	t.width = len(line)
	t.read += int64(t.width)
	if t.line == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	return line, nil
}

// readErr reports a failure of the underlying reader. A corrupt stream
// is an input error without a line: read-ahead makes the line uncertain.
func (t *textReader) readErr(err error) error {
	if ie := asInputError(t.name, err); ie != nil {
		return ie
	}
	return fmt.Errorf("ingest: %s: reading after line %d: %w", t.name, t.line, err)
}

// isSkipped reports whether line is blank or a '#' comment.
func isSkipped(line []byte) bool {
	for _, c := range line {
		switch c {
		case ' ', '\t', '\r', '\v', '\f':
			continue
		case '#':
			return true
		}
		return false
	}
	return true
}

// split cuts line into t.toks: at runs of whitespace, or at each comma
// with the whitespace around fields trimmed. The fields alias line.
func (t *textReader) split(line []byte) {
	t.toks = t.toks[:0]
	if t.comma {
		for {
			i := bytes.IndexByte(line, ',')
			if i < 0 {
				t.toks = append(t.toks, bytes.Trim(line, " \t\r\v\f"))
				return
			}
			t.toks = append(t.toks, bytes.Trim(line[:i], " \t\r\v\f"))
			line = line[i+1:]
		}
	}
	i, n := 0, len(line)
	for {
		for i < n && isSpace(line[i]) {
			i++
		}
		if i == n {
			return
		}
		j := i
		for j < n && !isSpace(line[j]) {
			j++
		}
		t.toks = append(t.toks, line[i:j])
		i = j
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// allNumbers reports whether every non-empty field is a number: such a
// first line is data, and its empty fields are reported as missing values.
func allNumbers(toks [][]byte) bool {
	for _, tok := range toks {
		if len(tok) > 0 && !isNumber(tok) {
			return false
		}
	}
	return true
}

// header turns the fields of a header line into names: a pair of double
// quotes around a name is removed; names must be printable text,
// non-empty and unique.
func (t *textReader) header() ([]string, error) {
	names := make([]string, len(t.toks))
	for j, tok := range t.toks {
		if n := len(tok); n >= 2 && tok[0] == '"' && tok[n-1] == '"' {
			tok = tok[1 : n-1]
		}
		if !isPrintable(tok) {
			return nil, &InputError{File: t.name, Line: t.line, Column: j + 1,
				Value: shorten(tok), Msg: "is not text: the input is binary " +
					"or in a format spinfer does not read"}
		}
		names[j] = string(tok)
	}
	if ie := checkNames(names); ie != nil {
		ie.File, ie.Line = t.name, t.line
		return nil, ie
	}
	return names, nil
}

func isPrintable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return utf8.Valid(b)
}

// row decodes the fields of a data line onto m.
func (t *textReader) row(m *matrix, refLine int) error {
	if len(t.toks) != m.cols {
		return t.ragged(m, refLine)
	}
	for j, tok := range t.toks {
		var (
			v   int8
			err error
		)
		if s, ok := parseSpin(tok); ok {
			v, err = t.a.spin(s, tok, pos{line: t.line, col: j + 1})
		} else {
			v, err = t.value(tok, j)
		}
		if err != nil {
			return err
		}
		m.vals = append(m.vals, v)
	}
	m.rows++
	if m.rows == 1 {
		t.reserve(m)
	}
	return nil
}

// reserve sizes m.vals for the whole stream, estimating the number of rows
// from the length of the first data line, so that the values are not
// copied as they grow. Every value takes at least one byte of text, so the
// reservation never exceeds the stream's size.
func (t *textReader) reserve(m *matrix) {
	left := t.size - t.read
	if t.size < 0 || left <= 0 {
		return
	}
	rows := left/int64(t.width) + 1
	rows += rows / 64 // lines vary in length ("1" and "-1")
	want := min(rows*int64(m.cols), t.size)
	m.vals = slices.Grow(m.vals, int(want)-len(m.vals))
}

// value decodes a field off the fast path of parseSpin.
func (t *textReader) value(tok []byte, j int) (int8, error) {
	p := pos{line: t.line, col: j + 1}
	switch {
	case len(tok) == 0:
		return 0, &InputError{File: t.name, Line: t.line, Column: j + 1,
			Msg: "empty value between commas"}
	case !isNumber(tok):
		return 0, t.a.errAt(tok, p, "is not a number", nil)
	}
	return t.a.number(parseNumber(tok), tok, p)
}

func (t *textReader) ragged(m *matrix, refLine int) error {
	what := "the first row"
	if m.names != nil {
		what = "the header"
	}
	ie := &InputError{File: t.name, Line: t.line, Msg: fmt.Sprintf(
		"line has %d values, but %s (line %d) has %d (ragged or wrapped rows)",
		len(t.toks), what, refLine, m.cols)}
	if len(t.toks) > m.cols {
		ie.Column = m.cols + 1
	}
	return ie
}

// checkRows rejects inputs that end without a data row.
func (t *textReader) checkRows(m *matrix) error {
	switch {
	case m.rows > 0:
		return nil
	case m.names != nil:
		return &InputError{File: t.name,
			Msg: "file has a header line but no data rows"}
	}
	return &InputError{File: t.name,
		Msg: "file has no data rows (empty, or only comments and blank lines)"}
}
