package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Array is a numeric array held as float64 in C (row-major) order.
//
// Data has the product of Shape entries; element (i, j) of a 2-D array
// is Data[i*Shape[1]+j] whatever the order of the file. DType and Fortran
// are the element type and order of the file that was read, or those to
// write (the zero DType means little-endian float64).
type Array struct {
	Shape   []int
	Data    []float64
	DType   DType
	Fortran bool
}

// chunk is the number of elements decoded or encoded per I/O call.
const chunk = 1 << 12

// Read reads a whole .npy array from r and converts its elements to
// float64 (integers beyond 2⁵³ are rounded). Memory grows with the data
// actually read, not with the shape the header declares. Extra bytes
// after the data are an error.
func Read(r io.Reader) (*Array, error) {
	h, err := ReadHeader(r)
	if err != nil {
		return nil, err
	}
	t, err := ParseDType(h.Descr)
	if err != nil {
		return nil, err
	}
	n := h.Len()
	if n < 0 || n > math.MaxInt/t.Size {
		return nil, badf("array of shape %s is too large", h.ShapeString())
	}
	stored, err := readElements(r, t, n)
	if err != nil {
		return nil, err
	}
	var extra [1]byte
	if k, _ := io.ReadFull(r, extra[:]); k > 0 {
		return nil, badf("has bytes after the array's data (a shape or " +
			"dtype that does not match the data?)")
	}
	a := &Array{Shape: h.Shape, Data: stored, DType: t, Fortran: h.Fortran}
	if h.Fortran && len(h.Shape) > 1 {
		a.Data = reorder(stored, h.Shape, true)
	}
	return a, nil
}

// readElements reads n elements of type t in stored order.
func readElements(r io.Reader, t DType, n int) ([]float64, error) {
	out := make([]float64, 0, min(n, 1<<20))
	buf := make([]byte, chunk*t.Size)
	for k0 := 0; k0 < n; k0 += chunk {
		m := min(chunk, n-k0)
		if _, err := io.ReadFull(r, buf[:m*t.Size]); err != nil {
			return nil, fmt.Errorf("data ends within the first %d of %d values "+
				"(truncated file, or a shape that does not match the data): %w",
				k0+m, n, unexpected(err))
		}
		for k := range m {
			out = append(out, t.Float64(buf[k*t.Size:(k+1)*t.Size]))
		}
	}
	return out, nil
}

// reorder converts between Fortran (column-major) and C (row-major)
// element order for the given shape: fromFortran true maps stored
// Fortran order to C order, false maps C order to Fortran order.
func reorder(x []float64, shape []int, fromFortran bool) []float64 {
	out := make([]float64, len(x))
	idx := make([]int, len(shape))
	cStride := make([]int, len(shape))
	s := 1
	for d := len(shape) - 1; d >= 0; d-- {
		cStride[d] = s
		s *= shape[d]
	}
	// Walk the Fortran positions k in order: the first index runs fastest.
	for k := range x {
		c := 0
		for d, i := range idx {
			c += i * cStride[d]
		}
		if fromFortran {
			out[c] = x[k]
		} else {
			out[k] = x[c]
		}
		for d := range idx {
			if idx[d]++; idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
	}
	return out
}

// Write writes a as a .npy file, converting every element to a.DType
// (float64 when zero) and storing it in a.Fortran order. The header is
// laid out as numpy 1.24 lays it out (format 1.0 unless the header needs
// 2.0), so a file written from numpy's own values is byte-identical to
// numpy.save's. It panics if len(a.Data) is not the product of a.Shape or
// a.DType is not a supported type (programmer errors).
func Write(w io.Writer, a *Array) error {
	t := a.DType
	if t.Kind == 0 {
		t = DType{Kind: 'f', Size: 8, Order: binary.LittleEndian}
	}
	if _, err := ParseDType(t.Descr()); err != nil || t.Order == nil {
		panic(fmt.Sprintf("npy: Write: unsupported dtype %+v", t))
	}
	h := Header{Descr: t.Descr(), Fortran: a.Fortran, Shape: a.Shape}
	if n := h.Len(); n != len(a.Data) {
		panic(fmt.Sprintf("npy: Write: %d values for shape %s", len(a.Data), h.ShapeString()))
	}
	if _, err := w.Write(encodeHeader(h)); err != nil {
		return err
	}
	data := a.Data
	if a.Fortran && len(a.Shape) > 1 {
		data = reorder(data, a.Shape, false)
	}
	buf := make([]byte, chunk*t.Size)
	for k0 := 0; k0 < len(data); k0 += chunk {
		m := min(chunk, len(data)-k0)
		for k := range m {
			t.Encode(buf[k*t.Size:(k+1)*t.Size], data[k0+k])
		}
		if _, err := w.Write(buf[:m*t.Size]); err != nil {
			return err
		}
	}
	return nil
}

// growthDigits is the room numpy leaves in a header so that the growing
// axis can be rewritten in place: the header gets
// growthDigits − len(str(shape[axis])) extra spaces.
const growthDigits = 21

// align is the boundary the data start on.
const align = 64

// encodeHeader returns magic, version, length and padded header dict.
func encodeHeader(h Header) []byte {
	fortran := "False"
	if h.Fortran {
		fortran = "True"
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': %s, }",
		h.Descr, fortran, h.ShapeString())
	if len(h.Shape) > 0 {
		axis := 0
		if h.Fortran {
			axis = len(h.Shape) - 1
		}
		dict += strings.Repeat(" ", growthDigits-len(strconv.Itoa(h.Shape[axis])))
	}
	version, lenBytes := byte(1), 2
	if len(dict)+align+1 > math.MaxUint16 {
		version, lenBytes = 2, 4
	}
	pre := len(Magic) + 2 + lenBytes
	pad := align - (pre+len(dict)+1)%align
	dict += strings.Repeat(" ", pad) + "\n"
	out := append([]byte(Magic), version, 0)
	if lenBytes == 2 {
		out = binary.LittleEndian.AppendUint16(out, uint16(len(dict)))
	} else {
		out = binary.LittleEndian.AppendUint32(out, uint32(len(dict)))
	}
	return append(out, dict...)
}
