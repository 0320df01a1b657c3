package hamiltonian

import (
	"fmt"
	"testing"
)

// BenchmarkSet measures one full-formula evaluation per order on 100×20
// models (dense N(0,0.3²) and features), one core.
func BenchmarkSet(b *testing.B) {
	for name, r := range map[string]RBM{
		"dense":    randomRBM(100, 20, 0.3, false, 5),
		"features": featureRBM(100, 20, 6, 5),
		// σ_a ≈ 0.3 < the switch: every unit by Gauss–Hermite
		"small": randomRBM(100, 20, 0.03, false, 5),
	} {
		e := r.Effective()
		ev := newEvaluator(&e, &GaussianOptions{Workers: 1})
		for k := 1; k <= 4; k++ {
			b.Run(fmt.Sprintf("%s/k=%d", name, k), func(b *testing.B) {
				var s scratch
				sites := []int{3, 17, 42, 88}[:k]
				for b.Loop() {
					ev.set(sites, &s)
				}
			})
		}
	}
}

// benchModel is an 805×200 binary-visible model with W ~ N(0, 0.2²), the
// size of the HGD fixture (805 sites).
func benchModel(n, m int) RBM { return randomRBM(n, m, 0.2, false, 99) }

// BenchmarkPairs computes fields and all pairs on a ladder of sizes up to
// 805×200 (323 610 pairs), all cores.
func BenchmarkPairs(b *testing.B) {
	for _, sz := range [][2]int{{100, 20}, {200, 50}, {805, 200}} {
		r := benchModel(sz[0], sz[1])
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			for b.Loop() {
				if _, err := Gaussian(r, GaussianOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTopTriplets screens the top 1000 triplets of an 805×200 model
// (C(805,3) = 86.7 million sets) and evaluates the 4000 candidates; the
// fields and pairs are excluded by computing order 3 alone through the
// screen entry point.
func BenchmarkTopTriplets(b *testing.B) {
	r := benchModel(805, 200)
	e := r.Effective()
	opts := GaussianOptions{MaxOrder: 3, Top: 1000}
	ev := newEvaluator(&e, &opts)
	for b.Loop() {
		ev.screen(3, 1000, 4000, &opts, nil)
	}
}

// BenchmarkExact transforms 2ᴺ states for N = 16, 20, 24 with M = 20,
// all cores.
func BenchmarkExact(b *testing.B) {
	for _, n := range []int{16, 20, 24} {
		r := benchModel(n, 20)
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Exact(r, 4, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
