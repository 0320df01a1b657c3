package hamiltonian

import (
	"math"
	"strings"
	"testing"
)

func TestGaussianOptionsValidate(t *testing.T) {
	if err := (&GaussianOptions{}).Validate(); err != nil {
		t.Fatalf("zero options: %v", err)
	}
	bad := GaussianOptions{MaxOrder: 5, Rule: 7, Nodes: 1, Step: 0.8, SwitchSigma: 3,
		Top: -1, Candidates: -2, ScreenBudget: math.NaN(), DominanceThreshold: 2}
	err := bad.Validate()
	if err == nil {
		t.Fatal("bad options accepted")
	}
	for _, field := range []string{"MaxOrder", "Rule", "Nodes", "Step", "SwitchSigma",
		"Top", "Candidates", "ScreenBudget", "DominanceThreshold"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("error does not report %s: %v", field, err)
		}
	}
	if _, err := Gaussian(randomRBM(4, 2, 0.1, false, 1), bad); err == nil {
		t.Error("Gaussian ran with bad options")
	}
}

// TestGaussianWorkersIndependent: 1 and 3 workers give bit-identical
// results, screened orders included.
func TestGaussianWorkersIndependent(t *testing.T) {
	r := randomRBM(18, 7, 0.5, false, 13)
	run := func(w int) *Result {
		res, err := Gaussian(r, GaussianOptions{MaxOrder: 4, MaxAll: 1000, Top: 30,
			Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(1), run(3)
	for i := range a.Fields {
		if a.Fields[i] != b.Fields[i] {
			t.Fatalf("field %d: %v vs %v", i, a.Fields[i], b.Fields[i])
		}
	}
	for k := 2; k <= 4; k++ {
		if len(a.Orders[k]) != len(b.Orders[k]) {
			t.Fatalf("order %d: %d vs %d terms", k, len(a.Orders[k]), len(b.Orders[k]))
		}
		for j := range a.Orders[k] {
			if a.Orders[k][j] != b.Orders[k][j] {
				t.Fatalf("order %d term %d: %v vs %v", k, j, a.Orders[k][j], b.Orders[k][j])
			}
		}
	}
	if a.TopK[4] != 30 || a.TopK[3] != 0 {
		t.Errorf("TopK = %v, want only order 4 screened", a.TopK)
	}
}

// TestGaussianProgress: the callback sees a non-decreasing count that ends
// at the total, which counts every set evaluated.
func TestGaussianProgress(t *testing.T) {
	r := randomRBM(12, 3, 0.3, true, 2)
	var calls, last, total int
	opts := GaussianOptions{MaxOrder: 3, Workers: 2, Progress: func(done, tot int) {
		if done < last {
			t.Errorf("done went from %d to %d", last, done)
		}
		calls++
		last, total = done, tot
	}}
	if _, err := Gaussian(r, opts); err != nil {
		t.Fatal(err)
	}
	if want := 12 + 66 + 220; total != want || last != want || calls == 0 {
		t.Errorf("progress ended at %d/%d after %d calls, want %d", last, total, calls, want)
	}
}

// TestDominanceDiagnostic: a unit with one weight far above the others is
// flagged, a unit with equal weights is not, and the values are the
// formula's.
func TestDominanceDiagnostic(t *testing.T) {
	const n = 16
	r := RBM{N: n, M: 2, W: make([]float64, 2*n), B: make([]float64, n),
		C: make([]float64, 2)}
	for i := 0; i < n; i++ {
		r.W[i*2] = 0.1
		r.W[i*2+1] = 0.1
	}
	r.W[5*2+1] = 2 // unit 1: 2/sqrt(4 + 15·0.01) = 0.9817
	res, err := Gaussian(r, GaussianOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.25, 2 / math.Sqrt(4.15)} // unit 0: 1/√16
	for a, d := range res.Dominance {
		if math.Abs(d-want[a]) > 1e-12 {
			t.Errorf("Dominance[%d] = %v, want %v", a, d, want[a])
		}
	}
	if len(res.Doubtful) != 1 || res.Doubtful[0] != 1 {
		t.Errorf("Doubtful = %v, want [1]", res.Doubtful)
	}
	res, err = Gaussian(r, GaussianOptions{DominanceThreshold: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Doubtful) != 2 {
		t.Errorf("threshold 0.2: Doubtful = %v, want [0 1]", res.Doubtful)
	}
}
