package importmodel

import (
	"context"
	"math"
	"os"
	"testing"
)

// TestShapeErrors checks the messages for weights and biases that do not
// fit together.
func TestShapeErrors(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	zeros := func(k int) []float64 { return make([]float64, k) }
	writeNPY(t, "W.npy", "<f8", false, 64, 20, zeros(64*20))
	writeNPY(t, "Wsq.npy", "<f8", false, 5, 5, zeros(25))
	writeNPY(t, "W1.npy", "<f8", false, 64, 0, zeros(64))
	writeNPY(t, "b64.npy", "<f8", false, 64, 0, zeros(64))
	writeNPY(t, "b32.npy", "<f4", false, 32, 0, zeros(32))
	writeNPY(t, "b2d.npy", "<f8", false, 2, 32, zeros(64))
	writeNPY(t, "c20.npy", "<f8", false, 20, 1, zeros(20))
	writeNPY(t, "c5.npy", "<f8", false, 1, 5, zeros(5))
	for _, c := range []struct {
		w, b, c, layout, want string
	}{
		{"W.npy", "b32.npy", "c20.npy", "", "weights W.npy is 64×20 (N×M), but " +
			"visible-bias b32.npy has 32 entries: with --layout NxM it should have 64 (N)"},
		{"W.npy", "c20.npy", "b64.npy", "", "weights W.npy is 64×20 (N×M), but " +
			"visible-bias c20.npy has 20 entries: with --layout NxM it should have 64 (N), " +
			"and hidden-bias b64.npy has 64 entries: with --layout NxM it should have 20 (M); " +
			"did you mean --layout MxN? (or are the visible and hidden biases swapped?)"},
		{"W.npy", "b64.npy", "c20.npy", "MxN", "weights W.npy is 64×20 (M×N), but " +
			"visible-bias b64.npy has 64 entries: with --layout MxN it should have 20 (N), " +
			"and hidden-bias c20.npy has 20 entries: with --layout MxN it should have 64 (M); " +
			"did you mean --layout NxM? (or are the visible and hidden biases swapped?)"},
		{"W.npy", "b64.npy", "c5.npy", "", "weights W.npy is 64×20 (N×M), but " +
			"hidden-bias c5.npy has 5 entries: with --layout NxM it should have 20 (M)"},
		{"W1.npy", "b64.npy", "c20.npy", "", "weights W1.npy: is 1-D (shape (64,)), but " +
			"the weights are a matrix: N×M, or M×N with --layout MxN"},
		{"W.npy", "b2d.npy", "c20.npy", "", "visible-bias b2d.npy: is 2×32, but a bias " +
			"is one vector: 1-D, or 2-D with one row or one column"},
		{"Wsq.npy", "b64.npy", "c5.npy", "", "weights Wsq.npy is 5×5 (N×M), but " +
			"visible-bias b64.npy has 64 entries: with --layout NxM it should have 5 (N)"},
	} {
		_, err := Run(context.Background(), Options{Weights: c.w, VisibleBias: c.b,
			HiddenBias: c.c, Layout: c.layout, Output: "out"}, nil)
		wantInputError(t, err, c.want)
	}
	if _, err := os.Stat("out"); err == nil {
		t.Error("a failed import left its output")
	}
}

// TestSquareNote checks the note for weights whose layout cannot be
// checked.
func TestSquareNote(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	writeNPY(t, "W.npy", "<f8", false, 3, 3, make([]float64, 9))
	writeNPY(t, "b.npy", "<f8", false, 3, 0, make([]float64, 3))
	res, _ := importOK(t, Options{Weights: "W.npy", VisibleBias: "b.npy",
		HiddenBias: "b.npy", Output: "m"})
	want := "the weights are square (N = M = 3): their layout cannot be checked " +
		"against the biases; make sure --layout NxM is right"
	if len(res.Notes) != 1 || res.Notes[0] != want {
		t.Errorf("notes %q", res.Notes)
	}
}

// TestBadValues checks that non-finite and unreadable values are refused
// with their place in the file.
func TestBadValues(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	w := make([]float64, 4*3)
	w[1*3+2] = math.NaN()
	w[3*3+0] = math.Inf(1)
	writeNPY(t, "Wnan.npy", "<f4", false, 4, 3, w)
	writeNPY(t, "Wnan_f.npy", "<f8", true, 4, 3, w)
	writeNPY(t, "WnanT.npy", "<f8", false, 3, 4, transpose(w, 4, 3))
	writeNPY(t, "W.npy", "<f8", false, 4, 3, make([]float64, 12))
	writeWide(t, "Wnan.parquet", 4, 3, w)
	b := []float64{0, 0, math.Inf(-1), 0}
	writeNPY(t, "binf.npy", "<f8", false, 4, 0, b)
	writeNPY(t, "b.npy", "<f8", false, 4, 0, make([]float64, 4))
	writeNPY(t, "c.npy", "<f8", false, 3, 0, make([]float64, 3))
	text := map[string]string{
		"Wnan.csv":    "h0,h1,h2\n0,0,0\n\n0,0,nan\n0,0,0\n0,0,0\n",
		"Wbig.txt":    "0 0 0\n0 0 0\n0 1e999 0\n0 0 0\n",
		"Wword.csv":   "0,0,0\n0,0,0\n0,zero,0\n0,0,0\n",
		"Wempty.csv":  "0,0,0\n0,,0\n0,0,0\n0,0,0\n",
		"Wragged":     "0 0 0\n0 0 0\n0 0\n0 0 0\n",
		"Whead.csv":   "a,b,c\n",
		"Wnone.txt":   "# nothing\n\n",
		"Wnpy.npy":    "\x93NUMPY\x01\x00\x02\x00{}",
		"Wshort.npy":  "\x93NUMPY\x01\x00\x04\x00{}",
		"Wpq.parquet": "PAR1 and then nothing that Parquet can read",
	}
	for name, s := range text {
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ w, b, want string }{
		{"Wnan.npy", "b.npy", "weights Wnan.npy: row 2, column 3: value NaN is not a finite " +
			"number (and 1 more non-finite values)"},
		{"Wnan_f.npy", "b.npy", "weights Wnan_f.npy: row 2, column 3: value NaN is not a " +
			"finite number (and 1 more non-finite values)"},
		// the first non-finite value in the file's own order
		{"WnanT.npy", "b.npy", "weights WnanT.npy: row 1, column 4: value +Inf is not a " +
			"finite number (and 1 more non-finite values)"},
		{"Wnan.parquet", "b.npy", `weights Wnan.parquet: row 2, column 3 ("c2"): value ` +
			`NaN is not a finite number (and 1 more non-finite values)`},
		{"Wnan.csv", "b.npy", "weights Wnan.csv: line 4, column 3: value NaN is not a " +
			"finite number"},
		{"Wbig.txt", "b.npy", "weights Wbig.txt: line 3, column 2: value +Inf is not a " +
			"finite number"},
		{"W.npy", "binf.npy", "visible-bias binf.npy: entry 3: value -Inf is not a finite " +
			"number"},
		{"Wword.csv", "b.npy", `weights Wword.csv: line 3, column 2: value "zero" is not ` +
			`a number`},
		{"Wempty.csv", "b.npy", "weights Wempty.csv: line 2, column 2: empty value (two " +
			"separators in a row?)"},
		{"Wragged", "b.npy", "weights Wragged: line 3: has 2 values, but line 1 has 3 " +
			"(every row needs the same number)"},
		{"Whead.csv", "b.npy", "weights Whead.csv: holds no values (text of shape 0×0)"},
		{"Wnone.txt", "b.npy", "weights Wnone.txt: holds no values (text of shape 0×0)"},
		{"Wnpy.npy", "b.npy", "weights Wnpy.npy: .npy header has no dtype (descr)"},
		{"Wshort.npy", "b.npy", "weights Wshort.npy: the file ends within its header " +
			"(truncated file?)"},
		{"missing.npy", "b.npy", "weights missing.npy: cannot open: no such file or " +
			"directory"},
	} {
		_, err := Run(context.Background(), Options{Weights: c.w, VisibleBias: c.b,
			HiddenBias: "c.npy", Output: "out"}, nil)
		wantInputError(t, err, c.want)
	}
	_, err := Run(context.Background(), Options{Weights: "Wpq.parquet", VisibleBias: "b.npy",
		HiddenBias: "c.npy", Output: "out"}, nil)
	if ie := (*InputError)(nil); err == nil || !asInput(err, &ie) || ie.File != "Wpq.parquet" {
		t.Errorf("corrupt Parquet: %v", err)
	}
}
