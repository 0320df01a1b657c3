package rbm

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// teacherParams returns a teacher RBM with W ~ N(0, std²) that is
// spin-flip symmetric, so its data have balanced modes and strong
// correlations. For ±1 units, c = 0 and b_i = −Σ_a W_ia/2 cancel the linear
// part of softplus(x) = x/2 + log(2cosh(x/2)); for {0,1} units the same
// model is written in v = (1+s)/2: W' = 2W, b' = 2b, c'_a = −Σ_i W_ia.
func teacherParams(n, m int, vis Visible, std float64, seed uint64) *Params[float64] {
	p := randomParams[float64](n, m, vis, std, seed)
	clear(p.B)
	clear(p.C)
	for i := range n {
		for a := range m {
			w := p.W[i*m+a]
			p.B[i] -= w / 2
			if vis == Binary {
				p.W[i*m+a], p.B[i], p.C[a] = 2*w, p.B[i]-w/2, p.C[a]-w
			}
		}
	}
	return p
}

// teacherData draws rows exact samples of a teacher RBM (inverse CDF over
// the 2^n visible states, fixed seed).
func teacherData(t *testing.T, n, m, rows int, vis Visible, std float64, seed uint64) []int8 {
	t.Helper()
	p := teacherParams(n, m, vis, std, seed)
	pv := exactVisible(t, p)
	r := rand.New(rand.NewPCG(seed, 99))
	data := make([]int8, 0, rows*n)
	for range rows {
		u, k := r.Float64(), 0
		for ; k < len(pv)-1 && u >= pv[k]; k++ {
			u -= pv[k]
		}
		for _, x := range config[float64](k, n, vis == Ising) {
			data = append(data, int8(x))
		}
	}
	return data
}

// exactTrain ascends the exact centred log-likelihood gradient of the whole
// data set (model term by joint enumeration) from p for the given number
// of updates; it is the reference a stochastic protocol should approach.
func exactTrain(p *Params[float64], data []int8, lr float64, updates int) {
	// the data as distinct states with their frequencies
	freq := histogram(int8ToFloat[float64](data), p.N)
	var d, w []float64
	for idx, f := range freq {
		if f > 0 {
			d = append(d, config[float64](idx, p.N, p.Visible == Ising)...)
			w = append(w, f)
		}
	}
	for range updates {
		gW, gb, gc := oracleGradient(p, weightedDataMoments(p, d, w), modelMoments(p), true)
		for k := range p.W {
			p.W[k] += lr * gW[k]
		}
		for i := range p.B {
			p.B[i] += lr * gb[i]
		}
		for a := range p.C {
			p.C[a] += lr * gc[a]
		}
	}
}

func exactLL(t *testing.T, p *Params[float64], data []int8) float64 {
	t.Helper()
	l, err := ExactLogLikelihood(p, data)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestPCDApproachesExactGradient trains N=8, M=3 models on 1000 exact
// samples of a teacher with PCD-10 (batch 100, 100 chains) and with exact
// full-data centred gradients from the same initialisation, 1000 updates
// each. Tolerances: PCD must gain at least 90% of the exact run's
// log-likelihood gain (≈ 2.2 nats per sample) and end within 0.05 nats per
// sample of it; the gap measured at this seed is 0.021 (binary) and 0.026
// (Ising), the cost of minibatch and chain noise at these rates.
func TestPCDApproachesExactGradient(t *testing.T) {
	for _, vis := range bothVisible() {
		data := teacherData(t, 8, 3, 1000, vis, 2.5, 31)
		// {0,1} units see a quarter of the ±1 covariance: 4× the rate
		lr := map[Visible]float64{Binary: 0.4, Ising: 0.1}[vis]
		cfg := Config{Hidden: 3, LearningRate: lr, Updates: 1000, Seed: 5}
		tr, err := NewTrainer[float64](cfg, data, 8, vis)
		if err != nil {
			t.Fatal(err)
		}
		p0 := tr.Params()
		ll0 := exactLL(t, p0, data)
		for range cfg.Updates {
			if _, err := tr.Step(); err != nil {
				t.Fatal(err)
			}
		}
		llPCD := exactLL(t, tr.Params(), data)
		exactTrain(p0, data, lr, 1000)
		llExact := exactLL(t, p0, data)
		t.Logf("%v: ℓ init %.4f, PCD %.4f, exact %.4f", vis, ll0, llPCD, llExact)
		if llPCD-ll0 < 0.9*(llExact-ll0) || math.Abs(llPCD-llExact) > 0.05 {
			t.Errorf("%v: PCD ℓ %.4f vs exact-gradient ℓ %.4f (init %.4f)",
				vis, llPCD, llExact, ll0)
		}
	}
}

func TestDivergenceError(t *testing.T) {
	data := teacherData(t, 6, 2, 200, Binary, 1, 3)
	// W ← W(1 − lr·L2) + lr·∇: with lr·L2 = 5 the weights grow fourfold per
	// update until float32 overflows (≈ 70 updates from 1e−4).
	cfg := Config{Hidden: 4, LearningRate: 5, L2: 1, Updates: 200}
	tr, err := NewTrainer[float32](cfg, data, 6, Binary)
	if err != nil {
		t.Fatal(err)
	}
	var de *DivergenceError
	for range cfg.Updates {
		if _, err = tr.Step(); err != nil {
			break
		}
	}
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want *DivergenceError", err)
	}
	msg := de.Error()
	if de.Update < 1 || isFinite(de.Value) || !strings.Contains(msg, "smaller learning rate") {
		t.Errorf("DivergenceError %+v: %v", *de, de)
	}
	if !strings.HasPrefix(de.Param, "W[") && !strings.HasPrefix(de.Param, "b[") &&
		!strings.HasPrefix(de.Param, "c[") {
		t.Errorf("Param = %q", de.Param)
	}
	if _, err2 := tr.Step(); err2 != err {
		t.Errorf("Step after divergence returned %v, want the same error", err2)
	}
}

// allProtocols lists configurations exercising every protocol.
func allProtocols() []Config {
	return []Config{
		{Protocol: CD},
		{Protocol: PCD, Chains: 70},
		{Protocol: Rdm, Minibatch: SamplePerUpdate},
		{Protocol: PT, PT: PTConfig{LadderEvery: 7, BetaMin: 0.2, TargetSwapRate: 0.8}},
		{Protocol: PT, PT: PTConfig{Betas: []float64{0.3, 0.7, 1}}},
		{Protocol: Jarzynski, Jarzynski: JarzynskiConfig{WarmUp: 3, ESSThreshold: 0.975}},
	}
}

// TestTrainingIndependentOfGOMAXPROCS trains every protocol at GOMAXPROCS
// 1 and 2 and requires bit-identical parameters. M = 130 and 100 chains
// make gonum's products take their parallel path.
func TestTrainingIndependentOfGOMAXPROCS(t *testing.T) {
	data := teacherData(t, 10, 3, 300, Ising, 1, 8)
	for _, cfg := range allProtocols() {
		cfg.Hidden, cfg.K, cfg.LearningRate, cfg.Updates, cfg.Seed = 130, 3, 0.05, 12, 77
		var ps [2]*Params[float64]
		for k, procs := range []int{1, 2} {
			old := runtime.GOMAXPROCS(procs)
			tr, err := NewTrainer[float32](cfg, data, 10, Ising)
			if err != nil {
				t.Fatal(err)
			}
			for range cfg.Updates {
				if _, err := tr.Step(); err != nil {
					t.Fatal(err)
				}
			}
			ps[k] = tr.Params()
			runtime.GOMAXPROCS(old)
		}
		if name, ok := sameBits(ps[0], ps[1]); !ok {
			t.Errorf("%s: %s differs between GOMAXPROCS 1 and 2", cfg.Protocol, name)
		}
	}
}

// sameBits compares two parameter sets bit for bit.
func sameBits(a, b *Params[float64]) (string, bool) {
	for _, x := range []struct {
		name string
		a, b []float64
	}{{"W", a.W, b.W}, {"b", a.B, b.B}, {"c", a.C, b.C}} {
		for k := range x.a {
			if math.Float64bits(x.a[k]) != math.Float64bits(x.b[k]) {
				return x.name, false
			}
		}
	}
	return "", true
}

// TestEveryProtocolLearns trains each protocol (float32, the default
// precision) on the teacher data of TestPCDApproachesExactGradient for 300
// updates and requires at least 60% of the exact-gradient run's
// log-likelihood gain. Rdm-10 is included: it is an out-of-equilibrium
// protocol but still raises the likelihood on so small a model.
func TestEveryProtocolLearns(t *testing.T) {
	data := teacherData(t, 8, 3, 1000, Ising, 2.5, 31)
	const lr, updates = 0.1, 300
	var ll0, llExact float64
	for _, cfg := range allProtocols() {
		cfg.Hidden, cfg.LearningRate, cfg.Updates, cfg.Seed = 3, lr, updates, 12
		tr, err := NewTrainer[float32](cfg, data, 8, Ising)
		if err != nil {
			t.Fatal(err)
		}
		if llExact == 0 {
			p0 := tr.Params()
			ll0 = exactLL(t, p0, data)
			exactTrain(p0, data, lr, updates)
			llExact = exactLL(t, p0, data)
		}
		var info StepInfo
		for range updates {
			if info, err = tr.Step(); err != nil {
				t.Fatal(err)
			}
		}
		ll := exactLL(t, tr.Params(), data)
		t.Logf("%-9s ℓ %.4f (init %.4f, exact %.4f) %+v", cfg.Protocol, ll, ll0, llExact, info)
		if ll-ll0 < 0.6*(llExact-ll0) {
			t.Errorf("%s: ℓ %.4f, init %.4f, exact-gradient run %.4f", cfg.Protocol, ll, ll0,
				llExact)
		}
	}
}
