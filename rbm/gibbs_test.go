package rbm

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"testing"
)

// tvBound is the total-variation bound of the sampler tests on 2^8 states.
// With S effectively independent samples the expected TV is about
// ½ Σ_x sqrt(2p(x)/(πS)) ≤ ½·sqrt(2·256/(πS)); for S = 2·10⁵ draws
// thinned to roughly 5·10⁴ independent ones this is ≈ 0.03 at worst, and
// ≈ 0.015 for the peaked models used here. Each test also checks that the
// independent-site approximation of the same model is farther than the
// bound, so the bound can fail a wrong sampler.
const tvBound = 0.03

// samplerModel is a model with correlations strong enough that its
// product-of-marginals approximation is more than 2·tvBound away.
func samplerModel[T Float](t *testing.T, vis Visible) (*Params[T], []float64) {
	t.Helper()
	return sizedSamplerModel[T](t, 8, 4, vis)
}

// sizedSamplerModel is samplerModel with n visible and m hidden units.
func sizedSamplerModel[T Float](t *testing.T, n, m int, vis Visible) (*Params[T], []float64) {
	t.Helper()
	p := randomParams[float64](n, m, vis, 1.0, 11)
	exact := exactVisible(t, p)
	if d := totalVariation(exact, productOfMarginals(exact, p.N)); d < 2*tvBound {
		t.Fatalf("test model too weakly coupled: TV to independent sites %v", d)
	}
	return Convert[T](p), exact
}

func TestGibbsMatchesExactDistribution(t *testing.T) {
	for _, vis := range bothVisible() {
		t.Run(vis.String()+"/float64", func(t *testing.T) { testGibbsTV[float64](t, vis) })
		t.Run(vis.String()+"/float32", func(t *testing.T) { testGibbsTV[float32](t, vis) })
	}
}

func testGibbsTV[T Float](t *testing.T, vis Visible) {
	p, exact := samplerModel[T](t, vis)
	chainsTV(t, p, exact, "Gibbs", func(c *chains[T], k int) { c.gibbsSteps(p, nil, k) })
}

// chainsTV runs 1000 chains of p from uniform states through step (k
// steps per call): 100 steps of burn-in, then 200 sweeps of one step,
// recording every state; it checks the total variation of the recorded
// states from exact (under tvBound) and returns the chains.
func chainsTV[T Float](t *testing.T, p *Params[T], exact []float64, name string,
	step func(c *chains[T], k int)) *chains[T] {
	t.Helper()
	const per, burn, sweeps = 1000, 100, 200
	c := newChains[T](p.N, p.M, per, 1, p.Visible, 42, purposeSample)
	c.randomize()
	step(c, burn)
	all := make([]T, 0, per*sweeps*p.N)
	for range sweeps {
		step(c, 1)
		all = append(all, c.v...)
	}
	if d := totalVariation(histogram(all, p.N), exact); d > tvBound {
		t.Errorf("TV(%s, exact) = %.4f > %v", name, d, tvBound)
	} else {
		t.Logf("TV(%s, exact) = %.4f", name, d)
	}
	return c
}

// TestGibbsIndependentOfGOMAXPROCS runs the same chains at GOMAXPROCS 1
// and 2 (several chain blocks) and compares every state bit for bit.
func TestGibbsIndependentOfGOMAXPROCS(t *testing.T) {
	p := randomParams[float32](13, 5, Ising, 0.5, 3)
	run := func(procs int) []float32 {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		c := newChains[float32](p.N, p.M, 150, 2, Ising, 9, purposeSample)
		c.randomize()
		for range 20 {
			c.gibbs(p, []temp{{0.5, 0.5}, {1, 1}})
		}
		return append(c.v, c.h...)
	}
	a, b := run(1), run(2)
	for k := range a {
		if math.Float32bits(a[k]) != math.Float32bits(b[k]) {
			t.Fatalf("state %d differs: %v vs %v", k, a[k], b[k])
		}
	}
}

// TestSamplersIndependentOfGOMAXPROCS runs every sampler and estimator at
// GOMAXPROCS 1 and 2 on a model with several chain blocks and compares the
// results exactly.
func TestSamplersIndependentOfGOMAXPROCS(t *testing.T) {
	p := randomParams[float32](12, 70, Binary, 0.3, 5)
	data := randomData(600, 12) // three chunks of measureRows
	run := func(procs int) []float64 {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		var out []float64
		s, err := SamplePT(p, SampleConfig{Chains: 100, K: 20, Samples: 300, Thin: 2, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		out = append(append(out, int8ToFloat[float64](s.Samples)...), s.SwapRates...)
		a, _ := PopulationAnneal(p, AnnealConfig{Population: 100, Steps: 20, Seed: 2})
		out = append(append(out, int8ToFloat[float64](a.Samples)...), a.LogZ)
		z, _ := AIS(p, AISConfig{Steps: 20, Chains: 70, Repeats: 2, Seed: 3})
		m, _ := MixingDiagnostic(p, data, MixingConfig{Chains: 90, MaxTime: 16, Seed: 4})
		pl, _ := PseudoLogLikelihood(p, data)
		return append(append(append(out, z.LogZ, m.TauEnergy, pl.Total), m.OverlapHalf...),
			m.OverlapIndep...)
	}
	a, b := run(1), run(2)
	for k := range a {
		if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
			t.Fatalf("value %d differs: %v vs %v", k, a[k], b[k])
		}
	}
}

// TestPCDStepsMatchExactDistribution checks the persistent-hidden steps
// of the trainer (pcdSteps) against the exact p(v) as TestGibbsMatches…
// does for gibbs, and that what they return is consistent: actH = vᵀW and
// mh = σ(c + actH) bit for bit, h ∈ {0,1}.
func TestPCDStepsMatchExactDistribution(t *testing.T) {
	for _, vis := range bothVisible() {
		t.Run(vis.String()+"/float64", func(t *testing.T) { testPCDStepsTV[float64](t, vis) })
		t.Run(vis.String()+"/float32", func(t *testing.T) { testPCDStepsTV[float32](t, vis) })
	}
}

func testPCDStepsTV[T Float](t *testing.T, vis Visible) {
	p, exact := samplerModel[T](t, vis)
	var mh []T
	c := chainsTV(t, p, exact, "pcdSteps", func(c *chains[T], k int) {
		mh = grow(mh, c.rows()*p.M)
		c.pcdSteps(p, k, mh)
	})
	per := c.rows()
	act := make([]T, per*p.M)
	gemm(false, false, per, p.M, p.N, 1, c.v, p.N, p.W, p.M, 0, act, p.M)
	want := make([]T, per*p.M)
	hiddenProbsFromActTo(want, p, act)
	for k := range want {
		if act[k] != c.actH[k] || want[k] != mh[k] {
			t.Fatalf("entry %d: actH %v (want %v), mh %v (want %v)", k, c.actH[k], act[k], mh[k], want[k])
		}
		if c.h[k] != 0 && c.h[k] != 1 {
			t.Fatalf("h[%d] = %v", k, c.h[k])
		}
	}
}

// TestSampleContextCutsStepsExactly checks that SampleContext, which runs
// its steps in pieces of cancelSteps to look at the context, draws what
// uninterrupted runs of K and Thin steps draw (K and Thin not multiples
// of cancelSteps), and that a done context stops both samplers with its
// error and no samples.
func TestSampleContextCutsStepsExactly(t *testing.T) {
	p, _ := samplerModel[float32](t, Binary)
	cfg := SampleConfig{Chains: 40, K: 3*cancelSteps + 5, Thin: cancelSteps + 7, Samples: 120,
		Seed: 4}
	got, err := SampleContext(context.Background(), p, cfg)
	if err != nil {
		t.Fatal(err)
	}
	c, full, err := startChains(p, cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := &SampleResult{}
	c.gibbsSteps(p, nil, full.K)
	record(want, c, 0, full.Samples)
	for want.Rows < full.Samples {
		c.gibbsSteps(p, nil, full.Thin)
		record(want, c, 0, full.Samples)
	}
	if got.Rows != want.Rows || !slices.Equal(got.Samples, want.Samples) {
		t.Fatalf("pieces of %d steps changed the samples (%d rows, want %d)", cancelSteps,
			got.Rows, want.Rows)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, err := SampleContext(ctx, p, cfg); !errors.Is(err, context.Canceled) || r != nil {
		t.Errorf("Gibbs: done context gave %v, %v; want context.Canceled, nil", r, err)
	}
	cfg.PT = PTConfig{Betas: []float64{0.5, 1}}
	if r, err := SamplePTContext(ctx, p, cfg); !errors.Is(err, context.Canceled) || r != nil {
		t.Errorf("PT: done context gave %v, %v; want context.Canceled, nil", r, err)
	}
}
