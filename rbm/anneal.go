package rbm

import (
	"errors"
	"fmt"
	"math"
)

// AnnealConfig sets population annealing. The zero value means the
// defaults documented on each field.
type AnnealConfig struct {
	// Population is the number of chains; default 1000.
	Population int
	// Steps is the number of equal increments of β from 0 to 1; default
	// 1000.
	Steps int
	// K is the number of Gibbs steps at each β; default 1.
	K int
	// ESSThreshold triggers systematic resampling when the normalised
	// effective sample size falls below it; in (0,1], default 0.7.
	ESSThreshold float64
	// Seed is the master seed.
	Seed uint64
}

// Default values of AnnealConfig.
const (
	DefaultPopulation  = 1000
	DefaultAnnealSteps = 1000
)

func (c AnnealConfig) withDefaults() AnnealConfig {
	c.Population = orDefault(c.Population, DefaultPopulation)
	c.Steps = orDefault(c.Steps, DefaultAnnealSteps)
	c.K = orDefault(c.K, 1)
	c.ESSThreshold = orDefault(c.ESSThreshold, DefaultESSThreshold)
	return c
}

// Validate reports every invalid field (after defaults).
func (c AnnealConfig) Validate() error {
	d := c.withDefaults()
	var errs []error
	for _, f := range []struct {
		name string
		v    int
	}{{"Population", d.Population}, {"Steps", d.Steps}, {"K", d.K}} {
		if f.v < 1 {
			errs = append(errs, fmt.Errorf("%s = %d: want ≥ 1", f.name, f.v))
		}
	}
	if !(d.ESSThreshold > 0 && d.ESSThreshold <= 1) {
		errs = append(errs, fmt.Errorf("ESSThreshold = %v: want (0,1]", d.ESSThreshold))
	}
	if len(errs) > 0 {
		return fmt.Errorf("rbm: invalid annealing config: %w", errors.Join(errs...))
	}
	return nil
}

// AnnealResult is the final population of PopulationAnneal.
type AnnealResult struct {
	// Samples is Rows×N (Rows = Population) in the visible alphabet.
	Samples []int8
	Rows    int
	// LogWeights are the normalised log weights of the samples
	// (logsumexp = 0): weighted averages estimate model averages.
	LogWeights []float64
	// LogZ is the estimate of log Z.
	LogZ float64
	// ESS is the normalised effective sample size of the final weights.
	ESS float64
	// Resamplings counts the resampling events.
	Resamplings int
}

// PopulationAnneal samples the model by population annealing: the
// population starts from the uniform distribution (β = 0) and β is raised
// in cfg.Steps equal increments to 1. At each increment every chain's
// weight is multiplied by exp(−Δβ E(v,h)) (joint energy at β = 1), the
// population is resampled systematically when the ESS falls under the
// threshold (weights reset to 1, as in Jarzynski training), and K Gibbs
// steps are run at the new β. With normalised weights w before the
// increment,
//
//	log Z_β' = log Z_β + log Σ_n w_n exp(−(β' − β) E_n),  log Z_0 = (N+M) log 2.
//
// References: Hukushima, Iba. Population annealing and its application to
// a spin glass. AIP Conf. Proc. 690, 200 (2003).
func PopulationAnneal[T Float](p *Params[T], cfg AnnealConfig) (*AnnealResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	c := newChains[T](p.N, p.M, cfg.Population, 1, p.Visible, cfg.Seed, purposeAnneal)
	c.randomize()
	a := annealer[T]{c: c, p: p, logW: make([]float64, cfg.Population),
		rng: newStream(cfg.Seed, purposeResample, 0), e: make([]float64, cfg.Population)}
	logZ := float64(p.N+p.M) * math.Ln2
	for s := 1; s <= cfg.Steps; s++ {
		b0, b1 := float64(s-1)/float64(cfg.Steps), float64(s)/float64(cfg.Steps)
		logZ += a.reweight(b1 - b0)
		if ESS(a.logW) < cfg.ESSThreshold {
			a.resample()
		}
		for range cfg.K {
			c.gibbs(p, []temp{{b1, b1}})
		}
	}
	res := &AnnealResult{Rows: cfg.Population, LogZ: logZ, ESS: ESS(a.logW),
		Resamplings: a.resamplings, LogWeights: normalisedLogWeights(a.logW)}
	for _, x := range c.v {
		res.Samples = append(res.Samples, int8(x))
	}
	return res, nil
}

// annealer holds a weighted population.
type annealer[T Float] struct {
	c           *chains[T]
	p           *Params[T]
	logW, e     []float64
	rng         *stream
	resamplings int
}

// reweight multiplies the weights by exp(−dβ E) and returns the
// increment of log Z.
func (a *annealer[T]) reweight(dBeta float64) float64 {
	a.c.energiesTo(a.e, a.p, 0, a.c.per)
	before := logSumExp(a.logW)
	for n := range a.logW {
		a.logW[n] -= dBeta * a.e[n]
	}
	return logSumExp(a.logW) - before
}

// resample copies chains systematically by weight and resets log w to 0.
func (a *annealer[T]) resample() {
	a.c.resampleRows(SystematicResample(a.logW, a.rng.float64()))
	clear(a.logW)
	a.resamplings++
}

// normalisedLogWeights returns log w − logsumexp(log w).
func normalisedLogWeights(logW []float64) []float64 {
	l := logSumExp(logW)
	out := make([]float64, len(logW))
	for n, x := range logW {
		out[n] = x - l
	}
	return out
}
