package analysis

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// AAConfig sets the subsample and randomness of AdversarialAccuracy. The
// zero value means the defaults.
type AAConfig struct {
	// Subsample is the number of configurations drawn without replacement
	// from each of data and samples; it is capped at the smaller Rows.
	// 0 means 2000; otherwise ≥ 2. Cost: 4·n² Hamming distances of N bits.
	Subsample int
	// Seed seeds the subsample draws.
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS, ≥ 0.
	// Results do not depend on it.
	Workers int
}

// DefaultAASubsample is the default AAConfig.Subsample.
const DefaultAASubsample = 2000

// Validate reports every bad field of c.
func (c AAConfig) Validate() error {
	var errs []error
	if c.Subsample == 1 || c.Subsample < 0 {
		errs = append(errs, fmt.Errorf("Subsample = %d, want 0 or ≥ 2", c.Subsample))
	}
	if c.Workers < 0 {
		errs = append(errs, fmt.Errorf("Workers = %d, want ≥ 0", c.Workers))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: adversarial accuracy config: %w", ErrInput, errors.Join(errs...))
	}
	return nil
}

// Adversarial is the nearest-neighbour adversarial accuracy of samples S
// against data T (target), each a subsample of n configurations, with
// Hamming distances d. For each configuration, d_TT and d_SS are the
// distances to the nearest other member of its own set, d_TS and d_ST to
// the nearest member of the other set, and
//
//	AA_true  = (1/n) Σ_{t∈T} 1[d_TS(t) > d_TT(t)]
//	AA_synth = (1/n) Σ_{s∈S} 1[d_ST(s) > d_SS(s)]
//	AA_TS    = ½ (AA_true + AA_synth).
//
// AA_TS ≈ 0.5 when samples and data are indistinguishable by a
// nearest-neighbour test, → 1 when they are easy to tell apart, and < 0.5
// when samples sit closer to data than data to itself (copies, overfit).
//
// Hamming distances are integers and tie often. AA, True and Synth count a
// tie as ½ (the mean over random tie-breaking), which keeps 0.5 the value
// of indistinguishable sets; Strict counts ties as 0, the literal
// inequality of Yale et al. (2020), for comparison with values computed
// that way. Ties is the fraction of the 2n comparisons that tied.
//
// References: Yale, Dash, Dutta, Guyon, Pavao, Bennett, Generation and
// evaluation of privacy preserving synthetic health data, Neurocomputing
// 416, 244 (2020); Decelle, Furtlehner, Seoane, NeurIPS 2021.
type Adversarial struct {
	N           int
	AA          float64
	True, Synth float64
	Strict      float64
	Ties        float64
}

// AdversarialAccuracy computes AA_TS of samples against data, which must
// have the same N, on subsamples drawn with cfg.Seed.
func AdversarialAccuracy(data, samples Spins, cfg AAConfig) (*Adversarial, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := samePair(data, samples, "data", "samples"); err != nil {
		return nil, err
	}
	n := cfg.Subsample
	if n == 0 {
		n = DefaultAASubsample
	}
	n = min(n, data.Rows, samples.Rows)
	if n < 2 {
		return nil, fmt.Errorf("%w: adversarial accuracy needs ≥ 2 configurations per set, "+
			"have %d data and %d samples", ErrInput, data.Rows, samples.Rows)
	}
	t := packRows(data, subsample(data.Rows, n, cfg.Seed, streamAAData))
	s := packRows(samples, subsample(samples.Rows, n, cfg.Seed, streamAASamples))

	// Nearest distances: task k < n is data row k, task n+k sample row k.
	own, other := make([]int, 2*n), make([]int, 2*n)
	parallelFor(2*n, cfg.Workers, func() func(int) {
		return func(k int) {
			self, far := t, s
			if k >= n {
				self, far = s, t
			}
			own[k], other[k] = nearest(self, k%n), nearestIn(far, self.row(k%n))
		}
	})
	return tally(own, other, n), nil
}

// nearest returns the Hamming distance from row k of b to the nearest other
// row of b.
func nearest(b *bitRows, k int) int {
	x, best := b.row(k), math.MaxInt
	for j := range len(b.bits) / b.words {
		if j != k {
			best = min(best, xorCount(x, b.row(j)))
		}
	}
	return best
}

// nearestIn returns the Hamming distance from x to the nearest row of b.
func nearestIn(b *bitRows, x []uint64) int {
	best := math.MaxInt
	for j := range len(b.bits) / b.words {
		best = min(best, xorCount(x, b.row(j)))
	}
	return best
}

// tally turns nearest distances into the accuracies; entries k < n are
// data rows, the rest sample rows.
func tally(own, other []int, n int) *Adversarial {
	var wins, ties [2]int
	for k := range own {
		side := k / n
		switch {
		case other[k] > own[k]:
			wins[side]++
		case other[k] == own[k]:
			ties[side]++
		}
	}
	frac := func(side int) float64 {
		return (float64(wins[side]) + float64(ties[side])/2) / float64(n)
	}
	a := &Adversarial{N: n, True: frac(0), Synth: frac(1)}
	a.AA = (a.True + a.Synth) / 2
	a.Strict = float64(wins[0]+wins[1]) / float64(2*n)
	a.Ties = float64(ties[0]+ties[1]) / float64(2*n)
	return a
}

// subsample returns n distinct indices of [0, rows) drawn uniformly by a
// partial Fisher–Yates shuffle from rand.NewPCG(seed, stream).
func subsample(rows, n int, seed, stream uint64) []int {
	idx := make([]int, rows)
	for k := range idx {
		idx[k] = k
	}
	if n == rows {
		return idx
	}
	rng := rand.New(rand.NewPCG(seed, stream))
	for k := range n {
		j := k + rng.IntN(rows-k)
		idx[k], idx[j] = idx[j], idx[k]
	}
	return idx[:n]
}
