package ising

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// observables turns the rows of res into per-sample series: H, |m|, m, every
// s_i and every s_i s_j (i < j), named for error messages.
func observables(h *Hamiltonian, res *Result) (names []string, series [][]float64) {
	n := h.N
	add := func(name string, f func(s []int8) float64) {
		x := make([]float64, res.Rows)
		for r := range res.Rows {
			x[r] = f(res.Spins[r*n : (r+1)*n])
		}
		names, series = append(names, name), append(series, x)
	}
	add("H", h.Energy)
	add("|m|", func(s []int8) float64 { return math.Abs(Magnetisation(s)) })
	add("m", Magnetisation)
	for i := range n {
		add("s"+itoa(i), func(s []int8) float64 { return float64(s[i]) })
		for j := i + 1; j < n; j++ {
			add("s"+itoa(i)+"s"+itoa(j), func(s []int8) float64 { return float64(s[i] * s[j]) })
		}
	}
	return names, series
}

func itoa(i int) string {
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

// exactObservables lists the exact values in the order of observables.
func exactObservables(m *Moments) []float64 {
	out := []float64{m.Energy, m.AbsMag, m.Mag}
	for i := range m.N {
		out = append(out, m.Means[i])
		for j := i + 1; j < m.N; j++ {
			out = append(out, m.Corr[i*m.N+j])
		}
	}
	return out
}

// checkAgainstExact compares every observable's sample mean with its exact
// value within k standard errors, the errors corrected by the integrated
// autocorrelation time of the sample series itself (τ-aware).
func checkAgainstExact(t *testing.T, h *Hamiltonian, res *Result, k float64) {
	t.Helper()
	m, err := ExactMoments(h)
	if err != nil {
		t.Fatal(err)
	}
	names, series := observables(h, res)
	exact := exactObservables(m)
	worst := 0.0
	for o, x := range series {
		mean, se, err := MeanError(x, 0)
		if err != nil {
			t.Fatalf("%s: %v", names[o], err)
		}
		se = max(se, 1e-9)
		z := math.Abs(mean-exact[o]) / se
		worst = max(worst, z)
		if z > k {
			t.Errorf("%s: sample mean %.5f ± %.5f, exact %.5f (%.1fσ)",
				names[o], mean, se, exact[o], z)
		}
	}
	t.Logf("%d observables, worst deviation %.2fσ; τ_E=%.2f τ_|m|=%.2f spacing %d burn-in %d",
		len(series), worst, res.TauEnergy, res.TauAbsMag, res.SpacingSweeps, res.BurnInSweeps)
}

// Tolerance for all comparisons with exact moments: 4.5 τ-corrected
// standard errors. With about 60 observables per model the chance that an
// unbiased sampler fails one is below 10⁻³ (Gaussian tails, union bound);
// the seeds are fixed so the outcome is reproducible.
const sigmas = 4.5

func TestSingleSpinMatchesExact(t *testing.T) {
	h := mixedHamiltonian(t, 10, 21)
	for _, method := range []Method{Metropolis, HeatBath} {
		t.Run(string(method), func(t *testing.T) {
			res, err := Sample(h, Config{Method: method, Samples: 20000, Chains: 2}, 5)
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstExact(t, h, res, sigmas)
		})
	}
}

func ferro(t *testing.T, L int, beta float64) *Hamiltonian {
	t.Helper()
	h, err := Spec{L: L, Beta: beta}.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestWolffMatchesExact(t *testing.T) {
	for _, beta := range []float64{0.3, 0.44, 0.7} {
		h := ferro(t, 4, beta)
		res, err := Sample(h, Config{Method: Wolff, Samples: 20000, Chains: 2}, 8)
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstExact(t, h, res, sigmas)
	}
}

// TestTemperingMatchesExact samples a 4×4 ferromagnet deep in its ordered
// phase, where single-spin chains stay in one sign of m (a local chain would
// fail ⟨m⟩ = 0 and ⟨s_i⟩ = 0), and an SK spin glass.
func TestTemperingMatchesExact(t *testing.T) {
	sk, err := Spec{Graph: SK, N: 12, Beta: 2, Bonds: PlusMinus}.Build(rand.New(rand.NewPCG(4, 4)))
	if err != nil {
		t.Fatal(err)
	}
	for name, h := range map[string]*Hamiltonian{"ferro": ferro(t, 4, 0.8), "sk": sk} {
		t.Run(name, func(t *testing.T) {
			cfg := Config{Method: Tempering, Samples: 20000, Chains: 2, BetaMin: 0.1}
			res, err := Sample(h, cfg, 13)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("swap rates %.2f", res.Chains[0].SwapRates)
			checkAgainstExact(t, h, res, sigmas)
		})
	}
}

func TestSampleDeterministic(t *testing.T) {
	h := mixedHamiltonian(t, 8, 2)
	for _, method := range []Method{Metropolis, HeatBath, Tempering, Exact} {
		cfg := Config{Method: method, Samples: 50, Chains: 3, Workers: 1,
			PilotSweeps: 200, Replicas: 3}
		a, err := Sample(h, cfg, 99)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Workers = 3
		b, err := Sample(h, cfg, 99)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Spins, b.Spins) || a.Sweeps != b.Sweeps {
			t.Errorf("%s: results differ between 1 and 3 workers", method)
		}
		c, err := Sample(h, cfg, 100)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Equal(a.Spins, c.Spins) {
			t.Errorf("%s: seeds 99 and 100 give the same samples", method)
		}
	}
}

func TestSampleSpacingAndProgress(t *testing.T) {
	h := ferro(t, 5, 0.3)
	var calls []int
	cfg := Config{Samples: 30, Chains: 2, SpacingTau: 3, BurnInTau: 400,
		Progress: func(done, total int) {
			if total != 30 {
				t.Errorf("total = %d, want 30", total)
			}
			calls = append(calls, done)
		}}
	res, err := Sample(h, cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	for c, s := range res.Chains {
		tau := max(s.TauEnergy, s.TauAbsMag)
		if s.SpacingSweeps != max(1, int(math.Ceil(3*tau))) {
			t.Errorf("chain %d: spacing %d for τ = %v", c, s.SpacingSweeps, tau)
		}
		if s.BurnInSweeps < int(math.Ceil(400*tau)) || s.BurnInSweeps < s.PilotSweeps {
			t.Errorf("chain %d: burn-in %d for τ = %v, pilot %d", c, s.BurnInSweeps, tau,
				s.PilotSweeps)
		}
		if float64(s.PilotSweeps/2) < 50*tau {
			t.Errorf("chain %d: pilot %d sweeps for τ = %v", c, s.PilotSweeps, tau)
		}
	}
	if len(calls) != 30 || calls[0] != 1 || calls[29] != 30 {
		t.Errorf("progress calls %v", calls)
	}
}

func TestSamplePilotError(t *testing.T) {
	h := ferro(t, 4, 0.3)
	cfg := Config{Samples: 1, PilotSweeps: 100, MaxPilotSweeps: 300, PilotTau: 1e6}
	var pe *PilotError
	if _, err := Sample(h, cfg, 1); !errors.As(err, &pe) || pe.Sweeps != 200 {
		t.Fatalf("err = %v, want *PilotError after 200 sweeps", err)
	}
}

func TestWolffRejectsOtherModels(t *testing.T) {
	withField, _ := New(3, []float64{0, 0.1, 0}, []Term{NewTerm(1, 0, 1)})
	anti, _ := New(3, nil, []Term{NewTerm(-1, 0, 1)})
	triplet, _ := New(3, nil, []Term{NewTerm(1, 0, 1, 2)})
	for _, h := range []*Hamiltonian{withField, anti, triplet} {
		_, err := Sample(h, Config{Method: Wolff, Samples: 1}, 1)
		if !errors.Is(err, ErrWolffModel) {
			t.Errorf("err = %v, want ErrWolffModel", err)
		}
	}
}

func TestConfigValidateReportsEveryField(t *testing.T) {
	cfg := Config{Method: "gibbs", Samples: 0, Chains: -1, SpacingTau: -1,
		Ladder: []float64{0.5, 0.9}, BetaMin: 2, Replicas: 1}
	err := cfg.Validate()
	if err == nil {
		t.Fatal("Validate accepted a bad config")
	}
	for _, field := range []string{"Method", "Samples", "Chains", "SpacingTau", "Ladder",
		"BetaMin", "Replicas"} {
		if !strings.Contains(err.Error(), "Config."+field) {
			t.Errorf("error does not mention %s: %v", field, err)
		}
	}
	if err := (Config{Samples: 1}).Validate(); err != nil {
		t.Errorf("zero config with Samples: %v", err)
	}
}

func TestGeometricLadder(t *testing.T) {
	l := GeometricLadder(0.25, 3)
	want := []float64{0.25, 0.5, 1}
	for k := range l {
		if math.Abs(l[k]-want[k]) > 1e-15 {
			t.Fatalf("ladder %v, want %v", l, want)
		}
	}
}
