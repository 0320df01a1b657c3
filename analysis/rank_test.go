package analysis

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// rocAUC equals the direct pairwise count over positive–negative pairs
// (win 1, tie ½), on random scores with many ties. Tolerance 1e-12.
func TestRocAUCMatchesPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		n := 2 + rng.IntN(60)
		x, y := make([]float64, n), make([]float64, n)
		for k := range n {
			if rng.IntN(3) == 0 {
				x[k] = 1
			}
			y[k] = float64(rng.IntN(5)-2) / 10 // |y| ∈ {0, .1, .2}
		}
		var wins float64
		p, q := 0, 0
		for a := range n {
			if x[a] == 0 {
				q++
				continue
			}
			p++
			for b := range n {
				if x[b] != 0 {
					continue
				}
				switch sa, sb := math.Abs(y[a]), math.Abs(y[b]); {
				case sa > sb:
					wins++
				case sa == sb:
					wins += 0.5
				}
			}
		}
		got, gotP := rocAUC(x, y)
		want := wins / float64(p*q)
		if gotP != p || !eq(got, want, 1e-12) {
			t.Fatalf("trial %d: AUC %v (P=%d), want %v (P=%d)", trial, got, gotP, want, p)
		}
	}
}

// precisionAtK equals the average over every ordering of tied scores: all
// 7! = 5040 permutations of 7 sets, each sorted stably by score, averaged.
func TestPrecisionAtKMatchesAllTieBreaks(t *testing.T) {
	x := []float64{1, 0, 1, 0, 0, 1, 0}
	y := []float64{.2, .2, .1, -.1, .1, 0, .2}
	for k := 1; k <= len(x); k++ {
		var sum float64
		perms := 0
		permute(len(x), func(p []int) {
			idx := slices.Clone(p)
			slices.SortStableFunc(idx, func(a, b int) int {
				return cmp.Compare(math.Abs(y[b]), math.Abs(y[a]))
			})
			hits := 0
			for _, i := range idx[:k] {
				if x[i] != 0 {
					hits++
				}
			}
			sum += float64(hits) / float64(k)
			perms++
		})
		if got, want := precisionAtK(x, y, k), sum/float64(perms); !eq(got, want, 1e-12) {
			t.Errorf("K=%d: precision %v, want %v", k, got, want)
		}
	}
}

// permute calls f with every permutation of 0..n−1 (Heap's algorithm).
func permute(n int, f func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var gen func(k int)
	gen = func(k int) {
		if k == 1 {
			f(p)
			return
		}
		for i := range k - 1 {
			gen(k - 1)
			if k%2 == 0 {
				p[i], p[k-1] = p[k-1], p[i]
			} else {
				p[0], p[k-1] = p[k-1], p[0]
			}
		}
		gen(k - 1)
	}
	gen(n)
}
