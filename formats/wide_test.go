package formats

import (
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// The pandas metadata below follows what pyarrow writes for
// DataFrame.to_parquet (index columns last, index_columns naming them or
// describing a RangeIndex).
const pandasIndexed = `{"index_columns": ["__index_level_0__"], "column_indexes": [],
 "columns": [{"name": "a", "field_name": "a", "pandas_type": "int64", "numpy_type": "int64",
 "metadata": null}, {"name": null, "field_name": "__index_level_0__", "pandas_type": "int64",
 "numpy_type": "int64", "metadata": null}], "creator": {"library": "pyarrow",
 "version": "14.0.2"}, "pandas_version": "2.1.4"}`

const pandasNamedIndex = `{"index_columns": ["id"], "columns": []}`

const pandasRange = `{"index_columns": [{"kind": "range", "name": null, "start": 0,
 "stop": 4, "step": 1}], "columns": []}`

// pandasNode is a nullable, dictionary-encoded column as pyarrow writes.
func pandasNode(leaf parquet.Node) parquet.Node {
	return parquet.Optional(parquet.Encoded(leaf, &parquet.RLEDictionary))
}

// pandasOpts are pyarrow's defaults: version 1 data pages, snappy.
var pandasOpts = []parquet.WriterOption{parquet.DataPageVersion(1),
	parquet.Compression(&parquet.Snappy)}

func TestReadWidePandas(t *testing.T) {
	i64 := pandasNode(parquet.Int(64))
	for _, tc := range []struct {
		name      string
		cols      []rawCol
		pandas    string
		wantNames []string
		wantIndex []string
		want      []float64
	}{
		{"int64 with index column",
			[]rawCol{{"a", i64, int64s(1, -1, 1)}, {"b", i64, int64s(-1, -1, 1)},
				{"__index_level_0__", i64, int64s(10, 11, 12)}},
			pandasIndexed, []string{"a", "b"}, []string{"__index_level_0__"},
			[]float64{1, -1, -1, -1, 1, 1}},
		{"named string index",
			[]rawCol{{"x", i64, int64s(0, 1)},
				{"id", pandasNode(parquet.String()), strs("p", "q")}},
			pandasNamedIndex, []string{"x"}, []string{"id"}, []float64{0, 1}},
		{"range index, mixed dtypes",
			[]rawCol{
				{"flag", parquet.Optional(parquet.Leaf(parquet.BooleanType)),
					bools(true, false, true, false)},
				{"i8", pandasNode(parquet.Int(8)), int32s(-3, 0, 1, 127)},
				{"u8", pandasNode(parquet.Uint(8)), int32s(0, 255, 1, 2)},
				{"u32", pandasNode(parquet.Uint(32)), int32s(-1, 0, 1, 2)}, // −1 is 2^32−1
				{"f32", pandasNode(parquet.Leaf(parquet.FloatType)),
					[]parquet.Value{parquet.FloatValue(0.5), parquet.FloatValue(-2),
						parquet.FloatValue(0), parquet.FloatValue(1)}},
				{"f64", pandasNode(parquet.Leaf(parquet.DoubleType)),
					doubles(math.NaN(), 1e-3, -7, 2)},
			},
			pandasRange, []string{"flag", "i8", "u8", "u32", "f32", "f64"}, nil,
			[]float64{1, -3, 0, 4294967295, 0.5, math.NaN(),
				0, 0, 255, 0, -2, 1e-3,
				1, 1, 1, 1, 0, -7,
				0, 127, 2, 2, 1, 2}},
		{"index without metadata",
			[]rawCol{{"__index_level_0__", i64, int64s(5)}, {"v", i64, int64s(1)}},
			"", []string{"v"}, []string{"__index_level_0__"}, []float64{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "df.parquet")
			meta := map[string]string{}
			if tc.pandas != "" {
				meta["pandas"] = tc.pandas
			}
			writeRaw(t, path, tc.cols, meta, pandasOpts...)
			w, err := ReadWide(path)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w.Names, tc.wantNames) || !slices.Equal(w.Index, tc.wantIndex) {
				t.Fatalf("names %v index %v, want %v %v",
					w.Names, w.Index, tc.wantNames, tc.wantIndex)
			}
			if w.Rows*len(w.Names) != len(tc.want) || w.Meta["pandas"] != tc.pandas {
				t.Fatalf("rows %d, meta %v", w.Rows, w.Meta)
			}
			for k, v := range tc.want {
				if w.Values[k] != v && !(math.IsNaN(v) && math.IsNaN(w.Values[k])) {
					t.Fatalf("value %d = %v, want %v", k, w.Values[k], v)
				}
			}
		})
	}
}

func TestReadWideLarge(t *testing.T) {
	// Several row groups and pages, as a big DataFrame written in chunks.
	const rows, ncol = 5000, 3
	path := filepath.Join(t.TempDir(), "df.parquet")
	cols := make([]rawCol, ncol)
	for c := range cols {
		x := make([]int64, rows)
		for r := range x {
			x[r] = int64((r*7+c*3)%5) - 2
		}
		cols[c] = rawCol{string(rune('a' + c)), pandasNode(parquet.Int(64)), int64s(x...)}
	}
	writeRawGroups(t, path, cols, nil, 1200, append(pandasOpts, parquet.PageBufferSize(256))...)
	w, err := ReadWide(path)
	if err != nil {
		t.Fatal(err)
	}
	if groups, pages := countPages(t, path); groups != 5 || pages < 20 {
		t.Fatalf("%d row groups and %d pages; the test wants 5 and many", groups, pages)
	}
	for r := range rows {
		for c := range ncol {
			if got, want := w.Values[r*ncol+c], float64((r*7+c*3)%5-2); got != want {
				t.Fatalf("row %d column %d = %v, want %v", r, c, got, want)
			}
		}
	}
}

func TestReadWideErrors(t *testing.T) {
	i64 := pandasNode(parquet.Int(64))
	for _, tc := range []struct {
		name string
		cols []rawCol
		want string
	}{
		{"string column", []rawCol{{"a", i64, int64s(1)}, {"label", pandasNode(parquet.String()),
			strs("x")}}, `column "label" has type string, not a number`},
		{"null", []rawCol{{"a", i64, int64s(1, 1, 1)}, {"b", i64,
			[]parquet.Value{parquet.Int64Value(1), parquet.NullValue(), parquet.Int64Value(0)}}},
			`row 1 (0-based), column "b": value is null`},
		{"timestamp", []rawCol{{"t", parquet.Timestamp(parquet.Millisecond), int64s(1)}},
			`column "t" has type INT64 (TIMESTAMP`},
		{"only index", []rawCol{{"__index_level_0__", i64, int64s(1)}}, "no data columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "df.parquet")
			writeRaw(t, path, tc.cols, nil, pandasOpts...)
			_, err := ReadWide(path)
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) ||
				!strings.Contains(err.Error(), path) {
				t.Fatalf("got %v, want ErrFormat naming the file and %q", err, tc.want)
			}
		})
	}
}

func TestReadWideOnDataset(t *testing.T) {
	// spinfer's own dataset files are wide tables too.
	d := randomDataset(6, 4, Ising, 3)
	path := filepath.Join(t.TempDir(), "d.parquet")
	if err := WriteDataset(path, d, false); err != nil {
		t.Fatal(err)
	}
	w, err := ReadWide(path)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range d.Values {
		if w.Values[k] != float64(v) {
			t.Fatalf("value %d = %v, want %d", k, w.Values[k], v)
		}
	}
}

// countPages returns the number of row groups and of pages of column 0.
func countPages(t *testing.T, path string) (groups, pages int) {
	p, err := openParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	for _, rg := range p.pf.RowGroups() {
		pr := rg.ColumnChunks()[0].Pages()
		for {
			if _, err := pr.ReadPage(); err != nil {
				break
			}
			pages++
		}
		pr.Close()
	}
	return len(p.pf.RowGroups()), pages
}
