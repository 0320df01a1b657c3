package ising

import "math"

// tempering runs replicas of the system at scaled inverse temperatures
// λ_0 < … < λ_{K−1} = 1, replica k targeting P_k(s) ∝ exp(−λ_k H(s)). A
// sweep is one Metropolis sweep of every replica followed by one swap
// attempt for every neighbouring pair (k, k+1), k = 0 … K−2 in turn,
// accepted with probability
//
//	min(1, exp((λ_{k+1} − λ_k)(H_{k+1} − H_k))),
//
// which keeps the product of the P_k invariant. The sampled configuration
// is the one currently at λ = 1.
//
// References:
//
//	K. Hukushima, K. Nemoto, Exchange Monte Carlo method and application to
//	spin glass simulations, J. Phys. Soc. Jpn. 65, 1604 (1996).
//	R. H. Swendsen, J.-S. Wang, Replica Monte Carlo simulation of spin
//	glasses, Phys. Rev. Lett. 57, 2607 (1986).
type tempering struct {
	reps   []*singleSpin // reps[k] runs at ladder[k]
	ladder []float64
	swaps  []int64 // accepted swaps between k and k+1
	tries  int64   // swap rounds
}

// resyncEvery is the number of sweeps between exact recomputations of the
// replicas' energies.
const resyncEvery = 64

func newTempering(h *Hamiltonian, rng *stream, ladder []float64) *tempering {
	t := &tempering{ladder: ladder, swaps: make([]int64, len(ladder)-1)}
	for _, l := range ladder {
		t.reps = append(t.reps, newSingleSpin(h, rng, l, false))
	}
	return t
}

func (t *tempering) sweep(rng *stream) {
	// local updates
	for _, r := range t.reps {
		r.metropolisSweep(rng)
	}
	t.tries++
	if t.tries%resyncEvery == 0 {
		for _, r := range t.reps {
			r.resync()
		}
	}

	// replica exchange: configurations move, temperatures stay
	for k := 0; k+1 < len(t.reps); k++ {
		a, b := t.reps[k], t.reps[k+1]
		x := (t.ladder[k+1] - t.ladder[k]) * (b.energy - a.energy)
		if x >= 0 || rng.float64() < math.Exp(x) {
			a.s, b.s = b.s, a.s
			a.energy, b.energy = b.energy, a.energy
			t.swaps[k]++
		}
	}
}

func (t *tempering) state() []int8 { return t.reps[len(t.reps)-1].s }

func (t *tempering) finish(cs *ChainStats) {
	top := t.reps[len(t.reps)-1]
	top.finish(cs)
	cs.Ladder = append([]float64(nil), t.ladder...)
	cs.SwapRates = make([]float64, len(t.swaps))
	for k, a := range t.swaps {
		cs.SwapRates[k] = float64(a) / float64(max(t.tries, 1))
	}
}
