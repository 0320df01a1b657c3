package importmodel

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// TestImportNPY imports a random model from .npy files in both layouts,
// both float dtypes, C and Fortran order and every bias shape, and finds
// the model it was given, value for value.
func TestImportNPY(t *testing.T) {
	want := randomModel(7, 4, 0.8, 1)
	dir := t.TempDir()
	k := 0
	for _, layout := range []string{LayoutNM, LayoutMN} {
		for _, descr := range []string{"<f4", "<f8"} {
			for _, fortran := range []bool{false, true} {
				for _, bias := range []string{"1-D", "row", "column"} {
					k++
					p := files(dir, "W.npy", "b.npy", "c.npy")
					rows, cols, w := want.n, want.m, want.w
					if layout == LayoutMN {
						rows, cols, w = want.m, want.n, transpose(want.w, want.n, want.m)
					}
					writeNPY(t, p[0], descr, fortran, rows, cols, w)
					writeBias(t, p[1], descr, fortran, bias, want.b)
					writeBias(t, p[2], descr, fortran, bias, want.c)
					out := filepath.Join(dir, "model", layout+descr+bias)
					if fortran {
						out += "F"
					}
					res, m := importOK(t, Options{Weights: p[0], VisibleBias: p[1],
						HiddenBias: p[2], Output: out, Layout: layout})
					sameModel(t, m, want)
					if res.N != 7 || res.M != 4 || m.Visible != formats.UnitBernoulli ||
						!slices.Equal(m.VisibleNames, DefaultNames(7)) {
						t.Errorf("%s: result %+v, names %v, visible %s", out, res,
							m.VisibleNames, m.Visible)
					}
				}
			}
		}
	}
	if k != 24 {
		t.Fatalf("%d cases", k)
	}
}

// writeBias writes v as a 1-D array, a 1×n row or an n×1 column.
func writeBias(t *testing.T, path, descr string, fortran bool, shape string, v []float64) {
	switch shape {
	case "1-D":
		writeNPY(t, path, descr, false, len(v), 0, v)
	case "row":
		writeNPY(t, path, descr, fortran, 1, len(v), v)
	default:
		writeNPY(t, path, descr, fortran, len(v), 1, v)
	}
}

// TestImportText imports comma- and whitespace-separated text, with and
// without a header, with a pandas index column, comments and blank lines.
func TestImportText(t *testing.T) {
	want := randomModel(5, 3, 1, 2)
	dir := t.TempDir()
	chdir(t, dir)
	wt := transpose(want.w, 5, 3)
	writeText(t, "W.csv", ",", []string{"h0,h1,h2"}, 5, 3, want.w)
	writeText(t, "W_mn.txt", " ", []string{"# components_", ""}, 3, 5, wt)
	writeText(t, "W_pandas.csv", ",", []string{",0,1,2,3,4"}, 3, 6, withIndex(wt, 3, 5))
	writeText(t, "b.txt", "\t", nil, 5, 1, want.b)
	writeText(t, "b_row.csv", ", ", nil, 1, 5, want.b)
	writeText(t, "c.csv", ",", []string{"bias"}, 3, 1, want.c)
	for _, c := range []struct {
		w, b, layout string
		notes        []string
	}{
		{"W.csv", "b.txt", LayoutNM, []string{"W.csv: line 1 is not numbers and was " +
			"skipped as a header", "c.csv: line 1 is not numbers and was skipped as a header"}},
		{"W_mn.txt", "b_row.csv", LayoutMN, []string{"c.csv: line 1 is not numbers and " +
			"was skipped as a header"}},
		{"W_pandas.csv", "b.txt", LayoutMN, []string{"W_pandas.csv: line 1 is a header " +
			"with an empty first name; skipped it and the first field of every line (an " +
			"index, as pandas' to_csv writes one)", "c.csv: line 1 is not numbers and " +
			"was skipped as a header"}},
	} {
		res, m := importOK(t, Options{Weights: c.w, VisibleBias: c.b, HiddenBias: "c.csv",
			Output: "m-" + c.w, Layout: c.layout})
		sameModel(t, m, want)
		if !slices.Equal(res.Notes, c.notes) {
			t.Errorf("%s: notes %q\nwant %q", c.w, res.Notes, c.notes)
		}
		if res.Sources[0].Format != FormatText || !slices.Equal(res.Sources[0].Shape,
			map[string][]int{LayoutNM: {5, 3}, LayoutMN: {3, 5}}[c.layout]) {
			t.Errorf("%s: source %+v", c.w, res.Sources[0])
		}
	}
}

// withIndex prepends the row number to every row of a rows×cols matrix.
func withIndex(x []float64, rows, cols int) []float64 {
	var y []float64
	for i := range rows {
		y = append(y, float64(i))
		y = append(y, x[i*cols:(i+1)*cols]...)
	}
	return y
}

// TestImportParquet imports W as a wide table in both layouts and the
// biases as a single column and a single row.
func TestImportParquet(t *testing.T) {
	want := randomModel(6, 2, 1, 3)
	dir := t.TempDir()
	chdir(t, dir)
	writeWide(t, "W.parquet", 6, 2, want.w)
	writeWide(t, "Wt.parquet", 2, 6, transpose(want.w, 6, 2))
	writeWide(t, "b.parquet", 6, 1, want.b)
	writeWide(t, "c.parquet", 1, 2, want.c)
	for _, c := range []struct{ w, layout string }{
		{"W.parquet", LayoutNM}, {"Wt.parquet", "mxn"},
	} {
		res, m := importOK(t, Options{Weights: c.w, VisibleBias: "b.parquet",
			HiddenBias: "c.parquet", Output: "m-" + c.w, Layout: c.layout})
		sameModel(t, m, want)
		if res.Sources[0].Format != FormatParquet || res.Sources[2].Format != FormatParquet {
			t.Errorf("sources %+v", res.Sources)
		}
	}
}

// TestTrainingRecord checks model.json's record of the inputs against
// hashes computed here.
func TestTrainingRecord(t *testing.T) {
	want := randomModel(3, 2, 1, 4)
	dir := t.TempDir()
	p := files(dir, "W.npy", "b.npy", "c.txt", "names.txt")
	writeNPY(t, p[0], "<f4", true, 2, 3, transpose(want.w, 3, 2))
	writeNPY(t, p[1], "<f8", false, 3, 0, want.b)
	writeText(t, p[2], " ", nil, 1, 2, want.c)
	os.WriteFile(p[3], []byte("x\ny\nz\n"), 0o644)
	_, m := importOK(t, Options{Weights: p[0], VisibleBias: p[1], HiddenBias: p[2],
		Names: p[3], Output: filepath.Join(dir, "m"), Layout: LayoutMN, Visible: "ising"})
	if m.Visible != formats.UnitIsing || !slices.Equal(m.VisibleNames, []string{"x", "y", "z"}) {
		t.Errorf("visible %s, names %v", m.Visible, m.VisibleNames)
	}
	b, _ := json.Marshal(m.Training)
	var got struct {
		Protocol, Layout string
		Source           map[string]struct {
			File, SHA256, Format, Dtype string
			Shape                       []int
		}
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Protocol != "imported" || got.Layout != "MxN" || len(got.Source) != 4 {
		t.Fatalf("training %s", b)
	}
	for i, c := range []struct {
		key, format, dtype string
		shape              []int
	}{
		{"weights", "npy", "<f4", []int{2, 3}}, {"visible_bias", "npy", "<f8", []int{3}},
		{"hidden_bias", "text", "", []int{1, 2}}, {"names", "", "", nil},
	} {
		s := got.Source[c.key]
		sum, _, _ := pipeline.HashPath(p[i])
		if s.File != filepath.Base(p[i]) || s.SHA256 != sum || s.Format != c.format ||
			s.Dtype != c.dtype || !slices.Equal(s.Shape, c.shape) {
			t.Errorf("%s: %+v, want %s %s %s %v", c.key, s, filepath.Base(p[i]), sum,
				c.format, c.shape)
		}
	}
}

// TestExistingOutput checks that a model directory is not replaced
// without Force, and is with it.
func TestExistingOutput(t *testing.T) {
	a, b := randomModel(3, 2, 1, 5), randomModel(3, 2, 1, 6)
	dir := t.TempDir()
	chdir(t, dir)
	for name, m := range map[string]testModel{"a": a, "b": b} {
		writeNPY(t, name+"W.npy", "<f8", false, 3, 2, m.w)
		writeNPY(t, name+"b.npy", "<f8", false, 3, 0, m.b)
		writeNPY(t, name+"c.npy", "<f8", false, 2, 0, m.c)
	}
	o := Options{Weights: "aW.npy", VisibleBias: "ab.npy", HiddenBias: "ac.npy", RunDir: "run"}
	importOK(t, o)
	o.Weights, o.VisibleBias, o.HiddenBias = "bW.npy", "bb.npy", "bc.npy"
	_, err := Run(context.Background(), o, nil)
	wantInputError(t, err, "run/model: model directory already exists (use --force to "+
		"replace it)")
	if !errors.Is(err, atomicfile.ErrExists) {
		t.Errorf("%v does not wrap atomicfile.ErrExists", err)
	}
	m, err := formats.ReadModel("run/model")
	if err != nil {
		t.Fatal(err)
	}
	sameModel(t, m, a)
	o.Force = true
	_, m = importOK(t, o)
	sameModel(t, m, b)
}

func TestValidate(t *testing.T) {
	err := Options{Layout: "NM", Visible: "potts", Names: "n", Dataset: "d"}.Validate()
	if !errors.Is(err, pipeline.ErrInput) {
		t.Fatalf("%v is not an input error", err)
	}
	for _, want := range []string{
		"--weights, --visible-bias, --hidden-bias not given: an RBM needs all three",
		"there is no default bias",
		"give a run directory (--run) or a model directory to write (-o)",
		`layout "NM": want NxM`,
		`visible unit type "potts": want binary or ising`,
		"give --names or --dataset, not both",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	err = Options{Weights: "w", VisibleBias: "b", RunDir: "r", Output: "o"}.Validate()
	for _, want := range []string{"--hidden-bias not given", "give --run or -o, not both"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v lacks %q", err, want)
		}
	}
	for _, l := range []string{"", "NxM", "nxm", "N×M", "MxN", "mxn", "M×N"} {
		o := Options{Weights: "w", VisibleBias: "b", HiddenBias: "c", Output: "o", Layout: l,
			Visible: "Bernoulli"}
		if err := o.Validate(); err != nil {
			t.Errorf("layout %q: %v", l, err)
		}
	}
}
