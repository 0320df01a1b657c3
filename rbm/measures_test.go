package rbm

import (
	"math"
	"testing"
)

// TestAISAgreesWithExactLogZ: on models whose exact log Z is known by
// enumeration, the AIS mean lies within its reported spread (one standard
// deviation of the repeats) of the exact value.
func TestAISAgreesWithExactLogZ(t *testing.T) {
	for _, vis := range bothVisible() {
		p := teacherParams(16, 6, vis, 0.6, 9)
		exact, err := ExactLogZ(p)
		if err != nil {
			t.Fatal(err)
		}
		res, err := AIS(p, AISConfig{Steps: 300, Chains: 100, Repeats: 6, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v: exact %.4f, AIS %.4f ± %.4f (repeats %.4f)", vis, exact, res.LogZ, res.Std,
			res.Repeats)
		if math.Abs(res.LogZ-exact) > res.Std || res.Std == 0 {
			t.Errorf("%v: AIS %.4f ± %.4f, exact %.4f", vis, res.LogZ, res.Std, exact)
		}
	}
}

// TestPseudoLogLikelihoodByEnumeration compares with log p(v_i | v_{−i})
// computed from the exact joint p(v) of N=7, M=3 (1e−12).
func TestPseudoLogLikelihoodByEnumeration(t *testing.T) {
	for _, vis := range bothVisible() {
		p := randomParams[float64](7, 3, vis, 0.8, 12)
		pv := exactVisible(t, p)
		var data []int8
		want := 0.0
		const rows = 30
		for r := range rows {
			idx := (r * 53) % (1 << p.N)
			for _, x := range config[float64](idx, p.N, vis == Ising) {
				data = append(data, int8(x))
			}
			for i := range p.N {
				want += math.Log(pv[idx] / (pv[idx] + pv[idx^(1<<i)]))
			}
		}
		want /= rows
		got, err := PseudoLogLikelihood(p, data)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got.Total-want) > 1e-12 || math.Abs(got.PerSite-want/7) > 1e-12 {
			t.Errorf("%v: PLL %+v, want total %v, per site %v", vis, got, want, want/7)
		}
	}
}

// TestReconstructionErrorIndependentSites: with W = 0 the reconstruction is
// the site mean m_i = E[v_i] under the biases, so the error of a row is
// (1/N) Σ_i (v_i − m_i)², hand-computable.
func TestReconstructionErrorIndependentSites(t *testing.T) {
	for _, vis := range bothVisible() {
		p := NewParams[float64](2, 3, vis)
		p.B[0], p.B[1] = 0, math.Log(3) // m = σ(0), σ(log 3) = 1/2, 3/4 for {0,1}
		data := []int8{1, 1}
		m0, m1 := 0.5, 0.75
		if vis == Ising {
			// p(+1) = σ(2b): 1/2 and 9/10, means 0 and 4/5
			m0, m1 = 0, 0.8
		}
		want := ((1-m0)*(1-m0) + (1-m1)*(1-m1)) / 2
		got, err := ReconstructionError(p, data)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-want) > 1e-15 {
			t.Errorf("%v: RE = %v, want %v", vis, got, want)
		}
	}
}

// TestSingularValues: W = u·σ·vᵀ built from orthogonal columns has the
// prescribed singular values.
func TestSingularValues(t *testing.T) {
	p := NewParams[float32](4, 3, Binary)
	// W = diag(3, 2, 0.5) padded with a zero row, rows permuted
	p.W[0*3+1], p.W[2*3+0], p.W[3*3+2] = 2, -3, 0.5
	got := SingularValues(p, 2)
	if len(got) != 2 || math.Abs(got[0]-3) > 1e-12 || math.Abs(got[1]-2) > 1e-12 {
		t.Errorf("top 2 = %v, want [3 2]", got)
	}
	if all := SingularValues(p, 0); len(all) != 3 || math.Abs(all[2]-0.5) > 1e-12 {
		t.Errorf("all = %v, want [3 2 0.5]", all)
	}
}
