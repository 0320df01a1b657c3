package importmodel

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/npy"
)

// Formats of an input file, found from its first bytes.
const (
	FormatNPY     = "npy"
	FormatParquet = "parquet"
	FormatText    = "text"
)

// matrix is a file's numbers as stored: rows×cols, row-major, in the
// file's own orientation (a Fortran-ordered .npy is already in C order).
type matrix struct {
	role, path string
	format     string
	dtype      string // .npy dtype, e.g. "<f4"; "" for other formats
	shape      []int  // .npy shape, or [rows, cols]
	rows, cols int    // a 1-D array is rows×1
	vals       []float64
	lines      []int    // text: the physical line of each row
	skipCols   int      // text: leading fields dropped from every line
	colNames   []string // Parquet: the column of each matrix column
	notes      []string // what was skipped or assumed, for the user
}

// oneD reports a 1-D array.
func (m *matrix) oneD() bool { return len(m.shape) == 1 }

// dims formats the shape as stored: "64×20", or "64" for a 1-D array.
func (m *matrix) dims() string {
	if m.oneD() {
		return strconv.Itoa(m.rows)
	}
	return fmt.Sprintf("%d×%d", m.rows, m.cols)
}

// readMatrix reads one input file; the format is found from its first
// bytes: the .npy magic string, Parquet's "PAR1", otherwise text.
func readMatrix(role, path string) (*matrix, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(role, path, err, "cannot open: %v", unwrapPath(err))
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(8)
	m := &matrix{role: role, path: path}
	switch {
	case bytes.HasPrefix(head, []byte(npy.Magic)):
		err = m.readNPY(br)
	case bytes.HasPrefix(head, []byte("PAR1")):
		err = m.readParquet()
	default:
		err = m.readText(br)
	}
	if err != nil {
		return nil, err
	}
	if len(m.vals) == 0 {
		return nil, fileErr(role, path, nil, "holds no values (%s of shape %s)",
			m.format, m.dims())
	}
	return m, m.checkFinite()
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readNPY reads a 1-D or 2-D .npy array.
func (m *matrix) readNPY(r io.Reader) error {
	m.format = FormatNPY
	a, err := npy.Read(r)
	if err != nil {
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			return fileErr(m.role, m.path, err, "the file ends within its header "+
				"(truncated file?)")
		}
		return fileErr(m.role, m.path, err, "%v", err)
	}
	m.dtype, m.shape, m.vals = a.DType.Descr(), a.Shape, a.Data
	switch len(a.Shape) {
	case 1:
		m.rows, m.cols = a.Shape[0], 1
	case 2:
		m.rows, m.cols = a.Shape[0], a.Shape[1]
	default:
		return fileErr(m.role, m.path, nil, "array has shape %s (%d-D); a model file "+
			"holds a matrix (2-D) or a vector (1-D)",
			npy.Header{Shape: a.Shape}.ShapeString(), len(a.Shape))
	}
	return nil
}

// readParquet reads the numeric columns of a flat Parquet table.
func (m *matrix) readParquet() error {
	m.format = FormatParquet
	w, err := formats.ReadWide(m.path)
	if err != nil {
		return fileErr(m.role, m.path, err, "%v", trimFormatsPrefix(err, m.path))
	}
	m.rows, m.cols, m.vals, m.colNames = w.Rows, len(w.Names), w.Values, w.Names
	m.shape = []int{m.rows, m.cols}
	if len(w.Index) > 0 {
		m.notes = append(m.notes, fmt.Sprintf("%s: skipped the index column(s) %q",
			m.path, w.Index))
	}
	return nil
}

// trimFormatsPrefix shortens a formats error that repeats the path.
func trimFormatsPrefix(err error, path string) string {
	s := err.Error()
	p := "formats: " + path + ": "
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

// checkFinite reports the first NaN or ±Inf with its position in the
// file, and how many more there are.
func (m *matrix) checkFinite() error {
	first, count := -1, 0
	for k, x := range m.vals {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			if first < 0 {
				first = k
			}
			count++
		}
	}
	if first < 0 {
		return nil
	}
	e := m.at(first)
	e.Msg = fmt.Sprintf("value %v is not a finite number", m.vals[first])
	if count > 1 {
		e.Msg += fmt.Sprintf(" (and %d more non-finite values)", count-1)
	}
	return e
}

// at returns an error located at element k of m.vals.
func (m *matrix) at(k int) *InputError {
	e := &InputError{Role: m.role, File: m.path}
	i, j := k/m.cols, k%m.cols
	switch {
	case m.lines != nil:
		e.Line, e.Column = m.lines[i], j+1+m.skipCols
	case m.oneD():
		e.Entry = i + 1
	default:
		e.Row, e.Column = i+1, j+1
	}
	if m.colNames != nil {
		e.ColumnName = m.colNames[j]
	}
	return e
}
