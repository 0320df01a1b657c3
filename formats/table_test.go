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

func TestTableRoundTrip(t *testing.T) {
	defer setGroupCells(3 * 4)() // four rows per row group
	cols := []Column{
		{Name: "update", Int64: []int64{0, 1, 10, 100, 1000, -5, math.MaxInt64, math.MinInt64, 7}},
		{Name: "loglik", Float64: []float64{-1.5, math.NaN(), 0, math.Inf(1), math.Inf(-1),
			-0.0, 1e-300, 3.25, math.NaN()}},
		{Name: "protocol",
			String: []string{"pcd", "", "cd", "ünïcode", "a b", "x", "y", "z", "w"}},
	}
	path := filepath.Join(t.TempDir(), "metrics.parquet")
	meta := map[string]string{"spinfer.stage": "train"}
	if err := WriteTable(path, ArtifactMetrics, cols, meta, false); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTable(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Artifact != ArtifactMetrics || got.Rows != 9 || len(got.Columns) != 3 {
		t.Fatalf("artifact %q rows %d columns %d", got.Artifact, got.Rows, len(got.Columns))
	}
	if got.Meta["spinfer.stage"] != "train" || len(got.Meta) != 1 {
		t.Fatalf("meta %v", got.Meta)
	}
	if c := got.Lookup("update"); c == nil || !slices.Equal(c.Int64, cols[0].Int64) {
		t.Fatalf("update column %v", c)
	}
	// Floats compare bit for bit, so NaN and −0 survive.
	for r, v := range got.Lookup("loglik").Float64 {
		if math.Float64bits(v) != math.Float64bits(cols[1].Float64[r]) {
			t.Fatalf("loglik[%d] = %v, want %v", r, v, cols[1].Float64[r])
		}
	}
	if !slices.Equal(got.Lookup("protocol").String, cols[2].String) {
		t.Fatalf("protocol %q", got.Lookup("protocol").String)
	}
	if got.Lookup("nope") != nil {
		t.Fatal("Lookup found a missing column")
	}
}

func TestTableZeroRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.parquet")
	cols := []Column{{Name: "a", Float64: []float64{}}, {Name: "b", String: []string{}}}
	if err := WriteTable(path, "summary", cols, nil, false); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTable(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 0 || len(got.Columns) != 2 || got.Columns[0].Float64 == nil {
		t.Fatalf("got %+v", got)
	}
}

func TestTableValidate(t *testing.T) {
	for _, tc := range []struct {
		name     string
		artifact string
		cols     []Column
		meta     map[string]string
		want     string
	}{
		{"no artifact", "", []Column{{Name: "a", Int64: []int64{1}}}, nil,
			"artifact kind is empty"},
		{"no columns", "m", nil, nil, "no columns"},
		{"two kinds", "m", []Column{{Name: "a", Int64: []int64{1}, Float64: []float64{1}}}, nil,
			"sets 2 of"},
		{"no kind", "m", []Column{{Name: "a"}}, nil, "sets 0 of"},
		{"lengths", "m", []Column{{Name: "a", Int64: []int64{1}}, {Name: "b", Int64: []int64{}}},
			nil, `column "b" has 0 values, column "a" has 1`},
		{"duplicate", "m", []Column{{Name: "a", Int64: []int64{1}}, {Name: "a", Int64: []int64{2}}},
			nil, "both named"},
		{"reserved", "m", []Column{{Name: "a", Int64: []int64{1}}},
			map[string]string{KeyVersion: "x"}, "spinfer.version is reserved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "t.parquet")
			err := WriteTable(path, tc.artifact, tc.cols, tc.meta, false)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrInvalid with %q", err, tc.want)
			}
		})
	}
}

func TestReadTableErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		cols []rawCol
		want string
	}{
		{"null", []rawCol{{"x", parquet.Optional(parquet.Leaf(parquet.DoubleType)),
			[]parquet.Value{parquet.DoubleValue(1), parquet.DoubleValue(2), parquet.NullValue()}}},
			`row 2 (0-based), column "x": value is null`},
		{"date", []rawCol{{"d", parquet.Date(), int32s(3)}}, `column "d" has type INT32 (DATE)`},
		{"nested", []rawCol{{"l", parquet.Repeated(parquet.Int(64)), int64s(1)}},
			`column "l" is nested or repeated`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".parquet")
			writeRaw(t, path, tc.cols, nil)
			_, err := ReadTable(path)
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrFormat with %q", err, tc.want)
			}
		})
	}
}
