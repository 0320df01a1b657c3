package rbm

import (
	"errors"
	"fmt"
	"math"
)

// AISConfig sets annealed importance sampling. The zero value means the
// defaults documented on each field.
type AISConfig struct {
	// Steps is the number K of intermediate distributions; default 1000.
	Steps int
	// Chains is the number of annealing runs per repeat; default 100.
	Chains int
	// Repeats is the number of independent estimates whose spread is
	// reported; ≥ 2, default 5.
	Repeats int
	// Seed is the master seed.
	Seed uint64
}

// Default values of AISConfig.
const (
	DefaultAISSteps   = 1000
	DefaultAISChains  = 100
	DefaultAISRepeats = 5
)

func (c AISConfig) withDefaults() AISConfig {
	c.Steps = orDefault(c.Steps, DefaultAISSteps)
	c.Chains = orDefault(c.Chains, DefaultAISChains)
	c.Repeats = orDefault(c.Repeats, DefaultAISRepeats)
	return c
}

// Validate reports every invalid field (after defaults).
func (c AISConfig) Validate() error {
	d := c.withDefaults()
	var errs []error
	if d.Steps < 1 {
		errs = append(errs, fmt.Errorf("Steps = %d: want ≥ 1", d.Steps))
	}
	if d.Chains < 1 {
		errs = append(errs, fmt.Errorf("Chains = %d: want ≥ 1", d.Chains))
	}
	if d.Repeats < 2 {
		errs = append(errs, fmt.Errorf("Repeats = %d: want ≥ 2", d.Repeats))
	}
	if len(errs) > 0 {
		return fmt.Errorf("rbm: invalid AIS config: %w", errors.Join(errs...))
	}
	return nil
}

// AISResult is an AIS estimate of log Z.
type AISResult struct {
	// LogZ is the mean of the repeats' estimates.
	LogZ float64
	// Std is the standard deviation of the repeats (the spread), and
	// StdErr = Std/√Repeats the standard error of LogZ.
	Std, StdErr float64
	// Repeats holds each repeat's estimate.
	Repeats []float64
}

// AIS estimates log Z by annealed importance sampling from the reference
// model (W = 0, c = 0, same b) with
//
//	log Z_ref = Σ_i log Σ_{v_i} e^{b_i v_i} + M log 2
//
// through θ_s = (β_s W, b, β_s c), β_s = s/K. Each run starts from an exact
// sample of the reference and, for s = 1..K,
//
//	log w += −F_s(v) + F_{s−1}(v),   then one Gibbs step at θ_s,
//
// and a repeat's estimate is log Z_ref + logsumexp(log w) − log n. The
// computation is in float64. The estimate of log Z is biased low by a
// term that shrinks with Steps; compare Std to judge it.
//
// References: Neal. Annealed importance sampling. Stat. Comput. 11, 125
// (2001).
func AIS[T Float](p *Params[T], cfg AISConfig) (*AISResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	q := p.Float64()
	res := &AISResult{Repeats: make([]float64, cfg.Repeats)}
	for r := range res.Repeats {
		res.Repeats[r] = aisRun(q, cfg, splitmix(cfg.Seed+uint64(r)))
	}
	res.LogZ, res.Std = meanStd(res.Repeats)
	res.StdErr = res.Std / math.Sqrt(float64(cfg.Repeats))
	return res, nil
}

// aisRun returns one AIS estimate of log Z.
func aisRun(p *Params[float64], cfg AISConfig, seed uint64) float64 {
	c := newChains[float64](p.N, p.M, cfg.Chains, 1, p.Visible, seed, purposeAIS)
	c.randomize()
	c.gibbs(p, []temp{{0, 1}}) // v from the reference exactly
	logW := make([]float64, cfg.Chains)
	prev := 0.0
	for s := 1; s <= cfg.Steps; s++ {
		beta := float64(s) / float64(cfg.Steps)
		c.refresh(p)
		for j := range logW {
			act := c.actH[j*p.M : (j+1)*p.M]
			for a, x := range act {
				y := x + p.C[a]
				logW[j] += softplus(beta*y) - softplus(prev*y)
			}
		}
		c.gibbs(p, []temp{{beta, 1}})
		prev = beta
	}
	return referenceLogZ(p) + logSumExp(logW) - math.Log(float64(cfg.Chains))
}

// referenceLogZ returns log Z of the model with W = 0 and c = 0.
func referenceLogZ(p *Params[float64]) float64 {
	s := float64(p.M) * math.Ln2
	for _, b := range p.B {
		s += p.visibleLogPartition(b)
	}
	return s
}

// meanStd returns the mean and the sample standard deviation of x.
func meanStd(x []float64) (float64, float64) {
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	if len(x) < 2 {
		return m, 0
	}
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return m, math.Sqrt(s / float64(len(x)-1))
}
