package rbm

import (
	"math/rand/v2"
	"runtime"
	"testing"
)

// BenchmarkWeightGradient times the weight-gradient product ∇W = Vᵀ·H
// (V B×N, H B×M, float32) as one gemm call ("gemm") and split over the
// rows of ∇W ("split", what the trainer uses), side by side on the bench
// ladder.
func BenchmarkWeightGradient(b *testing.B) {
	for _, s := range benchShapes {
		n, m, bs := s[0], s[1], s[2]
		r := rand.New(rand.NewPCG(1, 2))
		v, h, gW := randSlice[float32](r, bs*n), randSlice[float32](r, bs*m), make([]float32, n*m)
		flops := 2 * float64(n*m*bs)
		b.Run(benchName(s)+"/gemm", func(b *testing.B) {
			if setOpenBLASThreads != nil { // the products at the whole machine's throughput
				defer setOpenBLASThreads(CurrentBackend().Threads)
				setOpenBLASThreads(runtime.NumCPU())
			}
			for range b.N {
				gemm(true, false, n, m, bs, 1, v, n, h, m, 0, gW, m)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run(benchName(s)+"/split", func(b *testing.B) {
			for range b.N {
				productTN(n, m, bs, v, h, gW)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkGibbsStepVsGemm times, side by side, one float32 Gibbs step of
// batch chains ("step": both products, both sigmoids, both draws) and the
// two matrix products of that step alone, each as a single gemm call on
// every core ("gemm"; OpenBLAS gets one thread per CPU for it); gemm ns /
// step ns is the fraction of the backend's product throughput that a
// Gibbs step reaches.
func BenchmarkGibbsStepVsGemm(b *testing.B) {
	for _, s := range benchShapes {
		n, m, rows := s[0], s[1], s[2]
		p := randomParams[float32](n, m, Binary, 0.05, 1)
		c := newChains[float32](n, m, rows, 1, Binary, 1, purposeSample)
		c.randomize()
		b.Run(benchName(s)+"/step", func(b *testing.B) {
			for range b.N {
				c.gibbs(p, nil)
			}
		})
		b.Run(benchName(s)+"/gemm", func(b *testing.B) {
			if setOpenBLASThreads != nil { // the products at the whole machine's throughput
				defer setOpenBLASThreads(CurrentBackend().Threads)
				setOpenBLASThreads(runtime.NumCPU())
			}
			for range b.N {
				gemm(false, false, rows, m, n, 1, c.v, n, p.W, m, 0, c.actH, m)
				gemm(false, true, rows, n, m, 1, c.h, m, p.W, m, 0, c.actV, n)
			}
		})
	}
}
