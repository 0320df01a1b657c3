package ising

import "math"

// singleSpin is a single-spin-flip chain targeting P(s) ∝ exp(−λ H(s)).
//
// Metropolis (random site i, ΔE = 2 s_i f_i):
//
//	accept the flip with probability min(1, exp(−λ ΔE)).
//
// Heat-bath (sites in order), the conditional of s_i given the rest:
//
//	P(s_i = +1 | s_−i) = σ(2λ f_i) = 1 / (1 + exp(−2λ f_i)).
//
// Both satisfy detailed balance for each single-site update, so any sweep
// order leaves the Boltzmann distribution invariant. Metropolis draws sites
// at random because in-order sweeps are not ergodic at λ = 0 and close to
// periodic at small λ. The chain tracks H(s) incrementally (for Tempering).
type singleSpin struct {
	h        *Hamiltonian
	s        []int8
	lambda   float64
	heatBath bool
	energy   float64

	attempts, accepted int64
}

func newSingleSpin(h *Hamiltonian, rng *stream, lambda float64, heatBath bool) *singleSpin {
	k := &singleSpin{h: h, s: make([]int8, h.N), lambda: lambda, heatBath: heatBath}
	for i := range k.s {
		k.s[i] = rng.spin()
	}
	k.energy = h.Energy(k.s)
	return k
}

func (k *singleSpin) sweep(rng *stream) {
	if k.heatBath {
		k.heatBathSweep(rng)
		return
	}
	k.metropolisSweep(rng)
}

func (k *singleSpin) metropolisSweep(rng *stream) {
	n := k.h.N
	for range n {
		i := rng.intN(n)
		de := k.h.DeltaE(k.s, i)
		if accept(k.lambda*de, rng) {
			k.s[i] = -k.s[i]
			k.energy += de
			k.accepted++
		}
	}
	k.attempts += int64(n)
}

// accept reports whether a Metropolis move raising λH by x is accepted,
// with probability min(1, e^{−x}). The bounds 1 − x ≤ e^{−x} ≤ 1/(1+x) for
// x ≥ 0 decide most draws without computing the exponential.
func accept(x float64, rng *stream) bool {
	if x <= 0 {
		return true
	}
	u := rng.float64()
	return u < 1-x || (u < 1/(1+x) && u < math.Exp(-x))
}

func (k *singleSpin) heatBathSweep(rng *stream) {
	for i := range k.s {
		f := k.h.LocalField(k.s, i)
		up := rng.float64()*(1+math.Exp(-2*k.lambda*f)) < 1
		v := int8(-1)
		if up {
			v = 1
		}
		if v != k.s[i] {
			k.energy += 2 * float64(k.s[i]) * f
			k.s[i] = v
			k.accepted++
		}
	}
	k.attempts += int64(len(k.s))
}

func (k *singleSpin) state() []int8 { return k.s }

func (k *singleSpin) finish(cs *ChainStats) {
	if k.attempts > 0 {
		cs.Acceptance = float64(k.accepted) / float64(k.attempts)
	}
}

// resync recomputes the tracked energy from scratch, removing rounding
// drift.
func (k *singleSpin) resync() { k.energy = k.h.Energy(k.s) }
