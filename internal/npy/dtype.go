package npy

import (
	"encoding/binary"
	"math"
	"strconv"
)

// DType is a supported element type: Kind is 'b' (bool), 'i' (signed
// integer), 'u' (unsigned integer) or 'f' (IEEE float); Size is the
// element size in bytes; Order is the byte order.
type DType struct {
	Kind  byte
	Size  int
	Order binary.ByteOrder
}

// ParseDType reads a dtype string such as "<f8", ">i4", "|u1" or "|b1".
// The error for an unsupported dtype wraps [ErrFormat].
func ParseDType(descr string) (DType, error) {
	bad := badf("dtype %q is not supported (bool, int8–64, "+
		"uint8–64, float32 or float64)", descr)
	if len(descr) < 3 {
		return DType{}, bad
	}
	t := DType{Kind: descr[1]}
	switch descr[0] {
	case '<', '|':
		t.Order = binary.LittleEndian
	case '>':
		t.Order = binary.BigEndian
	case '=':
		t.Order = binary.NativeEndian
	default:
		return DType{}, bad
	}
	size, err := strconv.Atoi(descr[2:])
	if err != nil {
		return DType{}, bad
	}
	t.Size = size
	switch {
	case t.Kind == 'b' && size == 1,
		(t.Kind == 'i' || t.Kind == 'u') &&
			(size == 1 || size == 2 || size == 4 || size == 8),
		t.Kind == 'f' && (size == 4 || size == 8):
		return t, nil
	}
	return DType{}, bad
}

// Descr returns the dtype string of t: "<f8", ">i2", "|u1", "|b1".
func (t DType) Descr() string {
	order := "<"
	switch {
	case t.Size == 1:
		order = "|"
	case t.Order.Uint16([]byte{1, 0}) != 1:
		order = ">"
	}
	return order + string(t.Kind) + strconv.Itoa(t.Size)
}

// Decode converts one element, b holding t.Size bytes. Integers and
// booleans come back exactly in x with isInt set; floats (and unsigned
// integers above MaxInt64) come back in f.
func (t DType) Decode(b []byte) (x int64, f float64, isInt bool) {
	switch t.Kind {
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
	if t.Size == 4 {
		return 0, float64(math.Float32frombits(t.Order.Uint32(b))), false
	}
	return 0, math.Float64frombits(t.Order.Uint64(b)), false
}

// Float64 converts one element to float64; integers beyond 2⁵³ are
// rounded.
func (t DType) Float64(b []byte) float64 {
	x, f, isInt := t.Decode(b)
	if isInt {
		return float64(x)
	}
	return f
}

// Encode writes x into b (t.Size bytes) converted to t: integer kinds
// truncate toward zero and wrap like a C cast, bool stores x ≠ 0.
func (t DType) Encode(b []byte, x float64) {
	switch t.Kind {
	case 'b':
		b[0] = 0
		if x != 0 {
			b[0] = 1
		}
		return
	case 'f':
		if t.Size == 4 {
			t.Order.PutUint32(b, math.Float32bits(float32(x)))
		} else {
			t.Order.PutUint64(b, math.Float64bits(x))
		}
		return
	}
	u := uint64(int64(x))
	if t.Kind == 'u' && x >= 1<<63 {
		u = uint64(x)
	}
	switch t.Size {
	case 1:
		b[0] = byte(u)
	case 2:
		t.Order.PutUint16(b, uint16(u))
	case 4:
		t.Order.PutUint32(b, uint32(u))
	default:
		t.Order.PutUint64(b, u)
	}
}

func (t DType) signed(b []byte) int64 {
	switch t.Size {
	case 1:
		return int64(int8(b[0]))
	case 2:
		return int64(int16(t.Order.Uint16(b)))
	case 4:
		return int64(int32(t.Order.Uint32(b)))
	}
	return int64(t.Order.Uint64(b))
}

func (t DType) unsigned(b []byte) uint64 {
	switch t.Size {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(t.Order.Uint16(b))
	case 4:
		return uint64(t.Order.Uint32(b))
	}
	return t.Order.Uint64(b)
}
