package ingest

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// writeWide writes a flat numeric Parquet table with formats.WriteTable,
// standing in for a pandas DataFrame.to_parquet file (whose layout the
// formats package tests emulate in more detail).
func writeWide(t *testing.T, cols []formats.Column) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "wide.parquet")
	if err := formats.WriteTable(p, "table", cols, nil, false); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadParquetWide(t *testing.T) {
	p := writeWide(t, []formats.Column{
		{Name: "__index_level_0__", Int64: []int64{10, 11, 12}},
		{Name: "x", Int64: []int64{1, -1, 1}},
		{Name: "y", Float64: []float64{-1, -1, 1}},
	})
	r, err := Read(context.Background(), p, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, r.Dataset, []string{"x", "y"}, formats.Ising, 3,
		[]int8{1, -1, -1, -1, 1, 1})
	if r.Format != "parquet" || len(r.Notes) != 1 {
		t.Errorf("format %q, notes %q", r.Format, r.Notes)
	}

	// grey levels with a threshold, transposed
	p = writeWide(t, []formats.Column{
		{Name: "a", Float64: []float64{0.1, 0.9}},
		{Name: "b", Float64: []float64{0.7, 0.2}},
	})
	r, err = Read(context.Background(), p, ReadOptions{Threshold: ptr(0.5),
		Transpose: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, r.Dataset, defaultNames(2), formats.Binary, 2,
		[]int8{0, 1, 1, 0})
}

func TestReadParquetErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		cols []formats.Column
		o    ReadOptions
		want string // after the path
	}{
		{"NaN", []formats.Column{{Name: "a", Float64: []float64{1, math.NaN()}}},
			ReadOptions{}, `: row 2, column 1: value "NaN" is not a finite number`},
		{"outside", []formats.Column{{Name: "a", Int64: []int64{0, 1}},
			{Name: "b", Int64: []int64{1, 5}}},
			ReadOptions{}, `: row 2, column 2: value "5" is outside the basis {0,1}`},
		{"forced basis", []formats.Column{{Name: "a", Int64: []int64{0, 1}}},
			ReadOptions{Basis: "ising"},
			`: row 1, column 1: value "0" is outside the basis {-1,+1}`},
		{"real", []formats.Column{{Name: "a", Float64: []float64{0.25}}},
			ReadOptions{}, `: row 1, column 1: value "0.25" is not an integer ` +
				`spin value (set a threshold, --threshold, to binarise ` +
				`real-valued data)`},
		{"no rows", []formats.Column{{Name: "a", Int64: []int64{}}},
			ReadOptions{}, `: table has no rows`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeWide(t, c.cols)
			_, err := Read(context.Background(), p, c.o)
			wantInputError(t, err, p+c.want)
		})
	}
	// a string column: the formats package names it
	p := writeWide(t, []formats.Column{{Name: "a", Int64: []int64{1}},
		{Name: "label", String: []string{"x"}}})
	_, err := Read(context.Background(), p, ReadOptions{})
	wantInputError(t, err, p+`: column "label" has type string, not a number`)
}

func TestReadDatasetKeepsBasis(t *testing.T) {
	// an all-ones binary dataset stays binary when re-read
	d := &formats.Dataset{Names: []string{"a", "b"}, Basis: formats.Binary,
		Rows: 1, Values: []int8{1, 1}}
	p := filepath.Join(t.TempDir(), "d.parquet")
	if err := formats.WriteDataset(p, d, false); err != nil {
		t.Fatal(err)
	}
	r, err := Read(context.Background(), p, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, r.Dataset, d.Names, formats.Binary, 1, d.Values)

	var buf bytes.Buffer
	if err := formats.WriteDatasetIPC(&buf, d); err != nil {
		t.Fatal(err)
	}
	r, err = ReadStream(context.Background(), &buf, "stdin", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, r.Dataset, d.Names, formats.Binary, 1, d.Values)
	_, err = ReadStream(context.Background(),
		bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff, 1, 2}), "stdin", ReadOptions{})
	if !IsInputError(err) ||
		!strings.HasPrefix(err.Error(), "stdin: not an Arrow IPC stream: ") {
		t.Errorf("corrupt IPC stream: %v", err)
	}
}
