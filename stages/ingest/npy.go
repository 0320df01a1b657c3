package ingest

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/spinfer/spinfer/formats"
)

// npyType is a supported numpy dtype: kind 'b' (bool), 'i', 'u' or 'f',
// size in bytes and byte order.
type npyType struct {
	kind  byte
	size  int
	order binary.ByteOrder
}

// parseDescr reads a dtype string such as "<f8", ">i4", "|u1" or "|b1".
func parseDescr(d string) (npyType, error) {
	bad := fmt.Errorf("dtype %q is not supported (bool, int8–64, "+
		"uint8–64, float32 or float64)", d)
	if len(d) < 3 {
		return npyType{}, bad
	}
	t := npyType{kind: d[1]}
	switch d[0] {
	case '<', '|':
		t.order = binary.LittleEndian
	case '>':
		t.order = binary.BigEndian
	case '=':
		t.order = binary.NativeEndian
	default:
		return t, bad
	}
	size, err := strconv.Atoi(d[2:])
	if err != nil {
		return t, bad
	}
	t.size = size
	switch {
	case t.kind == 'b' && size == 1,
		(t.kind == 'i' || t.kind == 'u') &&
			(size == 1 || size == 2 || size == 4 || size == 8),
		t.kind == 'f' && (size == 4 || size == 8):
		return t, nil
	}
	return t, bad
}

// decode converts one element; x is exact when isInt, else f holds it.
func (t npyType) decode(b []byte) (x int64, f float64, isInt bool) {
	switch t.kind {
	case 'b':
		if b[0] != 0 {
			return 1, 0, true
		}
		return 0, 0, true
	case 'i':
		return t.signed(b), 0, true
	case 'u':
		u := t.unsigned(b)
		if u > math.MaxInt64 {
			return 0, float64(u), false
		}
		return int64(u), 0, true
	}
	if t.size == 4 {
		return 0, float64(math.Float32frombits(t.order.Uint32(b))), false
	}
	return 0, math.Float64frombits(t.order.Uint64(b)), false
}

func (t npyType) signed(b []byte) int64 {
	switch t.size {
	case 1:
		return int64(int8(b[0]))
	case 2:
		return int64(int16(t.order.Uint16(b)))
	case 4:
		return int64(int32(t.order.Uint32(b)))
	}
	return int64(t.order.Uint64(b))
}

func (t npyType) unsigned(b []byte) uint64 {
	switch t.size {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(t.order.Uint16(b))
	case 4:
		return uint64(t.order.Uint32(b))
	}
	return t.order.Uint64(b)
}

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
	rows, cols := h.shape[0], h.shape[1]
	a := newAlphabet(name, o)
	if t.kind == 'b' {
		a.hint = formats.Binary
	}
	// A Fortran-ordered array is stored as its transpose in C order.
	m := &matrix{rows: rows, cols: cols, alpha: a}
	if h.fortran {
		m.rows, m.cols = cols, rows
	}
	if err := readNPYData(ctx, r, name, t, h.fortran, m); err != nil {
		return nil, err
	}
	return m.finish(name, format, o, h.fortran != o.Transpose)
}

// npyPrologue reads and checks the header: a supported dtype and a
// non-empty 2-D shape.
func npyPrologue(r io.Reader, name string) (npyHeader, npyType, error) {
	h, err := readNPYHeader(r)
	if err != nil {
		if ie := asInputError(name, err); ie != nil {
			return h, npyType{}, ie
		}
		return h, npyType{}, &InputError{File: name, Msg: err.Error(), Err: err}
	}
	t, err := parseDescr(h.descr)
	if err != nil {
		return h, t, &InputError{File: name, Msg: err.Error()}
	}
	if len(h.shape) != 2 {
		return h, t, &InputError{File: name, Msg: fmt.Sprintf(
			"array has shape %s (%d-D); spinfer needs a 2-D array, "+
				"configurations × variables (reshape it, e.g. "+
				"a.reshape(1, -1) for one configuration)",
			h.shapeString(), len(h.shape))}
	}
	rows, cols := h.shape[0], h.shape[1]
	switch {
	case rows <= 0 || cols <= 0:
		return h, t, &InputError{File: name, Msg: fmt.Sprintf(
			"array of shape %s holds no data", h.shapeString())}
	case cols > math.MaxInt32 || rows > math.MaxInt/cols/t.size:
		return h, t, &InputError{File: name, Msg: fmt.Sprintf(
			"array of shape %s is too large", h.shapeString())}
	}
	return h, t, nil
}

// readNPYData decodes the m.rows×m.cols stored elements onto m.vals.
func readNPYData(ctx context.Context, r io.Reader, name string, t npyType,
	fortran bool, m *matrix) error {
	total := m.rows * m.cols
	m.vals = make([]int8, 0, min(total, 1<<24))
	buf := make([]byte, npyChunk*t.size)
	for k0 := 0; k0 < total; k0 += npyChunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(npyChunk, total-k0)
		if _, err := io.ReadFull(r, buf[:n*t.size]); err != nil {
			return npyShort(name, err, k0+n, total)
		}
		for k := range n {
			v, err := npyValue(m.alpha, t, buf[k*t.size:(k+1)*t.size],
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
func npyValue(a *alphabet, t npyType, b []byte, p pos) (int8, error) {
	x, f, isInt := t.decode(b)
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
