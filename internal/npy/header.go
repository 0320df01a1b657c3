package npy

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"strconv"
	"strings"
)

// Magic is the string every .npy file starts with.
const Magic = "\x93NUMPY"

// maxHeader bounds the header length a file may declare, in bytes.
const maxHeader = 1 << 16

// Header is the parsed header of a .npy file.
//
// Descr is the dtype string as written (e.g. "<f8", "|u1"); Fortran
// reports column-major element order; Shape lists the dimensions, empty
// for a 0-d array.
type Header struct {
	Descr   string
	Fortran bool
	Shape   []int
}

// ShapeString formats the shape as Python prints a tuple: "(3,)",
// "(2, 4)".
func (h Header) ShapeString() string {
	parts := make([]string, len(h.Shape))
	for i, d := range h.Shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// Len returns the number of elements, the product of the shape, or −1
// when a dimension is negative or the product overflows an int.
func (h Header) Len() int {
	n := 1
	for _, d := range h.Shape {
		if d < 0 || (d > 0 && n > math.MaxInt/d) {
			return -1
		}
		n *= d
	}
	return n
}

// ReadHeader reads the magic string, the version and the header dict,
// leaving r at the first data byte. It does not check that the dtype is
// supported (see [ParseDType]).
func ReadHeader(r io.Reader) (Header, error) {
	var pre [8]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return Header{}, err
	}
	if !bytes.HasPrefix(pre[:], []byte(Magic)) {
		return Header{}, badf("not a .npy file (it does not start with %q)", Magic)
	}
	n, err := headerLen(r, pre[6], pre[7])
	if err != nil {
		return Header{}, err
	}
	text := make([]byte, n)
	if _, err := io.ReadFull(r, text); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return Header{}, err
	}
	return parseDict(string(text))
}

// headerLen reads the header length field of format version major.minor.
func headerLen(r io.Reader, major, minor byte) (int, error) {
	var l [4]byte
	var n int
	switch major {
	case 1:
		if _, err := io.ReadFull(r, l[:2]); err != nil {
			return 0, unexpected(err)
		}
		n = int(binary.LittleEndian.Uint16(l[:2]))
	case 2, 3:
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return 0, unexpected(err)
		}
		n = int(binary.LittleEndian.Uint32(l[:]))
	default:
		return 0, badf("unknown .npy format version %d.%d", major, minor)
	}
	if n > maxHeader {
		return 0, badf(".npy header of %d bytes is too long", n)
	}
	return n, nil
}

// unexpected turns io.EOF in the middle of a file into
// io.ErrUnexpectedEOF.
func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// parseDict reads the header dict.
func parseDict(s string) (Header, error) {
	p := &pyParser{s: s}
	v, err := p.value(0)
	if err != nil {
		return Header{}, badf(".npy header: %v", err)
	}
	d, ok := v.(map[string]any)
	if !ok {
		return Header{}, badf(".npy header is not a dict")
	}
	var h Header
	switch x := d["descr"].(type) {
	case string:
		h.Descr = x
	case []any:
		return h, badf("structured .npy arrays (record dtypes) are not " +
			"supported; save a plain 2-D numeric array")
	default:
		return h, badf(".npy header has no dtype (descr)")
	}
	if h.Fortran, ok = d["fortran_order"].(bool); !ok {
		return h, badf(".npy header has no fortran_order")
	}
	shape, ok := d["shape"].([]any)
	if !ok {
		return h, badf(".npy header has no shape")
	}
	for _, x := range shape {
		n, ok := x.(int)
		if !ok || n < 0 {
			return h, badf(".npy header shape %v is not a tuple of "+
				"non-negative integers", shape)
		}
		h.Shape = append(h.Shape, n)
	}
	return h, nil
}
