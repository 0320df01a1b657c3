package ising

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
)

// Method names a sampling algorithm.
type Method string

const (
	// Metropolis is single-spin Metropolis: a sweep is N updates of
	// uniformly drawn sites, each flip accepted with min(1, e^{−ΔE}).
	Metropolis Method = "metropolis"
	// HeatBath is single-spin heat-bath (Glauber/Gibbs): a sweep sets
	// s_i = +1 with probability σ(2 f_i) for i = 0 … N−1 in turn.
	HeatBath Method = "heatbath"
	// Wolff is the Wolff single-cluster algorithm, for pairwise
	// ferromagnets without fields. A sweep is a fixed number of cluster
	// flips, set when the chain starts so that it flips N spins on average.
	Wolff Method = "wolff"
	// Tempering is parallel tempering: replicas at scaled inverse
	// temperatures λ_k (the Hamiltonian is multiplied by λ_k, λ_top = 1), one
	// Metropolis sweep each, then swaps of neighbouring replicas. Samples
	// are the configurations found at λ = 1.
	Tempering Method = "pt"
	// Exact draws independent samples from the enumerated distribution
	// (N ≤ MaxExactSites).
	Exact Method = "exact"
)

// Config sets up [Sample]. The zero value of every field except Samples
// means its documented default. τ is the larger of the integrated
// autocorrelation times of the energy and of |m| measured in the pilot run,
// in sweeps.
type Config struct {
	// Method is the algorithm; "" means Metropolis.
	Method Method
	// Samples is the number of configurations to return, ≥ 1.
	Samples int
	// Chains is the number of independent chains (Tempering: independent
	// ladders) sharing the samples, chain c taking Samples/Chains (+1 for c
	// < Samples mod Chains) consecutive rows; 0 means 1.
	Chains int
	// Workers is the number of goroutines running chains; 0 means
	// GOMAXPROCS. Results do not depend on it.
	Workers int

	// SpacingTau spaces kept samples by max(1, ⌈SpacingTau·τ⌉) sweeps; 0
	// means 2.
	SpacingTau float64
	// BurnInTau asks for at least ⌈BurnInTau·τ⌉ sweeps before the first
	// kept sample, the pilot run included; 0 means 20.
	BurnInTau float64
	// MinBurnIn is the least number of sweeps before the first sample, the
	// pilot included; 0 means 100.
	MinBurnIn int
	// PilotSweeps is the initial length of the pilot run in sweeps; 0
	// means 1000. The pilot is doubled until its second half (the first is
	// discarded as thermalisation) spans PilotTau·τ sweeps.
	PilotSweeps int
	// PilotTau is the length, in units of τ, the pilot's second half must
	// reach; 0 means 50.
	PilotTau float64
	// MaxPilotSweeps bounds the pilot; past it Sample returns a
	// *PilotError. 0 means 2²⁰.
	MaxPilotSweeps int
	// Window is the constant c of Sokal's windowing rule; 0 means
	// DefaultWindow.
	Window float64

	// Ladder gives the Tempering scale factors λ_0 < … < λ_{K−1} = 1
	// explicitly (K ≥ 2); nil means Replicas factors geometric from
	// BetaMin to 1.
	Ladder []float64
	// Replicas is the number of Tempering replicas when Ladder is nil,
	// ≥ 2; 0 means 12.
	Replicas int
	// BetaMin is the lowest Tempering scale factor when Ladder is nil, in
	// (0, 1); 0 means 0.2.
	BetaMin float64

	// Progress, when not nil, is called after each kept sample with the
	// number of samples done and the total. Calls are serialised (never
	// concurrent) and done increases by one each call.
	Progress func(done, total int)
}

// withDefaults returns c with every zero field replaced by its default.
func (c Config) withDefaults() Config {
	if c.Method == "" {
		c.Method = Metropolis
	}
	setInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	setFloat := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	setInt(&c.Chains, 1)
	setInt(&c.Workers, runtime.GOMAXPROCS(0))
	setFloat(&c.SpacingTau, 2)
	setFloat(&c.BurnInTau, 20)
	setInt(&c.MinBurnIn, 100)
	setInt(&c.PilotSweeps, 1000)
	setFloat(&c.PilotTau, 50)
	setInt(&c.MaxPilotSweeps, 1<<20)
	setFloat(&c.Window, DefaultWindow)
	setInt(&c.Replicas, 12)
	setFloat(&c.BetaMin, 0.2)
	if c.Ladder == nil {
		c.Ladder = GeometricLadder(c.BetaMin, c.Replicas)
	}
	return c
}

// Validate reports every invalid field of c at once.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("ising: Config."+format, a...))
	}
	switch c.Method {
	case "", Metropolis, HeatBath, Wolff, Tempering, Exact:
	default:
		bad("Method = %q, want %q, %q, %q, %q or %q",
			c.Method, Metropolis, HeatBath, Wolff, Tempering, Exact)
	}
	if c.Samples < 1 {
		bad("Samples = %d, want ≥ 1", c.Samples)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"Chains", c.Chains}, {"Workers", c.Workers}, {"MinBurnIn", c.MinBurnIn},
		{"PilotSweeps", c.PilotSweeps}, {"MaxPilotSweeps", c.MaxPilotSweeps}} {
		if f.v < 0 {
			bad("%s = %d, want ≥ 0", f.name, f.v)
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"SpacingTau", c.SpacingTau}, {"BurnInTau", c.BurnInTau},
		{"PilotTau", c.PilotTau}, {"Window", c.Window}} {
		if !(f.v >= 0) || math.IsInf(f.v, 0) {
			bad("%s = %v, want finite ≥ 0", f.name, f.v)
		}
	}
	if c.PilotSweeps > 0 && c.MaxPilotSweeps > 0 && c.PilotSweeps > c.MaxPilotSweeps {
		bad("PilotSweeps = %d exceeds MaxPilotSweeps = %d", c.PilotSweeps, c.MaxPilotSweeps)
	}
	if c.Chains > c.Samples && c.Samples >= 1 {
		bad("Chains = %d exceeds Samples = %d", c.Chains, c.Samples)
	}
	errs = append(errs, c.validateLadder()...)
	return errors.Join(errs...)
}

func (c Config) validateLadder() []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("ising: Config."+format, a...))
	}
	if c.Ladder != nil {
		ok := len(c.Ladder) >= 2 && c.Ladder[len(c.Ladder)-1] == 1 && c.Ladder[0] > 0
		for k := 1; k < len(c.Ladder); k++ {
			ok = ok && c.Ladder[k] > c.Ladder[k-1]
		}
		if !ok {
			bad("Ladder = %v, want ≥ 2 increasing positive values ending at 1", c.Ladder)
		}
	}
	if c.Replicas < 0 || c.Replicas == 1 {
		bad("Replicas = %d, want ≥ 2 (0 for the default)", c.Replicas)
	}
	if !(c.BetaMin >= 0 && c.BetaMin < 1) {
		bad("BetaMin = %v, want in (0, 1) (0 for the default)", c.BetaMin)
	}
	return errs
}

// GeometricLadder returns k scale factors λ_j = betaMin^{(k−1−j)/(k−1)},
// increasing geometrically from betaMin to exactly 1. It panics unless k ≥ 2
// and 0 < betaMin < 1.
func GeometricLadder(betaMin float64, k int) []float64 {
	if k < 2 || !(betaMin > 0 && betaMin < 1) {
		panic(fmt.Sprintf("ising: GeometricLadder(%v, %d)", betaMin, k))
	}
	out := make([]float64, k)
	for j := range k {
		out[j] = math.Pow(betaMin, float64(k-1-j)/float64(k-1))
	}
	out[k-1] = 1
	return out
}

// Result holds samples and the measured decorrelation of the chains that
// produced them, for recording in metadata.
type Result struct {
	// N is the number of sites and Rows the number of samples.
	N, Rows int
	// Spins is Rows×N row-major, entries ±1; rows of chain c are
	// consecutive, chains in order.
	Spins []int8
	// Method is the algorithm used.
	Method Method
	// Chains has one entry per chain (nil for Exact, whose samples are
	// independent).
	Chains []ChainStats
	// TauEnergy, TauAbsMag, SpacingSweeps, BurnInSweeps are the largest
	// over the chains.
	TauEnergy, TauAbsMag        float64
	SpacingSweeps, BurnInSweeps int
	// Sweeps is the total number of sweeps over all chains, pilots included.
	Sweeps int64
}

// ChainStats describes one chain's thermalisation and decorrelation.
// Times are in sweeps (see [Method] for what a sweep is).
type ChainStats struct {
	// TauEnergy and TauAbsMag are the integrated autocorrelation times of H
	// and |m| from the second half of the pilot run, with their windows.
	TauEnergy, TauAbsMag        float64
	WindowEnergy, WindowAbsMag  int
	PilotSweeps                 int
	BurnInSweeps, SpacingSweeps int
	// Acceptance is the fraction of accepted flips (Metropolis, Tempering at
	// λ = 1), of changed spins (HeatBath), or the mean cluster size over N
	// (Wolff), over the whole run.
	Acceptance float64
	// SwapRates[k] is the acceptance rate of swaps between Tempering
	// replicas k and k+1; Ladder is the ladder used.
	SwapRates, Ladder []float64
}

// PilotError reports that the pilot run reached Config.MaxPilotSweeps
// before it spanned PilotTau autocorrelation times: the chain is too slow
// for this method at this size and temperature.
type PilotError struct {
	Chain, Sweeps        int
	TauEnergy, TauAbsMag float64 // last estimates, NaN if no window was found
}

func (e *PilotError) Error() string {
	return fmt.Sprintf("ising: chain %d not decorrelated after a %d-sweep pilot "+
		"(τ_E = %.4g, τ_|m| = %.4g sweeps)", e.Chain, e.Sweeps, e.TauEnergy, e.TauAbsMag)
}

// ErrWolffModel reports a Hamiltonian the Wolff algorithm cannot sample.
var ErrWolffModel = errors.New("ising: Wolff needs pair terms with J ≥ 0 and no fields")

// Sample draws cfg.Samples configurations of h with randomness derived from
// seed: chain c uses its own PCG stream seeded from (seed, c), so the
// result depends only on h, cfg and seed, not on GOMAXPROCS or Workers.
//
// Each Markov chain starts from a uniformly random configuration, runs a
// pilot to measure τ (see [Config]), completes its burn-in and keeps one
// configuration every SpacingSweeps sweeps.
func Sample(h *Hamiltonian, cfg Config, seed uint64) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	switch cfg.Method {
	case Exact:
		return sampleExact(h, cfg, seed)
	case Wolff:
		if !wolffApplies(h) {
			return nil, ErrWolffModel
		}
	}
	return sampleChains(h, cfg, seed)
}

// progress serialises Config.Progress calls from the chains.
type progress struct {
	mu    sync.Mutex
	done  int
	total int
	fn    func(done, total int)
}

func (p *progress) add() {
	if p.fn == nil {
		return
	}
	p.mu.Lock()
	p.done++
	p.fn(p.done, p.total)
	p.mu.Unlock()
}

func sampleChains(h *Hamiltonian, cfg Config, seed uint64) (*Result, error) {
	res := &Result{N: h.N, Rows: cfg.Samples, Method: cfg.Method,
		Spins: make([]int8, cfg.Samples*h.N), Chains: make([]ChainStats, cfg.Chains)}
	first := make([]int, cfg.Chains+1)
	for c := range cfg.Chains {
		first[c+1] = first[c] + cfg.Samples/cfg.Chains
		if c < cfg.Samples%cfg.Chains {
			first[c+1]++
		}
	}
	prog := &progress{total: cfg.Samples, fn: cfg.Progress}
	errs := make([]error, cfg.Chains)
	sweeps := make([]int64, cfg.Chains)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(cfg.Workers, cfg.Chains) {
		wg.Go(func() {
			for c := range jobs {
				out := res.Spins[first[c]*h.N : first[c+1]*h.N]
				r := &chainRun{h: h, cfg: cfg, id: c, rng: newStream(seed, uint64(c)+1)}
				errs[c] = r.run(out, prog)
				res.Chains[c], sweeps[c] = r.stats, r.sweeps
			}
		})
	}
	for c := range cfg.Chains {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for c, s := range res.Chains {
		res.TauEnergy = max(res.TauEnergy, s.TauEnergy)
		res.TauAbsMag = max(res.TauAbsMag, s.TauAbsMag)
		res.SpacingSweeps = max(res.SpacingSweeps, s.SpacingSweeps)
		res.BurnInSweeps = max(res.BurnInSweeps, s.BurnInSweeps)
		res.Sweeps += sweeps[c]
	}
	return res, nil
}
