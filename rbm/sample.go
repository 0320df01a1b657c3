package rbm

import (
	"context"
	"errors"
	"fmt"
)

// SampleConfig sets Sample and SamplePT. The zero value means the
// defaults documented on each field.
type SampleConfig struct {
	// Chains is the number of parallel chains; default 100.
	Chains int
	// K is the number of Gibbs steps (PT: rounds of steps and swaps) run
	// before the first sample; default 1000. A model trained with Rdm-k
	// is meant to be sampled with K = k from uniform random starts.
	K int
	// Samples is the number of configurations returned; default Chains.
	Samples int
	// Thin is the number of steps between two samples of one chain;
	// default 10.
	Thin int
	// Seed is the master seed of the chains.
	Seed uint64
	// Start, when given, holds starting configurations (rows×N in the
	// visible alphabet): chain n starts from row n mod rows. Otherwise
	// the chains start from uniform random states.
	Start []int8
	// PT sets the ladder of SamplePT: fixed Betas or the automatic
	// greedy ladder, built at round 0 and rebuilt during the first half of
	// the K burn-in rounds at rounds 1, 2, 4, … then every PT.LadderEvery
	// rounds; the second half and the sampling phase keep the last one.
	PT PTConfig
}

// Default values of SampleConfig.
const (
	DefaultSampleChains = 100
	DefaultSampleK      = 1000
	DefaultThin         = 10
)

func (c SampleConfig) withDefaults() SampleConfig {
	c.Chains = orDefault(c.Chains, DefaultSampleChains)
	c.K = orDefault(c.K, DefaultSampleK)
	c.Samples = orDefault(c.Samples, c.Chains)
	c.Thin = orDefault(c.Thin, DefaultThin)
	ptc := Config{PT: c.PT}.withDefaults()
	c.PT = ptc.PT
	return c
}

// Validate reports every invalid field of c (after defaults) for a model
// with n visible units of type visible.
func (c SampleConfig) Validate(n int, visible Visible) error {
	d := c.withDefaults()
	var errs []error
	for _, f := range []struct {
		name string
		v    int
	}{{"Chains", d.Chains}, {"K", d.K}, {"Samples", d.Samples}, {"Thin", d.Thin}} {
		if f.v < 1 {
			errs = append(errs, fmt.Errorf("%s = %d: want ≥ 1", f.name, f.v))
		}
	}
	if d.Start != nil {
		if _, err := checkData(d.Start, n, visible); err != nil {
			errs = append(errs, fmt.Errorf("Start: %w", err))
		}
	}
	errs = append(errs, d.PT.validate()...)
	if len(errs) > 0 {
		return fmt.Errorf("rbm: invalid sample config: %w", errors.Join(errs...))
	}
	return nil
}

// SampleResult holds drawn configurations.
type SampleResult struct {
	// Samples is Rows×N in the visible alphabet; row j·Chains + n is the
	// j-th sample of chain n.
	Samples []int8
	Rows    int
	// Betas is the PT ladder used while sampling (nil for Sample).
	Betas []float64
	// SwapRates are the PT swap rates per neighbour pair over the
	// sampling phase (after burn-in).
	SwapRates []float64
}

// Sample runs cfg.Chains Gibbs chains for cfg.K steps, then records every
// chain every cfg.Thin steps until cfg.Samples configurations are drawn.
func Sample[T Float](p *Params[T], cfg SampleConfig) (*SampleResult, error) {
	return SampleContext(context.Background(), p, cfg)
}

// cancelSteps is the most Gibbs steps (PT: rounds) run between two looks
// at the context.
const cancelSteps = 64

// SampleContext is Sample that stops when ctx is done, within cancelSteps
// Gibbs steps, and returns ctx's error and no samples. Cutting the steps
// into pieces leaves every draw as it is (gibbsSteps is k single steps).
func SampleContext[T Float](ctx context.Context, p *Params[T], cfg SampleConfig) (
	*SampleResult, error) {
	c, cfg, err := startChains(p, cfg, 1)
	if err != nil {
		return nil, err
	}
	steps := func(k int) error {
		for k > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			n := min(k, cancelSteps)
			c.gibbsSteps(p, nil, n)
			k -= n
		}
		return nil
	}
	if err := steps(cfg.K); err != nil {
		return nil, err
	}
	res := &SampleResult{}
	record(res, c, 0, cfg.Samples)
	for res.Rows < cfg.Samples {
		if err := steps(cfg.Thin); err != nil {
			return nil, err
		}
		record(res, c, 0, cfg.Samples)
	}
	return res, nil
}

// SamplePT is Sample with parallel tempering: every step is a Gibbs step
// on each replica followed by a round of neighbour swaps, and samples are
// read from the β = 1 replica. SwapRates are averaged over the rounds run
// with the final ladder. The automatic ladder runs DefaultK Gibbs steps per
// trial temperature (see Config.PT for the construction).
func SamplePT[T Float](p *Params[T], cfg SampleConfig) (*SampleResult, error) {
	return SamplePTContext(context.Background(), p, cfg)
}

// SamplePTContext is SamplePT that stops when ctx is done, looking at it
// before every burn-in round and every thinning interval, and returns
// ctx's error and no samples.
func SamplePTContext[T Float](ctx context.Context, p *Params[T], cfg SampleConfig) (
	*SampleResult, error) {
	c, cfg, err := startChains(p, cfg, max(len(cfg.PT.Betas), 1))
	if err != nil {
		return nil, err
	}
	pt := &ptRun[T]{c: c, p: p, betas: cfg.PT.Betas}
	ladderRNG := newStream(cfg.Seed, purposeLadder, 0)
	spec := ladderSpec{target: cfg.PT.TargetSwapRate, betaMin: cfg.PT.BetaMin,
		maxTemps: cfg.PT.Temperatures, steps: DefaultK}
	last := 0
	for round := range cfg.K {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		due := round == 0 || 2*round < cfg.K && rebuildDue(round, last, cfg.PT.LadderEvery)
		if cfg.PT.Betas == nil && due {
			pt.betas = buildLadder(c, p, spec, ladderRNG.Uint64())
			pt.sum, pt.rounds, last = nil, 0, round
		}
		pt.run(1)
	}
	res := &SampleResult{Betas: append([]float64(nil), pt.betas...)}
	record(res, c, c.reps-1, cfg.Samples)
	for res.Rows < cfg.Samples {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pt.run(cfg.Thin)
		record(res, c, c.reps-1, cfg.Samples)
	}
	res.SwapRates = pt.rates()
	return res, nil
}

// ptRun accumulates swap rates over tempering rounds.
type ptRun[T Float] struct {
	c      *chains[T]
	p      *Params[T]
	betas  []float64
	sum    []float64
	rounds int
}

func (r *ptRun[T]) run(k int) {
	rates := temper(r.c, r.p, r.betas, k)
	if r.sum == nil {
		r.sum = make([]float64, len(rates))
	}
	for i, x := range rates {
		r.sum[i] += x * float64(k)
	}
	r.rounds += k
}

func (r *ptRun[T]) rates() []float64 {
	out := make([]float64, len(r.sum))
	for i, x := range r.sum {
		out[i] = x / float64(r.rounds)
	}
	return out
}

// startChains validates p and cfg and returns chains with reps replicas
// at their starting states.
func startChains[T Float](p *Params[T], cfg SampleConfig, reps int) (*chains[T], SampleConfig,
	error) {
	if err := p.Validate(); err != nil {
		return nil, cfg, err
	}
	if err := cfg.Validate(p.N, p.Visible); err != nil {
		return nil, cfg, err
	}
	cfg = cfg.withDefaults()
	c := newChains[T](p.N, p.M, cfg.Chains, reps, p.Visible, cfg.Seed, purposeSample)
	c.randomize()
	if cfg.Start != nil {
		rows := len(cfg.Start) / p.N
		for r := range reps {
			for j := range cfg.Chains {
				src := cfg.Start[(j%rows)*p.N : (j%rows+1)*p.N]
				dst := c.v[(r*c.per+j)*p.N : (r*c.per+j+1)*p.N]
				for i, x := range src {
					dst[i] = T(x)
				}
			}
		}
	}
	return c, cfg, nil
}

// record appends the visible states of replica r of c to s, up to want
// rows in all.
func record[T Float](s *SampleResult, c *chains[T], r, want int) {
	v := c.replicaV(r)
	for j := 0; j < c.per && s.Rows < want; j++ {
		for _, x := range v[j*c.n : (j+1)*c.n] {
			s.Samples = append(s.Samples, int8(x))
		}
		s.Rows++
	}
}
