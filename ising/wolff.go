package ising

import "math"

// wolffApplies reports whether h is a pairwise ferromagnet without fields.
func wolffApplies(h *Hamiltonian) bool {
	for _, v := range h.Fields {
		if v != 0 {
			return false
		}
	}
	for _, t := range h.Terms {
		if t.Order != 2 || t.Value < 0 {
			return false
		}
	}
	return true
}

// wolff is the single-cluster algorithm for H = −Σ J_ij s_i s_j, J_ij ≥ 0:
// from a uniformly drawn seed site, grow a cluster by adding each aligned
// neighbour j of a cluster site i with probability
//
//	p_ij = 1 − exp(−2 J_ij),
//
// then flip the whole cluster (always accepted).
//
// References:
//
//	U. Wolff, Collective Monte Carlo updating for spin systems,
//	Phys. Rev. Lett. 62, 361 (1989).
type wolff struct {
	h       *Hamiltonian
	s       []int8
	pAdd    []float64 // per index entry of h (pair list), 1 − exp(−2 J_ij)
	stack   []int32
	members []int32
	inCl    []bool

	perSweep          int // cluster flips per sweep, fixed at creation
	clusters, flipped int64
}

// calibrationSpins is the number of spin flips, in units of N, of each of
// the two calibration stages of a Wolff chain (warm-up, then measurement of
// the mean cluster size).
const calibrationSpins = 10

func newWolff(h *Hamiltonian, rng *stream) *wolff {
	x := h.index()
	k := &wolff{h: h, s: make([]int8, h.N), pAdd: make([]float64, len(x.pairVal)),
		inCl: make([]bool, h.N)}
	for e, j := range x.pairVal {
		k.pAdd[e] = -math.Expm1(-2 * j)
	}
	for i := range k.s {
		k.s[i] = rng.spin()
	}
	k.calibrate(rng)
	return k
}

// calibrate fixes the number of cluster flips per sweep so that a sweep
// flips about N spins: after a warm-up of calibrationSpins·N flipped spins
// it counts the clusters needed to flip calibrationSpins·N more. The count
// must be fixed before the chain is used: stopping each sweep once N spins
// have flipped would pick the end of a sweep by cluster size and bias the
// samples towards states that follow large clusters.
func (k *wolff) calibrate(rng *stream) {
	target := calibrationSpins * k.h.N
	for done := 0; done < target; {
		done += k.cluster(rng)
	}
	c := 0
	for done := 0; done < target; c++ {
		done += k.cluster(rng)
	}
	k.perSweep = max(1, int(math.Round(float64(c)/calibrationSpins)))
	k.clusters, k.flipped = 0, 0
}

// sweep flips perSweep clusters.
func (k *wolff) sweep(rng *stream) {
	for range k.perSweep {
		k.cluster(rng)
	}
}

// cluster grows and flips one cluster and returns its size.
func (k *wolff) cluster(rng *stream) int {
	x := k.h.idx
	seed := int32(rng.intN(k.h.N))
	sign := k.s[seed]
	k.stack = append(k.stack[:0], seed)
	k.inCl[seed] = true
	members := k.members[:0]
	for len(k.stack) > 0 {
		i := k.stack[len(k.stack)-1]
		k.stack = k.stack[:len(k.stack)-1]
		members = append(members, i)
		for e := x.pairStart[i]; e < x.pairStart[i+1]; e++ {
			j := x.pairNbr[e]
			if k.inCl[j] || k.s[j] != sign || rng.float64() >= k.pAdd[e] {
				continue
			}
			k.inCl[j] = true
			k.stack = append(k.stack, j)
		}
	}
	for _, i := range members {
		k.s[i] = -sign
		k.inCl[i] = false
	}
	k.members = members
	k.clusters++
	k.flipped += int64(len(members))
	return len(members)
}

func (k *wolff) state() []int8 { return k.s }

func (k *wolff) finish(cs *ChainStats) {
	if k.clusters > 0 {
		cs.Acceptance = float64(k.flipped) / float64(k.clusters) / float64(k.h.N)
	}
}
