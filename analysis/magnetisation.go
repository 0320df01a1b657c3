package analysis

import (
	"fmt"
	"math"
)

// DefaultUniformBins is the number of bins on [−1, 1] used by
// CompareMagnetisation when N > MaxValueBinsN and no bin count is given.
const DefaultUniformBins = 50

// MaxValueBinsN is the largest N for which CompareMagnetisation gives, by
// default, one bin to each attainable value of m.
const MaxValueBinsN = 100

// Magnetisations returns m = (1/N) Σ_i s_i for each configuration of s
// (Ising basis), Rows values in [−1, 1].
func Magnetisations(s Spins) ([]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	up := upCounts(s)
	m := make([]float64, len(up))
	for r, u := range up {
		m[r] = float64(2*u-s.N) / float64(s.N)
	}
	return m, nil
}

// upCounts returns the number of +1 spins of each configuration.
func upCounts(s Spins) []int {
	up := make([]int, s.Rows)
	for r := range up {
		for _, v := range s.Values[r*s.N : (r+1)*s.N] {
			if v == 1 {
				up[r]++
			}
		}
	}
	return up
}

// MagnetisationComparison holds the distributions of the magnetisation
// m = (1/N) Σ_i s_i of data and samples and their distance.
//
// m takes the N+1 values −1 + 2u/N, u = 0…N the number of up spins.
// Bins are half-open [Edges[b], Edges[b+1]), the last one closed.
// Data[b] and Samples[b] are fractions of configurations (each sums to 1).
//
//	TV = ½ Σ_b |Data[b] − Samples[b]|                  (total variation)
//	KS = max_m |F_data(m) − F_samples(m)|               (Kolmogorov–Smirnov)
//
// KS uses the exact values of m, so it does not depend on the bins.
//
// A model with the data's |m| distribution but a small learned field puts
// more weight on one sign of m; the two effects are reported apart:
//
//	AbsTV = ½ Σ_b |P_data(|m| ∈ b) − P_samples(|m| ∈ b)|
//	PositiveData, PositiveSamples = P(m > 0) + ½ P(m = 0)
//
// AbsTV uses one bin per attainable |m| when m has per-value bins, else
// half as many equal bins on [0, 1] as m has on [−1, 1].
type MagnetisationComparison struct {
	Edges         []float64
	Data, Samples []float64
	TV, KS        float64

	AbsTV                         float64
	PositiveData, PositiveSamples float64
}

// CompareMagnetisation histograms the magnetisations of data and samples,
// which must have the same N. bins > 0 gives that many equal bins on
// [−1, 1]; bins = 0 gives one bin per attainable value (N+1 bins centred
// on −1 + 2u/N, so spanning [−1 − 1/N, 1 + 1/N]) when N ≤ MaxValueBinsN,
// else DefaultUniformBins equal bins on [−1, 1]. Binning uses the integer
// count of up spins, so no value falls on the wrong side of an edge.
func CompareMagnetisation(data, samples Spins, bins int) (*MagnetisationComparison, error) {
	if bins < 0 {
		return nil, fmt.Errorf("%w: bins = %d, want ≥ 0", ErrInput, bins)
	}
	if err := samePair(data, samples, "data", "samples"); err != nil {
		return nil, err
	}
	n := data.N
	perValue := bins == 0 && n <= MaxValueBinsN
	if bins == 0 && !perValue {
		bins = DefaultUniformBins
	}
	binOf := func(u int) int { return min(u*bins/n, bins-1) }
	mc := &MagnetisationComparison{}
	if perValue {
		bins = n + 1
		binOf = func(u int) int { return u }
		mc.Edges = make([]float64, bins+1)
		for b := range mc.Edges {
			mc.Edges[b] = (-1 - 1/float64(n)) + 2*float64(b)/float64(n)
		}
	} else {
		mc.Edges = make([]float64, bins+1)
		for b := range mc.Edges {
			mc.Edges[b] = -1 + 2*float64(b)/float64(bins)
		}
	}

	// Histograms, and cumulative distributions over u for KS.
	upD, upS := upCounts(data), upCounts(samples)
	mc.Data, mc.Samples = fractions(upD, bins, binOf), fractions(upS, bins, binOf)
	cd, cs := fractions(upD, n+1, func(u int) int { return u }),
		fractions(upS, n+1, func(u int) int { return u })
	var fd, fs float64
	for u := range n + 1 {
		fd, fs = fd+cd[u], fs+cs[u]
		mc.KS = max(mc.KS, math.Abs(fd-fs))
	}
	for b := range bins {
		mc.TV += math.Abs(mc.Data[b]-mc.Samples[b]) / 2
	}
	mc.AbsTV = absTV(upD, upS, n, perValue, bins)
	mc.PositiveData, mc.PositiveSamples = positiveShare(upD, n), positiveShare(upS, n)
	return mc, nil
}

// absTV is the total-variation distance between the |m| histograms of two
// sets of up counts; |m| = a/n with a = |2u − n|.
func absTV(upD, upS []int, n int, perValue bool, bins int) float64 {
	absBins := max(bins/2, 1)
	binOf := func(u int) int {
		a := abs(2*u - n)
		return min(a*absBins/n, absBins-1)
	}
	if perValue {
		// a has the parity of n, so a/2 numbers the attainable values.
		absBins = n/2 + 1
		binOf = func(u int) int { return abs(2*u-n) / 2 }
	}
	hd, hs := fractions(upD, absBins, binOf), fractions(upS, absBins, binOf)
	tv := 0.0
	for b := range hd {
		tv += math.Abs(hd[b]-hs[b]) / 2
	}
	return tv
}

// positiveShare is the fraction of configurations with m > 0, counting
// m = 0 as one half.
func positiveShare(ups []int, n int) float64 {
	share := 0.0
	for _, u := range ups {
		switch {
		case 2*u > n:
			share++
		case 2*u == n:
			share += 0.5
		}
	}
	return share / float64(len(ups))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// fractions returns the fraction of ups falling in each of bins bins.
func fractions(ups []int, bins int, binOf func(int) int) []float64 {
	h := make([]float64, bins)
	for _, u := range ups {
		h[binOf(u)]++
	}
	for b := range h {
		h[b] /= float64(len(ups))
	}
	return h
}
