package analysis

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// PairCount returns the number of pairs i < j of n variables, n(n−1)/2.
func PairCount(n int) int { return n * (n - 1) / 2 }

// PairIndex returns the position of the pair (i, j), 0 ≤ i < j < n, in the
// lexicographic order (0,1), (0,2), …, (0,n−1), (1,2), … used by
// ConnectedPairs. It panics if the pair is out of range.
func PairIndex(n, i, j int) int {
	if i < 0 || i >= j || j >= n {
		panic(fmt.Sprintf("analysis: pair (%d, %d) out of range for n = %d", i, j, n))
	}
	return i*(2*n-i-1)/2 + j - i - 1
}

// TripletCount returns the number of triplets i < j < k of n variables.
func TripletCount(n int) int { return n * (n - 1) * (n - 2) / 6 }

// Means returns the magnetisations m_i = ⟨s_i⟩ of s, in the Ising basis
// (binary data give 2⟨v_i⟩ − 1). The result has N entries.
func Means(s Spins, workers int) ([]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return means(packColumns(s, workers)), nil
}

// means returns ⟨s_i⟩ = (R − 2·#{s_ri = −1}) / R for each column.
func means(c *bitCols) []float64 {
	m := make([]float64, c.n)
	for i := range m {
		m[i] = float64(c.rows-2*onesCount(c.col(i))) / float64(c.rows)
	}
	return m
}

// ConnectedPairs returns the connected two-point correlations of s in the
// Ising basis,
//
//	C_ij = ⟨s_i s_j⟩ − ⟨s_i⟩⟨s_j⟩,   i < j,
//
// with averages over the Rows configurations, in PairIndex order
// (N(N−1)/2 values, 8 bytes each). The products are counted exactly on
// bit-packed columns (R·N/8 bytes); the work, O(N² R/64), is split over
// workers goroutines (0 means GOMAXPROCS) without changing the result.
func ConnectedPairs(s Spins, workers int) ([]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	c := packColumns(s, workers)
	return connectedPairs(c, means(c), workers), nil
}

// connectedPairs computes C_ij from packed columns c and means m.
func connectedPairs(c *bitCols, m []float64, workers int) []float64 {
	n, rows := c.n, float64(c.rows)
	out := make([]float64, PairCount(n))
	parallelFor(n, workers, func() func(int) {
		return func(i int) {
			if i == n-1 {
				return
			}
			ci, base := c.col(i), PairIndex(n, i, i+1)
			for j := i + 1; j < n; j++ {
				sij := (rows - 2*float64(xorCount(ci, c.col(j)))) / rows
				out[base+j-i-1] = sij - m[i]*m[j]
			}
		}
	})
	return out
}

// AllTriplets returns every triplet i < j < k of n variables in
// lexicographic order, TripletCount(n) of them (12 bytes each).
func AllTriplets(n int) [][3]int32 {
	out := make([][3]int32, 0, TripletCount(n))
	for i := range n {
		for j := i + 1; j < n; j++ {
			for k := j + 1; k < n; k++ {
				out = append(out, [3]int32{int32(i), int32(j), int32(k)})
			}
		}
	}
	return out
}

// RandomTriplets returns count distinct triplets i < j < k of n variables,
// drawn uniformly without replacement from a PCG stream seeded by seed, in
// lexicographic order. When count ≥ TripletCount(n) it returns all of them.
func RandomTriplets(n, count int, seed uint64) [][3]int32 {
	if count >= TripletCount(n) {
		return AllTriplets(n)
	}
	rng := rand.New(rand.NewPCG(seed, streamTriplets))
	if count > TripletCount(n)/2 {
		// Dense request: a partial Fisher–Yates shuffle of all triplets
		// avoids rejecting most draws.
		all := AllTriplets(n)
		for t := range count {
			u := t + rng.IntN(len(all)-t)
			all[t], all[u] = all[u], all[t]
		}
		out := all[:count]
		slices.SortFunc(out, compareTriplets)
		return out
	}
	seen := make(map[[3]int32]struct{}, count)
	out := make([][3]int32, 0, count)
	for len(out) < count {
		t := [3]int32{int32(rng.IntN(n)), int32(rng.IntN(n)), int32(rng.IntN(n))}
		if t[0] == t[1] || t[0] == t[2] || t[1] == t[2] {
			continue
		}
		slices.Sort(t[:])
		if _, dup := seen[t]; dup {
			continue
		}
		seen[t] = struct{}{}
		out = append(out, t)
	}
	slices.SortFunc(out, compareTriplets)
	return out
}

func compareTriplets(a, b [3]int32) int { return slices.Compare(a[:], b[:]) }

// ConnectedTriplets returns the connected three-point correlations of s in
// the Ising basis for the given triplets, in their order:
//
//	C_ijk = ⟨(s_i − m_i)(s_j − m_j)(s_k − m_k)⟩
//	      = ⟨s_i s_j s_k⟩ − m_i⟨s_j s_k⟩ − m_j⟨s_i s_k⟩ − m_k⟨s_i s_j⟩ + 2 m_i m_j m_k
//
// with m_i = ⟨s_i⟩. Moments are counted exactly on bit-packed columns; the
// cost is O(len(triplets)·R/64). Sites must be distinct and in [0, N).
func ConnectedTriplets(s Spins, triplets [][3]int32, workers int) ([]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	for t, ijk := range triplets {
		for _, i := range ijk {
			if i < 0 || int(i) >= s.N {
				return nil, fmt.Errorf("%w: triplet %d: site %d out of [0, %d)",
					ErrInput, t, i, s.N)
			}
		}
		if ijk[0] == ijk[1] || ijk[0] == ijk[2] || ijk[1] == ijk[2] {
			return nil, fmt.Errorf("%w: triplet %d: sites %v not distinct", ErrInput, t, ijk)
		}
	}
	c := packColumns(s, workers)
	return connectedTriplets(c, means(c), triplets, workers), nil
}

// tripletChunk is the number of triplets handed to a worker at a time.
const tripletChunk = 2048

// connectedTriplets computes C_ijk from packed columns c and means m.
func connectedTriplets(c *bitCols, m []float64, ts [][3]int32, workers int) []float64 {
	rows := float64(c.rows)
	moment := func(odd int) float64 { return (rows - 2*float64(odd)) / rows }
	out := make([]float64, len(ts))
	chunks := (len(ts) + tripletChunk - 1) / tripletChunk
	parallelFor(chunks, workers, func() func(int) {
		return func(ch int) {
			for t := ch * tripletChunk; t < min(len(ts), (ch+1)*tripletChunk); t++ {
				i, j, k := int(ts[t][0]), int(ts[t][1]), int(ts[t][2])
				bi, bj, bk := c.col(i), c.col(j), c.col(k)
				sijk := moment(xor3Count(bi, bj, bk))
				sij, sik, sjk := moment(xorCount(bi, bj)), moment(xorCount(bi, bk)),
					moment(xorCount(bj, bk))
				out[t] = sijk - m[i]*sjk - m[j]*sik - m[k]*sij + 2*m[i]*m[j]*m[k]
			}
		}
	})
	return out
}
