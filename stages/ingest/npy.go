package ingest

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/npy"
)

// ReadNPY reads a 2-D numpy array saved with numpy.save (.npy format 1.0,
// 2.0 or 3.0) from r, rows as configurations (see [ReadOptions.Transpose]).
// name labels errors.
func ReadNPY(ctx context.Context, r io.Reader, name string, o ReadOptions) (
	*Parsed, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return readNPY(ctx, r, name, "npy", o)
}

// npyChunk is the number of elements decoded per read.
const npyChunk = 1 << 12

func readNPY(ctx context.Context, r io.Reader, name, format string,
	o ReadOptions) (*Parsed, error) {
	h, t, err := npyPrologue(r, name)
	if err != nil {
		return nil, err
	}
	rows, cols := h.Shape[0], h.Shape[1]
	a := newAlphabet(name, o)
	if t.Kind == 'b' {
		a.hint = formats.Binary
	}
	// A Fortran-ordered array is stored as its transpose in C order.
	m := &matrix{rows: rows, cols: cols, alpha: a}
	if h.Fortran {
		m.rows, m.cols = cols, rows
	}
	if err := readNPYData(ctx, r, name, t, h.Fortran, m); err != nil {
		return nil, err
	}
	return m.finish(name, format, o, h.Fortran != o.Transpose)
}

// npyPrologue reads and checks the header: a supported dtype and a
// non-empty 2-D shape.
func npyPrologue(r io.Reader, name string) (npy.Header, npy.DType, error) {
	h, err := npy.ReadHeader(r)
	if err != nil {
		if ie := asInputError(name, err); ie != nil {
			return h, npy.DType{}, ie
		}
		return h, npy.DType{}, &InputError{File: name, Msg: err.Error(), Err: err}
	}
	t, err := npy.ParseDType(h.Descr)
	if err != nil {
		return h, t, &InputError{File: name, Msg: err.Error()}
	}
	if len(h.Shape) != 2 {
		return h, t, &InputError{File: name, Msg: fmt.Sprintf(
			"array has shape %s (%d-D); spinfer needs a 2-D array, "+
				"configurations × variables (reshape it, e.g. "+
				"a.reshape(1, -1) for one configuration)",
			h.ShapeString(), len(h.Shape))}
	}
	rows, cols := h.Shape[0], h.Shape[1]
	switch {
	case rows <= 0 || cols <= 0:
		return h, t, &InputError{File: name, Msg: fmt.Sprintf(
			"array of shape %s holds no data", h.ShapeString())}
	case cols > math.MaxInt32 || rows > math.MaxInt/cols/t.Size:
		return h, t, &InputError{File: name, Msg: fmt.Sprintf(
			"array of shape %s is too large", h.ShapeString())}
	}
	return h, t, nil
}

// readNPYData decodes the m.rows×m.cols stored elements onto m.vals.
func readNPYData(ctx context.Context, r io.Reader, name string, t npy.DType,
	fortran bool, m *matrix) error {
	total := m.rows * m.cols
	m.vals = make([]int8, 0, min(total, 1<<24))
	buf := make([]byte, npyChunk*t.Size)
	for k0 := 0; k0 < total; k0 += npyChunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(npyChunk, total-k0)
		if _, err := io.ReadFull(r, buf[:n*t.Size]); err != nil {
			return npyShort(name, err, k0+n, total)
		}
		for k := range n {
			v, err := npyValue(m.alpha, t, buf[k*t.Size:(k+1)*t.Size],
				npyPos(k0+k, m.cols, fortran))
			if err != nil {
				return err
			}
			m.vals = append(m.vals, v)
		}
	}
	var extra [1]byte
	if n, _ := io.ReadFull(r, extra[:]); n > 0 {
		return &InputError{File: name, Msg: "has bytes after the array's " +
			"data (a shape or dtype that does not match the data?)"}
	}
	return nil
}

// npyValue decodes one element.
func npyValue(a *alphabet, t npy.DType, b []byte, p pos) (int8, error) {
	x, f, isInt := t.Decode(b)
	if isInt {
		return a.integer(x, p)
	}
	return a.real(f, p)
}

// npyPos returns the array position of stored element k.
func npyPos(k, storedCols int, fortran bool) pos {
	i, j := k/storedCols, k%storedCols
	if fortran {
		i, j = j, i
	}
	return pos{row: i + 1, col: j + 1}
}

func npyShort(name string, err error, k, total int) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &InputError{File: name, Msg: fmt.Sprintf(
			"data ends within the first %d of %d values (truncated file, "+
				"or a shape that does not match the data)", k, total),
			Err: err}
	}
	return readErr(name, err)
}
