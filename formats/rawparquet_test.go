package formats

import (
	"os"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// rawCol is one column of a hand-made test file: any node (optional,
// dictionary encoded, …) and its values, nulls included.
type rawCol struct {
	name string
	node parquet.Node
	vals []parquet.Value
}

// writeRaw writes a Parquet file with parquet-go directly, bypassing the
// package's writers, to emulate files made by other tools. Options such
// as parquet.DataPageVersion(1) or a codec are passed through.
func writeRaw(t *testing.T, path string, cols []rawCol, meta map[string]string,
	opts ...parquet.WriterOption) {
	t.Helper()
	g := make(orderedGroup, len(cols))
	for i, c := range cols {
		g[i] = &namedField{Node: c.node, name: c.name}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := parquet.NewWriter(f, append(opts, parquet.NewSchema("schema", g))...)
	for k, v := range meta {
		w.SetKeyValueMetadata(k, v)
	}
	for i, c := range cols {
		vals := make([]parquet.Value, len(c.vals))
		for r, v := range c.vals {
			def := 0
			if c.node.Optional() && !v.IsNull() {
				def = 1
			}
			vals[r] = v.Level(0, def, i)
		}
		if _, err := w.ColumnWriters()[i].WriteRowValues(vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func int64s(x ...int64) []parquet.Value {
	v := make([]parquet.Value, len(x))
	for i := range x {
		v[i] = parquet.Int64Value(x[i])
	}
	return v
}

func int32s(x ...int32) []parquet.Value {
	v := make([]parquet.Value, len(x))
	for i := range x {
		v[i] = parquet.Int32Value(x[i])
	}
	return v
}

func doubles(x ...float64) []parquet.Value {
	v := make([]parquet.Value, len(x))
	for i := range x {
		v[i] = parquet.DoubleValue(x[i])
	}
	return v
}

func strs(x ...string) []parquet.Value {
	v := make([]parquet.Value, len(x))
	for i := range x {
		v[i] = parquet.ByteArrayValue([]byte(x[i]))
	}
	return v
}

func bools(x ...bool) []parquet.Value {
	v := make([]parquet.Value, len(x))
	for i := range x {
		v[i] = parquet.BooleanValue(x[i])
	}
	return v
}
