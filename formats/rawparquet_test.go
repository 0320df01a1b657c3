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
	writeRawGroups(t, path, cols, meta, 0, opts...)
}

// writeRawGroups is writeRaw with row groups of groupRows rows (0: one
// group). Values go to the column writers 100 at a time so that a small
// parquet.PageBufferSize yields many pages.
func writeRawGroups(t *testing.T, path string, cols []rawCol, meta map[string]string,
	groupRows int, opts ...parquet.WriterOption) {
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
	rows := len(cols[0].vals)
	if groupRows == 0 {
		groupRows = max(rows, 1)
	}
	for r0 := 0; r0 < rows; r0 += groupRows {
		r1 := min(r0+groupRows, rows)
		for i, c := range cols {
			writeRawValues(t, w.ColumnWriters()[i], c, i, r0, r1)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeRawValues(t *testing.T, cw *parquet.ColumnWriter, c rawCol, i, r0, r1 int) {
	t.Helper()
	for a := r0; a < r1; a += 100 {
		b := min(a+100, r1)
		vals := make([]parquet.Value, b-a)
		for r, v := range c.vals[a:b] {
			def := 0
			if c.node.Optional() && !v.IsNull() {
				def = 1
			}
			vals[r] = v.Level(0, def, i)
		}
		if _, err := cw.WriteRowValues(vals); err != nil {
			t.Fatal(err)
		}
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
