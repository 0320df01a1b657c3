package analysis

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// benchSizes is the ladder of rows×N used by the benchmarks; the last is
// the size of the HGD data set.
var benchSizes = []struct{ rows, n int }{{1000, 64}, {5000, 100}, {10000, 805}}

func BenchmarkConnectedPairs(b *testing.B) {
	for _, sz := range benchSizes {
		s := uniformSpins(1, sz.rows, sz.n)
		b.Run(fmt.Sprintf("%dx%d", sz.rows, sz.n), func(b *testing.B) {
			for b.Loop() {
				if _, err := ConnectedPairs(s, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPairsGemm32 is the alternative not taken: the raw pair moments
// SᵀS as one float32 product with gonum's BLAS (S transposed in memory
// first, the faster orientation), for comparison with
// BenchmarkConnectedPairs.
func BenchmarkPairsGemm32(b *testing.B) {
	for _, sz := range benchSizes {
		s := uniformSpins(1, sz.rows, sz.n)
		a := make([]float32, sz.rows*sz.n) // N×rows
		for r := range sz.rows {
			for i := range sz.n {
				a[i*sz.rows+r] = float32(s.Values[r*sz.n+i])
			}
		}
		c := make([]float32, sz.n*sz.n)
		b.Run(fmt.Sprintf("%dx%d", sz.rows, sz.n), func(b *testing.B) {
			for b.Loop() {
				blas32.Implementation().Sgemm(blas.NoTrans, blas.Trans, sz.n, sz.n, sz.rows,
					1, a, sz.rows, a, sz.rows, 0, c, sz.n)
			}
		})
	}
}

func BenchmarkConnectedTriplets(b *testing.B) {
	for _, sz := range benchSizes {
		s := uniformSpins(1, sz.rows, sz.n)
		ts := RandomTriplets(sz.n, DefaultTriplets, 1)
		b.Run(fmt.Sprintf("%dx%d/%d", sz.rows, sz.n, len(ts)), func(b *testing.B) {
			for b.Loop() {
				if _, err := ConnectedTriplets(s, ts, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAdversarialAccuracy(b *testing.B) {
	for _, sz := range benchSizes {
		d, s := uniformSpins(1, sz.rows, sz.n), uniformSpins(2, sz.rows, sz.n)
		b.Run(fmt.Sprintf("%dx%d", sz.rows, sz.n), func(b *testing.B) {
			for b.Loop() {
				if _, err := AdversarialAccuracy(d, s, AAConfig{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkComparePCA(b *testing.B) {
	for _, sz := range benchSizes {
		d, s := uniformSpins(1, sz.rows, sz.n), uniformSpins(2, sz.rows, sz.n)
		b.Run(fmt.Sprintf("%dx%d", sz.rows, sz.n), func(b *testing.B) {
			for b.Loop() {
				if _, err := ComparePCA(d, s, 0, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompareSamples(b *testing.B) {
	for _, sz := range benchSizes {
		d, s := uniformSpins(1, sz.rows, sz.n), uniformSpins(2, sz.rows, sz.n)
		b.Run(fmt.Sprintf("%dx%d", sz.rows, sz.n), func(b *testing.B) {
			for b.Loop() {
				if _, err := CompareSamples(d, s, SampleConfig{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
