package importmodel

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// TestNames takes variable names from a names file, a dataset, and the
// run directory's dataset, and refuses names that do not fit.
func TestNames(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	want := randomModel(3, 2, 1, 8)
	writeNPY(t, "W.npy", "<f8", false, 3, 2, want.w)
	writeNPY(t, "b.npy", "<f8", false, 3, 0, want.b)
	writeNPY(t, "c.npy", "<f8", false, 2, 0, want.c)
	writeDataset(t, "d3.parquet", []string{"up", "down", "charm"})
	writeDataset(t, "d4.parquet", []string{"a", "b", "c", "d"})
	writeDataset(t, "run/dataset.parquet", []string{"p", "q", "r"})
	writeDataset(t, "run4/dataset.parquet", []string{"a", "b", "c", "d"})
	writeDataset(t, "run5/dataset.parquet", []string{"a", "b", "c", "d"})
	for name, s := range map[string]string{
		"lines.txt": "\uFEFFx0\n x1 \n\nx2\n", "comma.csv": `"u","v","w"` + "\n",
		"two.txt": "a\nb\n", "dup.txt": "a\nb\na\n", "empty.txt": "\n\n",
	} {
		os.WriteFile(name, []byte(s), 0o644)
	}
	base := Options{Weights: "W.npy", VisibleBias: "b.npy", HiddenBias: "c.npy"}
	for _, c := range []struct {
		names, dataset, run, out string
		want                     []string
		from                     string
	}{
		{"lines.txt", "", "", "m1", []string{"x0", "x1", "x2"}, "lines.txt"},
		{"comma.csv", "", "", "m2", []string{"u", "v", "w"}, "comma.csv"},
		{"", "d3.parquet", "", "m3", []string{"up", "down", "charm"}, "d3.parquet"},
		{"", "", "run", "", []string{"p", "q", "r"}, "run/dataset.parquet"},
		{"lines.txt", "", "run4", "", []string{"x0", "x1", "x2"}, "lines.txt"},
		{"", "", "", "m4", DefaultNames(3), ""},
	} {
		o := base
		o.Names, o.Dataset, o.RunDir, o.Output = c.names, c.dataset, c.run, c.out
		res, m := importOK(t, o)
		if !slices.Equal(m.VisibleNames, c.want) || res.NamesFrom != c.from {
			t.Errorf("%+v: names %q from %q", c, m.VisibleNames, res.NamesFrom)
		}
		if want := 3 + min(len(c.from), 1); len(res.Sources) != want {
			t.Errorf("%+v: %d sources", c, len(res.Sources))
		}
	}
	for _, c := range []struct{ names, dataset, run, want string }{
		{"two.txt", "", "", "names two.txt: has 2 variable names, but the model has N = 3 " +
			"visible units"},
		{"", "d4.parquet", "", "dataset d4.parquet: has 4 variable names, but the model " +
			"has N = 3 visible units"},
		{"", "", "run5", "dataset run5/dataset.parquet: has 4 variable names, but the " +
			"model has N = 3 visible units (the run directory's dataset; give --names, or " +
			"import into another run directory)"},
		{"dup.txt", "", "", `names dup.txt: model: variables 0 and 2 are both named "a"`},
		{"empty.txt", "", "", "names empty.txt: holds no names"},
		{"none.txt", "", "", "names none.txt: cannot read: no such file or directory"},
		{"", "W.npy", "", "dataset W.npy: not a readable Parquet file: invalid magic header of " +
			`parquet file: "\x93NUM"`},
	} {
		o := base
		o.Names, o.Dataset, o.RunDir = c.names, c.dataset, c.run
		if c.run == "" {
			o.Output = "bad"
		}
		_, err := Run(context.Background(), o, nil)
		wantInputError(t, err, c.want)
	}
}

func writeDataset(t *testing.T, path string, names []string) {
	t.Helper()
	d := &formats.Dataset{Names: names, Basis: formats.Binary, Rows: 1,
		Values: make([]int8, len(names))}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := formats.WriteDataset(path, d, false); err != nil {
		t.Fatal(err)
	}
}
