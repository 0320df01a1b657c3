package ising

import (
	"math"
)

// kernel is one Markov chain's state and update.
type kernel interface {
	// sweep advances the chain by one sweep.
	sweep(rng *stream)
	// state returns the configuration sampled (it aliases the kernel's
	// memory and is valid until the next sweep).
	state() []int8
	// finish writes the kernel's acceptance statistics into cs.
	finish(cs *ChainStats)
}

// chainRun drives one chain: pilot, burn-in, sampling.
type chainRun struct {
	h      *Hamiltonian
	cfg    Config
	id     int
	rng    *stream
	k      kernel
	stats  ChainStats
	sweeps int64
}

func newKernel(h *Hamiltonian, cfg Config, rng *stream) kernel {
	switch cfg.Method {
	case Metropolis:
		return newSingleSpin(h, rng, 1, false)
	case HeatBath:
		return newSingleSpin(h, rng, 1, true)
	case Wolff:
		return newWolff(h, rng)
	case Tempering:
		return newTempering(h, rng, cfg.Ladder)
	}
	panic("ising: no kernel for method " + string(cfg.Method))
}

// run fills out (rows×N) with the chain's samples.
func (r *chainRun) run(out []int8, prog *progress) error {
	r.k = newKernel(r.h, r.cfg, r.rng)
	if err := r.pilot(); err != nil {
		return err
	}

	// burn-in: the pilot counts towards it
	tau := max(r.stats.TauEnergy, r.stats.TauAbsMag)
	burn := max(r.cfg.MinBurnIn, int(math.Ceil(r.cfg.BurnInTau*tau)), r.stats.PilotSweeps)
	r.advance(burn - r.stats.PilotSweeps)
	r.stats.BurnInSweeps = burn
	r.stats.SpacingSweeps = max(1, int(math.Ceil(r.cfg.SpacingTau*tau)))

	// sampling
	n := r.h.N
	for row := 0; row < len(out)/n; row++ {
		r.advance(r.stats.SpacingSweeps)
		copy(out[row*n:(row+1)*n], r.k.state())
		prog.add()
	}
	r.k.finish(&r.stats)
	return nil
}

func (r *chainRun) advance(sweeps int) {
	for range sweeps {
		r.k.sweep(r.rng)
	}
	r.sweeps += int64(max(sweeps, 0))
}

// pilot runs the chain, recording H and |m| after every sweep, until the
// second half of the record spans PilotTau integrated autocorrelation times
// of both series, doubling its length each time it falls short.
func (r *chainRun) pilot() error {
	var es, ms []float64
	for length := r.cfg.PilotSweeps; ; length *= 2 {
		for len(es) < length {
			r.k.sweep(r.rng)
			s := r.k.state()
			es = append(es, r.h.Energy(s))
			ms = append(ms, math.Abs(Magnetisation(s)))
		}
		r.sweeps = int64(length)
		half := es[length/2:]
		tauE, winE, errE := IntegratedTime(half, r.cfg.Window)
		tauM, winM, errM := IntegratedTime(ms[length/2:], r.cfg.Window)
		enough := float64(len(half)) >= r.cfg.PilotTau*max(tauE, tauM, 1)
		if errE == nil && errM == nil && enough {
			r.stats.TauEnergy, r.stats.WindowEnergy = tauE, winE
			r.stats.TauAbsMag, r.stats.WindowAbsMag = tauM, winM
			r.stats.PilotSweeps = length
			return nil
		}
		if 2*length > r.cfg.MaxPilotSweeps {
			return &PilotError{Chain: r.id, Sweeps: length,
				TauEnergy: nanIfErr(tauE, errE), TauAbsMag: nanIfErr(tauM, errM)}
		}
	}
}

func nanIfErr(v float64, err error) float64 {
	if err != nil {
		return math.NaN()
	}
	return v
}
