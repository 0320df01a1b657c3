package formats

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// randomDataset returns rows×n values in basis b drawn from a fixed seed.
func randomDataset(rows, n int, b Basis, seed uint64) *Dataset {
	rng := rand.New(rand.NewPCG(seed, 1))
	lo, hi, _ := b.Values()
	d := &Dataset{Basis: b, Rows: rows, Values: make([]int8, rows*n)}
	for i := range n {
		d.Names = append(d.Names, fmt.Sprintf("s%d", i))
	}
	for k := range d.Values {
		d.Values[k] = lo
		if rng.IntN(2) == 1 {
			d.Values[k] = hi
		}
	}
	return d
}

func TestDatasetRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name       string
		rows, n    int
		basis      Basis
		groupCells int // row-group target; small values force several groups
	}{
		{"ising small", 7, 3, Ising, defaultGroupCells},
		{"binary small", 5, 4, Binary, defaultGroupCells},
		{"one row one column", 1, 1, Ising, defaultGroupCells},
		{"no rows", 0, 3, Binary, defaultGroupCells},
		{"805 columns", 300, 805, Ising, defaultGroupCells},
		{"805 columns, many row groups", 300, 805, Ising, 805 * 64},
		{"long, chunk boundaries", 5000, 2, Binary, 2 * 1500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer setGroupCells(tc.groupCells)()
			d := randomDataset(tc.rows, tc.n, tc.basis, 42)
			d.Meta = map[string]string{KeySource: "in.txt", KeySHA256: "abc", "x": "y"}
			path := filepath.Join(t.TempDir(), "d.parquet")
			if err := WriteDataset(path, d, false); err != nil {
				t.Fatal(err)
			}
			got, err := ReadDataset(path)
			if err != nil {
				t.Fatal(err)
			}
			assertDatasetEqual(t, got, d)
			step := groupRows(tc.n)
			if groups, _ := countPages(t, path); groups != (tc.rows+step-1)/step {
				t.Fatalf("%d row groups of %d rows for %d rows", groups, step, tc.rows)
			}
		})
	}
}

func setGroupCells(c int) func() {
	old := groupCells
	groupCells = c
	return func() { groupCells = old }
}

func assertDatasetEqual(t *testing.T, got, want *Dataset) {
	t.Helper()
	if !slices.Equal(got.Names, want.Names) {
		t.Fatalf("names %v, want %v", got.Names, want.Names)
	}
	if got.Basis != want.Basis || got.Rows != want.Rows {
		t.Fatalf("basis/rows %s/%d, want %s/%d", got.Basis, got.Rows, want.Basis, want.Rows)
	}
	if !slices.Equal(got.Values, want.Values) {
		for k := range want.Values {
			if got.Values[k] != want.Values[k] {
				t.Fatalf("value %d: got %d, want %d", k, got.Values[k], want.Values[k])
			}
		}
	}
	if len(got.Meta) != len(want.Meta) {
		t.Fatalf("meta %v, want %v", got.Meta, want.Meta)
	}
	for k, v := range want.Meta {
		if got.Meta[k] != v {
			t.Fatalf("meta %s = %q, want %q", k, got.Meta[k], v)
		}
	}
}

func TestDatasetMetadata(t *testing.T) {
	d := randomDataset(4, 3, Binary, 1)
	d.Meta = map[string]string{KeySource: "data.txt", KeySHA256: "00ff"}
	path := filepath.Join(t.TempDir(), "d.parquet")
	if err := WriteSamples(path, d, false); err != nil {
		t.Fatal(err)
	}
	p, err := openParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	want := map[string]string{
		KeyArtifact: ArtifactSamples, KeyVersion: SpinferVersion, KeyBasis: "binary",
		KeyRows: "4", KeyVars: "3", KeySource: "data.txt", KeySHA256: "00ff",
	}
	got := p.meta()
	if len(got) != len(want) {
		t.Errorf("metadata %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	for i, c := range p.cols {
		if typeName(c.typ) != "int8" || c.optional || c.name != d.Names[i] {
			t.Errorf("column %d: %s %s optional=%v", i, c.name, typeName(c.typ), c.optional)
		}
	}
}

func TestDatasetAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.parquet")
	d := randomDataset(3, 2, Ising, 1)
	if err := WriteDataset(path, d, false); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	// Refuse an existing file, leaving it untouched.
	err := WriteDataset(path, randomDataset(5, 2, Ising, 2), false)
	if !errors.Is(err, atomicfile.ErrExists) {
		t.Fatalf("overwrite without force: %v, want ErrExists", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("refused write changed the file")
	}

	// An invalid dataset leaves no file and no temporary file.
	bad := randomDataset(3, 2, Ising, 1)
	bad.Values[4] = 0
	other := filepath.Join(dir, "bad.parquet")
	if err := WriteDataset(other, bad, false); !errors.Is(err, ErrInvalid) {
		t.Fatalf("invalid dataset: %v, want ErrInvalid", err)
	}
	// A failing destination (its parent is a file) leaves nothing either.
	if err := WriteDataset(filepath.Join(path, "x.parquet"), d, false); err == nil {
		t.Fatal("write below a regular file succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("directory holds %d entries, want only d.parquet", len(entries))
	}

	// force replaces.
	if err := WriteDataset(path, randomDataset(5, 2, Ising, 2), true); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDataset(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 5 {
		t.Fatalf("after force: %d rows, want 5", got.Rows)
	}
}

func TestDatasetValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(d *Dataset)
		want []string // substrings of the error
	}{
		{"empty name", func(d *Dataset) { d.Names[1] = "" },
			[]string{"variable 1 has an empty name"}},
		{"duplicate", func(d *Dataset) { d.Names[2] = "s0" },
			[]string{`variables 0 and 2 are both named "s0"`}},
		{"no variables", func(d *Dataset) { d.Names, d.Values, d.Rows = nil, nil, 0 },
			[]string{"no variables"}},
		{"basis", func(d *Dataset) { d.Basis = "potts" }, []string{`basis "potts"`}},
		{"length", func(d *Dataset) { d.Values = d.Values[1:] },
			[]string{"5 values for 2 rows × 3"}},
		{"value", func(d *Dataset) { d.Values[4] = 0 },
			[]string{`row 1, variable "s1": value 0 is not in the ising basis`}},
		{"reserved meta", func(d *Dataset) { d.Meta = map[string]string{KeyRows: "9"} },
			[]string{"spinfer.rows is reserved"}},
		{"every problem at once", func(d *Dataset) { d.Names[1] = ""; d.Values[0] = 3 },
			[]string{"empty name", "value 3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := randomDataset(2, 3, Ising, 5)
			tc.edit(d)
			err := d.Validate()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestReadDatasetErrors(t *testing.T) {
	dir := t.TempDir()
	ising := map[string]string{KeyArtifact: ArtifactDataset, KeyBasis: "ising"}
	i8 := parquet.Int(8)
	for _, tc := range []struct {
		name string
		cols []rawCol
		meta map[string]string
		want string
	}{
		{"value out of basis", []rawCol{{"a", i8, int32s(1, -1, 1)}, {"b", i8, int32s(1, 0, 1)}},
			ising, `row 1 (0-based), column "b": value 0 is not in the ising basis`},
		{"null", []rawCol{{"a", parquet.Optional(parquet.Int(64)),
			[]parquet.Value{parquet.Int64Value(1), parquet.NullValue()}}},
			ising, `row 1 (0-based), column "a": value is null`},
		{"no artifact", []rawCol{{"a", i8, int32s(1)}}, map[string]string{KeyBasis: "ising"},
			"no spinfer.artifact metadata"},
		{"wrong artifact", []rawCol{{"a", i8, int32s(1)}},
			map[string]string{KeyArtifact: ArtifactMetrics, KeyBasis: "ising"},
			`spinfer.artifact is "metrics"`},
		{"no basis", []rawCol{{"a", i8, int32s(1)}},
			map[string]string{KeyArtifact: ArtifactDataset}, `spinfer.basis is ""`},
		{"float column", []rawCol{{"a", parquet.Leaf(parquet.DoubleType), doubles(1)}},
			ising, `column "a" has type double`},
		{"row count", []rawCol{{"a", i8, int32s(1, 1)}},
			map[string]string{KeyArtifact: ArtifactDataset, KeyBasis: "ising", KeyRows: "3"},
			`spinfer.rows is "3" but the table has 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".parquet")
			writeRaw(t, path, tc.cols, tc.meta)
			_, err := ReadDataset(path)
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) ||
				!strings.Contains(err.Error(), path) {
				t.Fatalf("got %v, want ErrFormat naming %s and %q", err, path, tc.want)
			}
		})
	}
}

func TestReadDatasetAcceptsOtherIntegerTypes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.parquet")
	meta := map[string]string{KeyArtifact: ArtifactDataset, KeyBasis: "binary"}
	writeRaw(t, path, []rawCol{
		{"i64", parquet.Optional(parquet.Int(64)), int64s(0, 1)},
		{"i32", parquet.Int(32), int32s(1, 0)},
		{"b", parquet.Leaf(parquet.BooleanType), bools(true, true)},
		{"u8", parquet.Uint(8), int32s(0, 0)},
	}, meta)
	d, err := ReadDataset(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []int8{0, 1, 1, 0, 1, 0, 1, 0}
	if !slices.Equal(d.Values, want) {
		t.Fatalf("values %v, want %v", d.Values, want)
	}
}

func TestReadNotParquet(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.parquet")
	os.WriteFile(path, []byte("s0,s1\n1,-1\n"), 0o644)
	if _, err := ReadDataset(path); !errors.Is(err, ErrFormat) {
		t.Fatalf("text file: %v, want ErrFormat", err)
	}
	if _, err := ReadDataset(dir); !errors.Is(err, ErrFormat) {
		t.Fatalf("directory: %v, want ErrFormat", err)
	}
	if _, err := ReadDataset(filepath.Join(dir, "none")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing: %v, want ErrNotExist", err)
	}
}

func TestWriteDeterministic(t *testing.T) {
	// Equal inputs give equal bytes (manifest hashes depend on it), even
	// with many metadata keys, whose map order varies between runs.
	dir := t.TempDir()
	d := randomDataset(50, 9, Binary, 4)
	d.Meta = map[string]string{}
	for k := range 20 {
		d.Meta[fmt.Sprintf("spinfer.k%d", k)] = fmt.Sprint(k)
	}
	var files [][]byte
	for k := range 3 {
		path := filepath.Join(dir, fmt.Sprintf("d%d.parquet", k))
		if err := WriteDataset(path, d, false); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	if !slices.Equal(files[0], files[1]) || !slices.Equal(files[0], files[2]) {
		t.Fatal("equal datasets gave different bytes")
	}
}
