package importmodel

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/npy"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/couplings"
)

// sk names a file of testdata/sklearn, written by make.py there from a
// BernoulliRBM that scikit-learn 1.2.1 trained (N = 10, M = 4).
func sk(name string) string {
	p, _ := filepath.Abs(filepath.Join("testdata", "sklearn", name))
	return p
}

func readNPYFile(t *testing.T, path string) *npy.Array {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := npy.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func importSklearn(t *testing.T, w, b, c, out string) *formats.Model {
	t.Helper()
	_, m := importOK(t, Options{Weights: sk(w), VisibleBias: sk(b), HiddenBias: sk(c),
		Output: out, Layout: LayoutMN})
	return m
}

// TestSklearnFreeEnergy imports scikit-learn's components_,
// intercept_visible_ and intercept_hidden_ as the package documentation
// says, and checks that spinfer's free energy of the imported model equals
// scikit-learn's own _free_energy on 20 configurations (free_energy.npy),
// to a relative 1e-12 (the same formula summed in another order).
func TestSklearnFreeEnergy(t *testing.T) {
	dir := t.TempDir()
	m := importSklearn(t, "components.npy", "intercept_visible.npy",
		"intercept_hidden.npy", filepath.Join(dir, "m"))
	p := &rbm.Params[float64]{N: m.NVisible(), M: m.NHidden(), W: m.W, B: m.B, C: m.C,
		Visible: rbm.Binary}
	v, fe := readNPYFile(t, sk("v.npy")), readNPYFile(t, sk("free_energy.npy"))
	if p.N != 10 || p.M != 4 || len(v.Data) != 20*10 || len(fe.Data) != 20 {
		t.Fatalf("fixture shapes: model %d×%d, v %v, F %v", p.N, p.M, v.Shape, fe.Shape)
	}
	for r := range 20 {
		got := p.FreeEnergy(v.Data[r*10 : (r+1)*10])
		if d := math.Abs(got - fe.Data[r]); d > 1e-12*math.Abs(fe.Data[r]) {
			t.Errorf("configuration %d: F = %.17g, scikit-learn %.17g", r, got, fe.Data[r])
		}
	}
}

// TestSklearnFormats imports the same scikit-learn model from .npy, from
// numpy.savetxt text (17 digits: exact) and from float32 Fortran-ordered
// weights, and finds the same parameters (the float32 ones rounded).
func TestSklearnFormats(t *testing.T) {
	dir := t.TempDir()
	ref := importSklearn(t, "components.npy", "intercept_visible.npy",
		"intercept_hidden.npy", filepath.Join(dir, "npy"))
	txt := importSklearn(t, "components.csv", "intercept_visible.csv",
		"intercept_hidden.csv", filepath.Join(dir, "csv"))
	sameModel(t, txt, testModel{n: 10, m: 4, w: ref.W, b: ref.B, c: ref.C})
	f4 := importSklearn(t, "components_f4_fortran.npy", "intercept_visible.npy",
		"intercept_hidden.npy", filepath.Join(dir, "f4"))
	w32 := make([]float64, len(ref.W))
	for k, x := range ref.W {
		w32[k] = float64(float32(x))
	}
	sameModel(t, f4, testModel{n: 10, m: 4, w: w32, b: ref.B, c: ref.C})
}

// TestCouplingsOfImportedModel runs the couplings stage (exact method,
// orders 1–4) on a scikit-learn-shaped model imported with --layout MxN
// and on the same model given directly in N×M, for the scikit-learn model
// (binary visible units) and a random model with Ising visible units
// (N = 12, M = 5): the couplings must agree to 1e-12.
func TestCouplingsOfImportedModel(t *testing.T) {
	dir := t.TempDir()
	ref := importSklearn(t, "components.npy", "intercept_visible.npy",
		"intercept_hidden.npy", filepath.Join(dir, "sk-mn"))
	sk := testModel{n: 10, m: 4, w: ref.W, b: ref.B, c: ref.C}
	for _, c := range []struct {
		name    string
		model   testModel
		visible string
	}{
		{"sklearn", sk, VisibleBinary},
		{"ising", randomModel(12, 5, 0.7, 9), VisibleIsing},
	} {
		var got [2]*formats.Couplings
		for k, layout := range []string{LayoutMN, LayoutNM} {
			base := filepath.Join(dir, c.name+layout)
			p := files(dir, c.name+layout+"W.npy", c.name+"b.npy", c.name+"c.npy")
			if layout == LayoutMN {
				writeNPY(t, p[0], "<f8", false, c.model.m, c.model.n,
					transpose(c.model.w, c.model.n, c.model.m))
			} else {
				writeNPY(t, p[0], "<f8", false, c.model.n, c.model.m, c.model.w)
			}
			writeNPY(t, p[1], "<f8", false, c.model.n, 0, c.model.b)
			writeNPY(t, p[2], "<f8", false, c.model.m, 0, c.model.c)
			importOK(t, Options{Weights: p[0], VisibleBias: p[1], HiddenBias: p[2],
				Output: base + "-model", Layout: layout, Visible: c.visible})
			got[k] = exactCouplings(t, base+"-model", base+"-couplings")
		}
		sameCouplings(t, c.name, got[0], got[1], c.model.n)
	}
}

func exactCouplings(t *testing.T, model, out string) *formats.Couplings {
	t.Helper()
	_, err := couplings.Run(context.Background(), couplings.Options{Model: model,
		Output: out, Method: couplings.Exact, Order: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := formats.ReadCouplings(out)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sameCouplings compares fields and all terms of orders 2–4 to 1e-12, and
// checks that every k-set of n sites is there.
func sameCouplings(t *testing.T, name string, a, b *formats.Couplings, n int) {
	t.Helper()
	const tol = 1e-12
	for i := range n {
		if math.Abs(a.Fields[i]-b.Fields[i]) > tol {
			t.Errorf("%s: h_%d = %v and %v", name, i, a.Fields[i], b.Fields[i])
		}
	}
	sets := map[int]int{2: n * (n - 1) / 2, 3: n * (n - 1) * (n - 2) / 6,
		4: n * (n - 1) * (n - 2) * (n - 3) / 24}
	for k := 2; k <= 4; k++ {
		ta, tb := sortTerms(a.Orders[k]), sortTerms(b.Orders[k])
		if len(ta) != sets[k] || len(tb) != sets[k] {
			t.Fatalf("%s: order %d has %d and %d terms, want %d", name, k, len(ta),
				len(tb), sets[k])
		}
		for i := range ta {
			if ta[i].Sites != tb[i].Sites || math.Abs(ta[i].Value-tb[i].Value) > tol {
				t.Errorf("%s: order %d: %+v and %+v", name, k, ta[i], tb[i])
			}
		}
	}
}

func sortTerms(ts []formats.Term) []formats.Term {
	out := append([]formats.Term{}, ts...)
	sort.Slice(out, func(i, j int) bool {
		for k := range 4 {
			if out[i].Sites[k] != out[j].Sites[k] {
				return out[i].Sites[k] < out[j].Sites[k]
			}
		}
		return false
	})
	return out
}
