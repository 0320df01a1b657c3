package rbm

import "math"

// ladderSpec sets the greedy construction of a temperature ladder.
type ladderSpec struct {
	target   float64 // swap rate aimed at between neighbours
	betaMin  float64 // lowest inverse temperature
	maxTemps int     // cap on the number of replicas, β = 1 included
	steps    int     // Gibbs steps run at a trial β
}

// bisectSteps is the number of bisection steps per new temperature.
const bisectSteps = 8

// level is one rung of a ladder under construction: its β and chains
// (one replica) holding samples at that β, with their joint energies.
type level[T Float] struct {
	beta   float64
	ch     *chains[T]
	energy []float64
}

// buildLadder grows a ladder greedily downwards from β = 1. Starting from
// the samples of the top replica of c, it places each next β as low as
// possible while the estimated swap rate with the previous rung stays at
// or above the target (bisection on β, each trial running spec.steps Gibbs
// steps from the previous rung's samples), until β reaches spec.betaMin or
// the ladder has spec.maxTemps rungs; in the second case the lowest β stays
// above betaMin. c is then resized to the new ladder, replica r holding the
// samples of rung r (ascending β); its random streams are kept. The
// estimated rate pairs chain j of one rung with chain j+1 of the other,
// which are independent.
func buildLadder[T Float](c *chains[T], p *Params[T], spec ladderSpec, seed uint64) []float64 {
	top := c.extract(c.reps-1, seed, 0)
	levels := []level[T]{{beta: 1, ch: top, energy: chainEnergies(top, p)}}
	trial := uint64(1)
	for len(levels) < spec.maxTemps && levels[len(levels)-1].beta > spec.betaMin {
		next := nextLevel(levels[len(levels)-1], p, spec, seed, &trial)
		levels = append(levels, next)
	}
	betas := make([]float64, len(levels))
	c.resize(len(levels))
	for r := range levels {
		l := levels[len(levels)-1-r]
		betas[r] = l.beta
		for j := range c.per {
			c.copyRow(r*c.per+j, l.ch, j)
		}
	}
	return betas
}

// nextLevel returns the rung below cur.
func nextLevel[T Float](cur level[T], p *Params[T], spec ladderSpec, seed uint64,
	trial *uint64) level[T] {
	run := func(beta float64) (level[T], float64) {
		*trial++
		l := level[T]{beta: beta, ch: cur.ch.extract(0, seed, *trial)}
		for range spec.steps {
			l.ch.gibbs(p, []temp{{beta, beta}})
		}
		l.energy = chainEnergies(l.ch, p)
		return l, swapRate(cur.beta, beta, cur.energy, l.energy)
	}
	if l, rate := run(spec.betaMin); rate >= spec.target {
		return l
	}
	lo, hi := spec.betaMin, cur.beta
	var best level[T]
	for range bisectSteps {
		mid := (lo + hi) / 2
		l, rate := run(mid)
		if rate >= spec.target {
			hi, best = mid, l
		} else {
			lo = mid
		}
	}
	if best.ch == nil { // no trial reached the target: take the closest one
		best, _ = run(hi - (hi-lo)/2)
	}
	return best
}

// swapRate estimates the mean acceptance min(1, exp((βh−βl)(E_h − E_l)))
// pairing chain j at βh with chain j+1 at βl.
func swapRate(betaHi, betaLo float64, eHi, eLo []float64) float64 {
	n := len(eHi)
	s := 0.0
	for j := range n {
		s += math.Min(1, math.Exp((betaHi-betaLo)*(eHi[j]-eLo[(j+1)%n])))
	}
	return s / float64(n)
}

// chainEnergies returns the joint energies of all rows of c.
func chainEnergies[T Float](c *chains[T], p *Params[T]) []float64 {
	e := make([]float64, c.rows())
	c.energiesTo(e, p, 0, c.rows())
	return e
}

// extract returns a one-replica copy of replica r of c with fresh random
// streams derived from (seed, trial).
func (c *chains[T]) extract(r int, seed, trial uint64) *chains[T] {
	vis := Binary
	if c.ising {
		vis = Ising
	}
	e := newChains[T](c.n, c.m, c.per, 1, vis, splitmix(seed+trial), purposeLadder)
	copy(e.v, c.replicaV(r))
	copy(e.h, c.h[r*c.per*c.m:(r+1)*c.per*c.m])
	return e
}

// resize changes the number of replicas, keeping the random streams; the
// configurations are left to the caller.
func (c *chains[T]) resize(reps int) {
	rows := c.per * reps
	c.reps = reps
	c.v, c.h = grow(c.v, rows*c.n), grow(c.h, rows*c.m)
	c.actH, c.actV = grow(c.actH, rows*c.m), grow(c.actV, rows*c.n)
	c.fresh = false
}
