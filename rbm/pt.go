package rbm

import "math"

// Parallel tempering.
//
// Replicas r = 0..K sit at inverse temperatures β_0 < … < β_K = 1 and see
// the energy β_r·E(v,h). After each Gibbs step on every replica, each
// neighbour pair (r, r+1), in increasing r, exchanges its configurations
// with probability
//
//	min(1, exp((β_{r+1} − β_r)(E_{r+1} − E_r)))
//
// where E is the joint energy at β = 1. Chain n of replica r only ever
// swaps with chain n of the neighbouring replicas.
//
// References: Hukushima, Nemoto. Exchange Monte Carlo method and
// application to spin glass simulations. J. Phys. Soc. Jpn. 65, 1604
// (1996); Decelle, Furtlehner, Seoane (NeurIPS 2021) for its use in RBM
// training.

// temps returns the replica temperatures of a ladder (energy scaled by β).
func temps(betas []float64) []temp {
	t := make([]temp, len(betas))
	for r, b := range betas {
		t[r] = temp{b, b}
	}
	return t
}

// swapRound attempts the neighbour swaps of every chain and adds the
// accepted ones of pair (r, r+1) to acc[r].
func swapRound[T Float](c *chains[T], p *Params[T], betas []float64, acc []int) {
	c.refresh(p)
	c.energy = grow(c.energy, c.rows())
	c.energiesTo(c.energy, p, 0, c.rows())
	counts := make([][]int, len(c.rngs))
	parallelFor(len(c.rngs), func(k int) {
		counts[k] = make([]int, len(betas)-1)
		lo, hi := c.blockRange(k)
		for r := range len(betas) - 1 {
			d := betas[r+1] - betas[r]
			for j := lo; j < hi; j++ {
				a, b := r*c.per+j, (r+1)*c.per+j
				u := c.rngs[k].float64()
				if u < math.Exp(d*(c.energy[b]-c.energy[a])) {
					c.swapRows(a, b)
					c.energy[a], c.energy[b] = c.energy[b], c.energy[a]
					counts[k][r]++
				}
			}
		}
	})
	for _, cs := range counts {
		for r, n := range cs {
			acc[r] += n
		}
	}
}

// temper runs k rounds of (Gibbs step on every replica, swap round) and
// returns the fraction of accepted swaps per neighbour pair.
func temper[T Float](c *chains[T], p *Params[T], betas []float64, k int) []float64 {
	acc := make([]int, len(betas)-1)
	ts := temps(betas)
	for range k {
		c.gibbs(p, ts)
		swapRound(c, p, betas, acc)
	}
	rates := make([]float64, len(acc))
	for r, n := range acc {
		rates[r] = float64(n) / float64(k*c.per)
	}
	return rates
}

// initLadder sets the PT ladder at the start of training: the given Betas,
// or a greedy ladder built from the initial chains.
func (t *Trainer[T]) initLadder() {
	if t.cfg.PT.Betas != nil {
		t.betas = append([]float64(nil), t.cfg.PT.Betas...)
		return
	}
	t.rebuildLadder()
}

// rebuildLadder replaces the replicas by a greedy ladder grown from the
// β = 1 chains.
func (t *Trainer[T]) rebuildLadder() {
	spec := ladderSpec{target: t.cfg.PT.TargetSwapRate, betaMin: t.cfg.PT.BetaMin,
		maxTemps: t.cfg.PT.Temperatures, steps: t.cfg.K}
	t.betas = buildLadder(t.ch, t.p, spec, t.ladderRNG.Uint64())
	t.lastLadder = t.update
}

// rebuildDue reports whether an automatic ladder last built at step last
// is due for a rebuild at step now: the interval doubles from 1 up to every
// (rebuilds at 1, 2, 4, 8, … then every `every` steps), because the first
// ladders are built from chains far from equilibrium. every ≤ 0 never
// rebuilds.
func rebuildDue(now, last, every int) bool {
	if every <= 0 {
		return false
	}
	return now-last >= min(every, max(last, 1))
}

// runTempering is the PT negative phase: an optional ladder rebuild, then
// K rounds of Gibbs steps and swaps.
func (t *Trainer[T]) runTempering(info *StepInfo) {
	if t.cfg.PT.Betas == nil && rebuildDue(t.update, t.lastLadder, t.cfg.PT.LadderEvery) {
		t.rebuildLadder()
		info.LadderRebuilt = true
	}
	info.SwapRates = temper(t.ch, t.p, t.betas, t.cfg.K)
	info.Betas = append([]float64(nil), t.betas...)
	t.ch.refresh(t.p)
}
