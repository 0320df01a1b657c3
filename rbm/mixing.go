package rbm

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// MixingConfig sets MixingDiagnostic. The zero value means the defaults
// documented on each field.
type MixingConfig struct {
	// Chains is the number of chains, started from data rows drawn
	// without replacement (cycling when there are fewer rows); ≥ 2,
	// default 100.
	Chains int
	// MaxTime is the last measured time in Gibbs steps, rounded down to
	// a power of two; the times are 1, 2, 4, … up to MaxTime. ≥ 2,
	// default 4096.
	MaxTime int
	// Z is the agreement criterion in combined standard errors; default 2.
	Z float64
	// Seed is the master seed.
	Seed uint64
}

// Default values of MixingConfig.
const (
	DefaultMixingChains = 100
	DefaultMixingTime   = 4096
	DefaultMixingZ      = 2
)

func (c MixingConfig) withDefaults() MixingConfig {
	c.Chains = orDefault(c.Chains, DefaultMixingChains)
	c.MaxTime = orDefault(c.MaxTime, DefaultMixingTime)
	c.Z = orDefault(c.Z, DefaultMixingZ)
	if c.MaxTime >= 2 {
		c.MaxTime = 1 << (bits.Len(uint(c.MaxTime)) - 1)
	}
	return c
}

// Validate reports every invalid field (after defaults).
func (c MixingConfig) Validate() error {
	d := c.withDefaults()
	var errs []error
	if d.Chains < 2 {
		errs = append(errs, fmt.Errorf("Chains = %d: want ≥ 2", d.Chains))
	}
	if d.MaxTime < 2 {
		errs = append(errs, fmt.Errorf("MaxTime = %d: want ≥ 2", d.MaxTime))
	}
	if !(d.Z > 0) || math.IsInf(d.Z, 0) {
		errs = append(errs, fmt.Errorf("Z = %v: want a finite value > 0", d.Z))
	}
	if len(errs) > 0 {
		return fmt.Errorf("rbm: invalid mixing config: %w", errors.Join(errs...))
	}
	return nil
}

// Mixing is the result of MixingDiagnostic. The slices indexed like Times
// form the curve a stage writes out.
type Mixing struct {
	// Times are the measured times t = 1, 2, 4, … (Gibbs steps).
	Times []int
	// OverlapHalf is the mean overlap q(t, t/2) between each chain at t
	// and the same chain at t/2 (the start for t = 1), with its standard
	// error over chains.
	OverlapHalf, OverlapHalfErr []float64
	// OverlapIndep is the mean overlap between distinct chains at t,
	// with its standard error.
	OverlapIndep, OverlapIndepErr []float64
	// MixingTime is the first t from which the two overlaps agree within
	// Z combined standard errors at every later measured time; Mixed is
	// false (and MixingTime 0) when they disagree at MaxTime.
	MixingTime int
	Mixed      bool
	// EnergyACF is the normalised autocorrelation ρ(τ), τ = 0..window,
	// of the free energy F(v) over the second half of the run, averaged
	// over chains.
	EnergyACF []float64
	// TauEnergy is the integrated autocorrelation time 1 + 2 Σ ρ(τ) with
	// Sokal's window (smallest W ≥ 5 τ(W)); TauReliable is false when no
	// such window fits in half the recorded length.
	TauEnergy   float64
	TauReliable bool
}

// MixingDiagnostic runs Gibbs chains from data (rows×N in the visible
// alphabet) and measures equilibration by the t versus t/2 test: once the
// chains have forgotten where they were at t/2, their overlap with their
// own past equals the overlap between independent chains. Overlaps are
//
//	q(s, s') = (1/N) Σ_i σ_i σ'_i,   σ = 2v − 1 (Binary) or σ = s (Ising).
//
// A model trained with k steps per update far below its MixingTime was
// trained out of equilibrium (Decelle et al. 2021; Agoritsas et al. 2023).
func MixingDiagnostic[T Float](p *Params[T], data []int8, cfg MixingConfig) (*Mixing, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rows, err := checkData(data, p.N, p.Visible)
	if err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	c := newChains[T](p.N, p.M, cfg.Chains, 1, p.Visible, cfg.Seed, purposeMixing)
	pick := newStream(cfg.Seed, purposeMixing, 1<<32)
	perm := make([]int32, rows)
	for r := range perm {
		perm[r] = int32(r)
	}
	for j := range cfg.Chains {
		if j%rows == 0 { // a fresh pass over the rows
			shufflePerm(perm, pick)
		}
		r := int(perm[j%rows])
		for i, x := range data[r*p.N : (r+1)*p.N] {
			c.v[j*p.N+i] = T(x)
		}
	}
	return runMixing(c, p, cfg), nil
}

// shufflePerm shuffles perm in place (Fisher–Yates).
func shufflePerm(perm []int32, s *stream) {
	for i := len(perm) - 1; i > 0; i-- {
		j := s.intn(i + 1)
		perm[i], perm[j] = perm[j], perm[i]
	}
}

// runMixing advances the chains to MaxTime, measuring overlaps at powers of
// two and recording free energies over the second half.
func runMixing[T Float](c *chains[T], p *Params[T], cfg MixingConfig) *Mixing {
	mx := &Mixing{}
	past := spins(c)
	half := cfg.MaxTime / 2
	energies := make([][]float64, c.per) // chain → F(v) at steps half+1..MaxTime
	f := make([]float64, c.per)
	for t := 1; t <= cfg.MaxTime; t++ {
		c.gibbs(p, nil)
		if t > half {
			c.refresh(p)
			for j := range c.per {
				f[j] = p.freeEnergyFromAct(c.v[j*c.n:(j+1)*c.n], c.actH[j*c.m:(j+1)*c.m])
				energies[j] = append(energies[j], f[j])
			}
		}
		if t&(t-1) == 0 { // a power of two
			now := spins(c)
			mx.addTime(t, now, past, c.n)
			past = now
		}
	}
	mx.decide(cfg.Z)
	mx.EnergyACF, mx.TauEnergy, mx.TauReliable = autocorrelation(energies)
	return mx
}

// spins returns the chains' visible states as ±1 values (rows×N).
func spins[T Float](c *chains[T]) []float64 {
	s := make([]float64, c.per*c.n)
	for k := range s {
		x := float64(c.v[k])
		if !c.ising {
			x = 2*x - 1
		}
		s[k] = x
	}
	return s
}

// addTime appends the overlaps at time t: now and past are rows×n spins.
func (mx *Mixing) addTime(t int, now, past []float64, n int) {
	rows := len(now) / n
	sum := make([]float64, n)
	for j := range rows {
		for i := range n {
			sum[i] += now[j*n+i]
		}
	}
	qh, qi := make([]float64, rows), make([]float64, rows)
	for j := range rows {
		var self, other float64
		for i := range n {
			x := now[j*n+i]
			self += x * past[j*n+i]
			other += x * (sum[i] - x)
		}
		qh[j] = self / float64(n)
		qi[j] = other / float64(n*(rows-1))
	}
	mh, sh := meanStd(qh)
	mi, si := meanStd(qi)
	sq := math.Sqrt(float64(rows))
	mx.Times = append(mx.Times, t)
	mx.OverlapHalf = append(mx.OverlapHalf, mh)
	mx.OverlapHalfErr = append(mx.OverlapHalfErr, sh/sq)
	mx.OverlapIndep = append(mx.OverlapIndep, mi)
	mx.OverlapIndepErr = append(mx.OverlapIndepErr, si/sq)
}

// decide sets MixingTime and Mixed: the first time from which the two
// overlaps agree within z combined standard errors at every later time.
func (mx *Mixing) decide(z float64) {
	mx.Mixed, mx.MixingTime = false, 0
	for k := len(mx.Times) - 1; k >= 0; k-- {
		se := math.Hypot(mx.OverlapHalfErr[k], mx.OverlapIndepErr[k])
		if math.Abs(mx.OverlapHalf[k]-mx.OverlapIndep[k]) > z*se {
			return
		}
		mx.Mixed, mx.MixingTime = true, mx.Times[k]
	}
}

// autocorrelation returns ρ(τ) for τ = 0..W averaged over series (each
// centred on its own mean), the integrated time τ_int = 1 + 2 Σ_{τ=1}^{W} ρ(τ)
// with Sokal's window W (the smallest with W ≥ 5 τ_int(W)), and whether
// such a W was found below half the series length.
func autocorrelation(series [][]float64) ([]float64, float64, bool) {
	L := len(series[0])
	centred := make([][]float64, len(series))
	for j, x := range series {
		m, _ := meanStd(x)
		centred[j] = make([]float64, L)
		for t, v := range x {
			centred[j][t] = v - m
		}
	}
	cov := func(lag int) float64 {
		s := 0.0
		for _, x := range centred {
			for t := 0; t+lag < L; t++ {
				s += x[t] * x[t+lag]
			}
		}
		return s / float64(len(centred)*(L-lag))
	}
	c0 := cov(0)
	rho := []float64{1}
	if c0 == 0 {
		return rho, 1, true // constant energies: nothing to correlate
	}
	tau := 1.0
	for w := 1; w < L/2; w++ {
		r := cov(w) / c0
		rho = append(rho, r)
		tau += 2 * r
		if float64(w) >= 5*tau {
			return rho, tau, true
		}
	}
	return rho, tau, false
}
