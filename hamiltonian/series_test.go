package hamiltonian

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSeriesAlpha checks α_m against sinh(z)e^(−z²/2) expanded by hand.
func TestSeriesAlpha(t *testing.T) {
	// sinh z = z + z³/6 + z⁵/120; e^(−z²/2) = 1 − z²/2 + z⁴/8:
	// z³: 1/6 − 1/2 = −1/3; z⁵: 1/120 − 1/12 + 1/8 = 1/20.
	want := map[int]float64{0: 0, 1: 1, 2: 0, 3: -1.0 / 3, 4: 0, 5: 1.0 / 20}
	for m, w := range want {
		if math.Abs(seriesAlpha[m]-w) > 1e-16 {
			t.Errorf("α_%d = %v, want %v", m, seriesAlpha[m], w)
		}
	}
}

// TestSeriesMatchesQuadrature: for random units and sets, the series path
// and the quadrature path compute the same per-unit term, within 1e−9·Π|w_i|
// (as in TestSmootherAccuracy) plus the rounding of the quadrature's
// 2ᵏ-point difference, 2ᵏ·1e−16·(|θ| + σ + 1): for tiny weights that
// cancellation, which the series avoids, is the larger error.
func TestSeriesMatchesQuadrature(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	worst, used := 0.0, 0
	for trial := 0; trial < 300; trial++ {
		n := 20 + rng.IntN(200)
		wStd := 0.05 + 0.5*rng.Float64()
		r := randomRBM(n, 3, wStd, trial%2 == 0, uint64(trial))
		r.C[0] = 4 * rng.NormFloat64()
		e := r.Effective()
		ev := newEvaluator(&e, &GaussianOptions{})
		k := 1 + rng.IntN(4)
		sites := rng.Perm(n)[:k]
		var b scratch
		for a := 0; a < e.M; a++ {
			v, ok := ev.seriesTerm(a, sites, &b)
			if !ok {
				continue
			}
			used++
			want := ev.quadTerm(a, sites, &b)
			scale := 1.0
			for _, i := range sites {
				scale *= math.Abs(e.W[i*e.M+a])
			}
			noise := float64(int(1)<<k) * 1e-16 * (math.Abs(e.Theta[a]) + math.Sqrt(ev.v[a]) + 1)
			err := math.Max(math.Abs(v-want)-noise, 0) / scale
			worst = max(worst, err)
			if err > 1e-9 {
				t.Errorf("trial %d unit %d k=%d: series %.15g, quadrature %.15g (scaled %.1e)",
					trial, a, k, v, want, err)
			}
		}
	}
	t.Logf("%d unit terms by series, worst scaled difference %.2e", used, worst)
	if used < 300 {
		t.Errorf("series used only %d times", used)
	}
}

// TestAutoMatchesFineGaussHermite holds the default rule (series and
// trapezoid paths) to an independent integration: Gauss–Hermite with 200
// nodes, whose spacing (πσ/√200 ≈ 0.3 at σ ≈ 1.2) resolves log cosh here.
// Norm-relative difference per order, measured 8e−15, 3e−15, 2e−12 for
// orders 1–3; tolerance 1e−8.
func TestAutoMatchesFineGaussHermite(t *testing.T) {
	r := randomRBM(24, 5, 0.5, true, 23)
	auto, err := Gaussian(r, GaussianOptions{MaxOrder: 3})
	if err != nil {
		t.Fatal(err)
	}
	gh, err := Gaussian(r, GaussianOptions{MaxOrder: 3, Rule: RuleGaussHermite, Nodes: 200})
	if err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= 3; k++ {
		d := normRelErr(auto, gh, k)
		t.Logf("order %d: %.1e", k, d)
		if d > 1e-8 {
			t.Errorf("order %d: auto vs 200-node Gauss–Hermite differ by %.1e", k, d)
		}
	}
}
