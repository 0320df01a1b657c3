package rbm

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkWeightGradient times the weight-gradient product ∇W = Vᵀ·H
// (V B×N, H B×M, float32) as one gemm call ("gemm") and split over the
// batch ("split", what the trainer uses), side by side on the bench
// ladder.
func BenchmarkWeightGradient(b *testing.B) {
	for _, s := range benchShapes {
		n, m, bs := s[0], s[1], s[2]
		r := rand.New(rand.NewPCG(1, 2))
		v, h, gW := randSlice[float32](r, bs*n), randSlice[float32](r, bs*m), make([]float32, n*m)
		flops := 2 * float64(n*m*bs)
		b.Run(benchName(s)+"/gemm", func(b *testing.B) {
			for range b.N {
				gemm(true, false, n, m, bs, 1, v, n, h, m, 0, gW, m)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run(benchName(s)+"/split", func(b *testing.B) {
			var sp splitTN[float32]
			for range b.N {
				sp.product(n, m, bs, 1, v, h, 0, gW)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
