package importmodel

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// writeNPY writes a .npy file by hand, independently of internal/npy: a
// version 1.0 header padded to 64 bytes, then the rows×cols matrix x
// (row-major) as little-endian float32 ("<f4") or float64 ("<f8") in C
// or Fortran order. cols = 0 writes a 1-D array of rows entries.
func writeNPY(t testing.TB, path, descr string, fortran bool, rows, cols int, x []float64) {
	t.Helper()
	shape := "(" + strconv.Itoa(rows) + ",)"
	if cols > 0 {
		shape = "(" + strconv.Itoa(rows) + ", " + strconv.Itoa(cols) + ")"
	}
	order := "False"
	if fortran {
		order = "True"
	}
	h := "{'descr': '" + descr + "', 'fortran_order': " + order + ", 'shape': " + shape + ", }"
	h += strings.Repeat(" ", 63-(10+len(h))%64) + "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(h)), byte(len(h)>>8))
	b = append(b, h...)
	for k := range x {
		i, j := k, 0
		if cols > 0 {
			i, j = k/cols, k%cols
			if fortran { // element k of the file is (k mod rows, k div rows)
				i, j = k%rows, k/rows
			}
		}
		v := x[i*max(cols, 1)+j]
		if descr == "<f4" {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(v)))
		} else {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// testModel is an RBM's parameters: W N×M row-major, B, C.
type testModel struct {
	n, m    int
	w, b, c []float64
}

// randomModel draws W ~ N(0, scale²) and biases ~ N(0, 0.5²), rounded to
// float32 so that f4 and f8 files hold the same values.
func randomModel(n, m int, scale float64, seed uint64) testModel {
	rng := rand.New(rand.NewPCG(seed, 7))
	draw := func(k int, s float64) []float64 {
		x := make([]float64, k)
		for i := range x {
			x[i] = float64(float32(s * rng.NormFloat64()))
		}
		return x
	}
	return testModel{n: n, m: m, w: draw(n*m, scale), b: draw(n, 0.5), c: draw(m, 0.5)}
}

// transpose returns the cols×rows transpose of the rows×cols matrix x.
func transpose(x []float64, rows, cols int) []float64 {
	y := make([]float64, len(x))
	for i := range rows {
		for j := range cols {
			y[j*rows+i] = x[i*cols+j]
		}
	}
	return y
}

// writeText writes rows of numbers with sep, formatted to read back
// exactly, after the given header lines.
func writeText(t testing.TB, path, sep string, header []string, rows, cols int, x []float64) {
	t.Helper()
	lines := append([]string{}, header...)
	for i := range rows {
		f := make([]string, cols)
		for j := range cols {
			f[j] = strconv.FormatFloat(x[i*cols+j], 'g', -1, 64)
		}
		lines = append(lines, strings.Join(f, sep))
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeWide writes the rows×cols matrix x as a Parquet table with float64
// columns c0 … c{cols−1}.
func writeWide(t *testing.T, path string, rows, cols int, x []float64) {
	t.Helper()
	cs := make([]formats.Column, cols)
	for j := range cols {
		col := make([]float64, rows)
		for i := range rows {
			col[i] = x[i*cols+j]
		}
		cs[j] = formats.Column{Name: "c" + strconv.Itoa(j), Float64: col}
	}
	if err := formats.WriteTable(path, "test-matrix", cs, nil, false); err != nil {
		t.Fatal(err)
	}
}

// importOK runs an import that must succeed and reads the model back.
func importOK(t *testing.T, o Options) (*Result, *formats.Model) {
	t.Helper()
	res, err := Run(context.Background(), o, nil)
	if err != nil {
		t.Fatalf("import %+v: %v", o, err)
	}
	m, err := formats.ReadModel(res.Output)
	if err != nil {
		t.Fatal(err)
	}
	return res, m
}

// sameModel checks every parameter of m against want, value for value.
func sameModel(t *testing.T, m *formats.Model, want testModel) {
	t.Helper()
	if m.NVisible() != want.n || m.NHidden() != want.m {
		t.Fatalf("model is %d×%d, want %d×%d", m.NVisible(), m.NHidden(), want.n, want.m)
	}
	for _, p := range []struct {
		name      string
		got, want []float64
	}{{"W", m.W, want.w}, {"B", m.B, want.b}, {"C", m.C, want.c}} {
		for k := range p.want {
			if p.got[k] != p.want[k] {
				t.Fatalf("%s[%d] = %v, want %v", p.name, k, p.got[k], p.want[k])
			}
		}
	}
}

// wantInputError checks that err is an *InputError (hence a
// pipeline.ErrInput) whose message is exactly want.
func wantInputError(t *testing.T, err error, want string) {
	t.Helper()
	var ie *InputError
	switch {
	case err == nil:
		t.Errorf("no error, want %q", want)
	case !errors.As(err, &ie) || !errors.Is(err, pipeline.ErrInput):
		t.Errorf("error %v (%T) is not an *InputError", err, err)
	case err.Error() != want:
		t.Errorf("error\n  %s\nwant\n  %s", err, want)
	}
}

// chdir makes dir the working directory for the test so that messages
// show short relative paths.
func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

// files returns paths in dir.
func files(dir string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out
}

// asInput is errors.As for *InputError.
func asInput(err error, ie **InputError) bool { return errors.As(err, ie) }
