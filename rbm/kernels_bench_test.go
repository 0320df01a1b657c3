package rbm

import "testing"

// BenchmarkDrawRow times the fused sigmoid and Bernoulli draw on a row of
// 64 units, in float32 and float64.
func BenchmarkDrawRow(b *testing.B) {
	const n = 64
	x32, b32, o32 := make([]float32, n), make([]float32, n), make([]float32, n)
	x64, b64, o64 := make([]float64, n), make([]float64, n), make([]float64, n)
	for j := range n {
		x32[j], x64[j] = float32(j-n/2)/8, float64(j-n/2)/8
	}
	rng, q := newStream(1, purposeSample, 0), make([]float32, n)
	b.Run("float32", func(b *testing.B) {
		for range b.N {
			drawRow(o32, x32, b32, 2, 1, 1, true, rng, q)
		}
	})
	b.Run("float64", func(b *testing.B) {
		for range b.N {
			drawRow(o64, x64, b64, 2, 1, 1, true, rng, q)
		}
	})
}

// BenchmarkSigmoidRow32 times the float32 sigmoid of a row of 500 units:
// the loop in use (AVX2 with GOEXPERIMENT=simd) and the scalar loop, side
// by side.
func BenchmarkSigmoidRow32(b *testing.B) {
	const n = 500
	x, bias, q := make([]float32, n), make([]float32, n), make([]float32, n)
	for j := range n {
		x[j] = float32(j-n/2) / 32
	}
	b.Run(elementwiseKernel(), func(b *testing.B) {
		for range b.N {
			sigmoidRow32(q, x, bias, 2, 1)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/unit")
	})
	b.Run("scalar-loop", func(b *testing.B) {
		for range b.N {
			sigmoidRow32Scalar(q, x, bias, 2, 1)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/unit")
	})
}
