package formats

import (
	"fmt"
	"reflect"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"
)

// Physical layouts of the columns spinfer writes.
const (
	colInt8    = iota // INT32 physical, logical Int(8, signed), dictionary encoded
	colInt32          // INT32
	colInt64          // INT64
	colFloat64        // DOUBLE
	colString         // BYTE_ARRAY, logical String
)

// colSpec names one column of a table being written.
type colSpec struct {
	name string
	kind int // colInt8, …
}

// node returns the required parquet leaf of the column.
func (c colSpec) node() parquet.Node {
	switch c.kind {
	case colInt8:
		// Two distinct values per column: the dictionary indices take one
		// bit per value before compression.
		return parquet.Encoded(parquet.Int(8), &parquet.RLEDictionary)
	case colInt32:
		return parquet.Int(32)
	case colInt64:
		return parquet.Int(64)
	case colFloat64:
		return parquet.Leaf(parquet.DoubleType)
	case colString:
		return parquet.String()
	}
	panic(fmt.Sprintf("formats: unknown column kind %d", c.kind))
}

// newSchema returns a flat schema with the columns in the order given.
// (parquet.Group sorts its fields by name, which would scramble the
// variable order of a dataset.)
func newSchema(cols []colSpec) *parquet.Schema {
	g := make(orderedGroup, len(cols))
	for i, c := range cols {
		g[i] = &namedField{Node: c.node(), name: c.name}
	}
	return parquet.NewSchema("spinfer", g)
}

// orderedGroup is a parquet group node that keeps its fields in the
// order given.
type orderedGroup []parquet.Field

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return parquet.NewSchema("", g).String() }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Fields() []parquet.Field     { return g }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }

// GoType is only consulted when rows are built from Go values by
// reflection, which spinfer never does.
func (g orderedGroup) GoType() reflect.Type { return reflect.TypeFor[map[string]any]() }

// namedField is one field of an orderedGroup.
type namedField struct {
	parquet.Node
	name string
}

func (f *namedField) Name() string { return f.name }

func (f *namedField) Value(base reflect.Value) reflect.Value {
	panic("formats: reflection access to a runtime schema")
}

// Classes of leaf columns as spinfer reads them.
const (
	classOther  = iota // unsupported (dates, decimals, binary, nested …)
	classBool          // BOOLEAN
	classInt           // INT32 or INT64, plain or with an integer annotation
	classUint          // INT32 or INT64 annotated unsigned
	classFloat         // FLOAT or DOUBLE
	classString        // BYTE_ARRAY annotated String, Enum or JSON
)

// classify returns the class of a leaf type.
func classify(t parquet.Type) int {
	lt := t.LogicalType()
	ct := t.ConvertedType()
	switch t.Kind() {
	case parquet.Boolean:
		return classBool
	case parquet.Float, parquet.Double:
		return classFloat
	case parquet.Int32, parquet.Int64:
		return classifyInt(lt, ct)
	case parquet.ByteArray:
		if lt != nil {
			switch lt.Value.(type) {
			case *format.StringType, *format.EnumType, *format.JsonType:
				return classString
			}
			return classOther
		}
		if ct != nil && (*ct == deprecated.UTF8 || *ct == deprecated.Enum) {
			return classString
		}
	}
	return classOther
}

func classifyInt(lt *format.LogicalType, ct *deprecated.ConvertedType) int {
	if lt != nil {
		it, ok := lt.Value.(*format.IntType)
		switch {
		case !ok:
			return classOther
		case it.IsSigned:
			return classInt
		default:
			return classUint
		}
	}
	if ct == nil {
		return classInt
	}
	switch *ct {
	case deprecated.Int8, deprecated.Int16, deprecated.Int32, deprecated.Int64:
		return classInt
	case deprecated.Uint8, deprecated.Uint16, deprecated.Uint32, deprecated.Uint64:
		return classUint
	}
	return classOther
}

// typeName is a short human name of a leaf type for messages and
// Describe: int8, uint16, int64, double, bool, string, or the Parquet
// physical and logical type for anything else.
func typeName(t parquet.Type) string {
	lt := t.LogicalType()
	switch classify(t) {
	case classBool:
		return "bool"
	case classFloat:
		if t.Kind() == parquet.Float {
			return "float"
		}
		return "double"
	case classString:
		return "string"
	case classInt, classUint:
		return intName(t, lt)
	}
	if lt != nil && lt.Value != nil {
		return fmt.Sprintf("%s (%s)", t.Kind(), lt)
	}
	if ct := t.ConvertedType(); ct != nil {
		return fmt.Sprintf("%s (converted type %d)", t.Kind(), int(*ct))
	}
	return t.Kind().String()
}

func intName(t parquet.Type, lt *format.LogicalType) string {
	bits, signed := 32, true
	if t.Kind() == parquet.Int64 {
		bits = 64
	}
	if lt != nil {
		if it, ok := lt.Value.(*format.IntType); ok {
			bits, signed = int(it.BitWidth), it.IsSigned
		}
	} else if ct := t.ConvertedType(); ct != nil {
		bits, signed = convertedIntBits(*ct)
	}
	if signed {
		return fmt.Sprintf("int%d", bits)
	}
	return fmt.Sprintf("uint%d", bits)
}

func convertedIntBits(ct deprecated.ConvertedType) (bits int, signed bool) {
	switch ct {
	case deprecated.Int8:
		return 8, true
	case deprecated.Int16:
		return 16, true
	case deprecated.Int32:
		return 32, true
	case deprecated.Int64:
		return 64, true
	case deprecated.Uint8:
		return 8, false
	case deprecated.Uint16:
		return 16, false
	case deprecated.Uint32:
		return 32, false
	}
	return 64, false
}
