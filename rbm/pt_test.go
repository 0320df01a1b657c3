package rbm

import (
	"math"
	"testing"
)

// TestSwapAcceptance checks the sign convention of the swap probability
// min(1, exp((β_hi − β_lo)(E_hi − E_lo))) on a one-unit model with
// E(v,h) = −v (b = 1, c = 0, W = 0) and β = (0.5, 1). With v = 1 at β = 1
// (E = −1) and v = 0 at β = 0.5 (E = 0) the swap is accepted with
// probability e^{−0.5} = 0.6065; in the opposite placement always.
// 20000 chains: binomial standard error 0.0035, tolerance 0.015.
func TestSwapAcceptance(t *testing.T) {
	p := NewParams[float64](1, 1, Binary)
	p.B[0] = 1
	betas := []float64{0.5, 1}
	for _, tc := range []struct {
		vLo, vHi float64
		want     float64
	}{{0, 1, math.Exp(-0.5)}, {1, 0, 1}} {
		c := newChains[float64](1, 1, 20000, 2, Binary, 3, purposeSample)
		for j := range c.per {
			c.v[j], c.v[c.per+j] = tc.vLo, tc.vHi
		}
		acc := make([]int, 1)
		swapRound(c, p, betas, acc)
		got := float64(acc[0]) / float64(c.per)
		if math.Abs(got-tc.want) > 0.015 {
			t.Errorf("v_lo=%v, v_hi=%v: accepted %.4f, want %.4f", tc.vLo, tc.vHi, got, tc.want)
		}
		// an accepted swap exchanges the configurations
		for j := range c.per {
			if c.v[j]+c.v[c.per+j] != 1 {
				t.Fatalf("chain %d: states %v, %v after swap", j, c.v[j], c.v[c.per+j])
			}
		}
	}
}

func TestPTMatchesExactDistribution(t *testing.T) {
	for _, vis := range bothVisible() {
		p, exact := samplerModel[float64](t, vis)
		res, err := SamplePT(p, SampleConfig{Chains: 500, K: 100, Thin: 1, Samples: 500 * 300,
			Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		d := totalVariation(histogram(int8ToFloat[float64](res.Samples), p.N), exact)
		t.Logf("%v: TV(PT, exact) = %.4f, betas %.3f, swap rates %.2f", vis, d, res.Betas,
			res.SwapRates)
		if d > tvBound {
			t.Errorf("%v: TV(PT, exact) = %.4f > %v", vis, d, tvBound)
		}
	}
}

// bimodalModel returns a spin-flip symmetric model with one strong hidden
// unit (N=10, M=1): its two modes are separated by a barrier that plain
// Gibbs chains do not cross in the test's run length.
func bimodalModel(t *testing.T) (*Params[float64], []float64) {
	t.Helper()
	p := teacherParams(10, 1, Ising, 0, 1)
	for i := range p.N {
		w := 2.5 + 0.2*float64(i%3)
		p.W[i], p.B[i] = w, -w/2
	}
	return p, exactVisible(t, p)
}

// TestPTCrossesBarrier: on the bimodal model, chains started in one mode
// stay there under Gibbs (TV to exact ≈ 0.5) but PT restores the exact
// distribution (TV under the bound, ladder built automatically). The
// bound is tvBound: the two modes carry most of the mass, so the
// effective number of states is far below 2^10.
func TestPTCrossesBarrier(t *testing.T) {
	p, exact := bimodalModel(t)
	start := make([]int8, p.N)
	for i := range start {
		start[i] = 1
	}
	cfg := SampleConfig{Chains: 400, K: 200, Thin: 2, Samples: 400 * 200, Seed: 6,
		Start: start}
	gibbs, err := Sample(p, cfg)
	if err != nil {
		t.Fatal(err)
	}
	dg := totalVariation(histogram(int8ToFloat[float64](gibbs.Samples), p.N), exact)
	pt, err := SamplePT(p, cfg)
	if err != nil {
		t.Fatal(err)
	}
	dp := totalVariation(histogram(int8ToFloat[float64](pt.Samples), p.N), exact)
	t.Logf("TV Gibbs %.4f, PT %.4f; betas %.3f; rates %.2f", dg, dp, pt.Betas, pt.SwapRates)
	if dg < 0.3 {
		t.Errorf("Gibbs TV %.4f: the model is not bimodal enough to test PT", dg)
	}
	if dp > tvBound {
		t.Errorf("PT TV %.4f > %v", dp, tvBound)
	}
	for r, x := range pt.SwapRates {
		if x < 0.1 {
			t.Errorf("swap rate of pair %d = %.3f: ladder too sparse for target 0.3", r, x)
		}
	}
}
