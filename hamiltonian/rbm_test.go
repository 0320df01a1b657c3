package hamiltonian

import (
	"math"
	"testing"
)

// logMarginal returns log Σ_h exp(−E(x, h)) by enumerating the 2ᴹ hidden
// states, with x the visible configuration in r's own alphabet.
func logMarginal(r RBM, x []float64) float64 {
	terms := make([]float64, 0, 1<<r.M)
	for hb := 0; hb < 1<<r.M; hb++ {
		negE := 0.0
		for i, xi := range x {
			negE += r.B[i] * xi
		}
		for a := 0; a < r.M; a++ {
			if hb>>a&1 == 0 {
				continue
			}
			negE += r.C[a]
			for i, xi := range x {
				negE += xi * r.W[i*r.M+a]
			}
		}
		terms = append(terms, negE)
	}
	mx := math.Inf(-1)
	for _, v := range terms {
		mx = math.Max(mx, v)
	}
	var s float64
	for _, v := range terms {
		s += math.Exp(v - mx)
	}
	return mx + math.Log(s)
}

// TestNegHIsMarginal checks the mapping to (w, η, θ): −H(s) must equal the
// log of the RBM's marginal probability up to one constant over all
// states, for both visible types.
func TestNegHIsMarginal(t *testing.T) {
	for _, ising := range []bool{false, true} {
		r := randomRBM(6, 4, 0.9, ising, 21)
		e := r.Effective()
		var offset float64
		for x := 0; x < 1<<r.N; x++ {
			s := spins(x, r.N)
			v := make([]float64, r.N)
			for i, si := range s {
				v[i] = float64(si)
				if !ising {
					v[i] = (v[i] + 1) / 2
				}
			}
			d := logMarginal(r, v) - e.NegH(s)
			if x == 0 {
				offset = d
			} else if math.Abs(d-offset) > 1e-12 {
				t.Fatalf("ising=%v state %d: log p − (−H) = %.15g, first state %.15g",
					ising, x, d, offset)
			}
		}
		if got := r.NegH(spins(5, r.N)); got != e.NegH(spins(5, r.N)) {
			t.Errorf("RBM.NegH %v ≠ Effective.NegH", got)
		}
	}
}

func TestLogCoshStable(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{
		{0, 0},
		{1, math.Log(math.Cosh(1))},
		{-3, math.Log(math.Cosh(3))},
		{800, 800 - math.Ln2}, // cosh overflows here
		{-1e300, 1e300},
	} {
		if got := logCosh(tc.x); math.Abs(got-tc.want) > 1e-15*math.Max(1, math.Abs(tc.want)) {
			t.Errorf("logCosh(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}
