package rbm

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestSplitTNAgainstNaive checks the split product against the naive
// triple loop for 1, 3 and 4 parts, with β = 0 and β = 1, in float64 (tolerance
// 1e−12 per inner-dimension row, as in TestGemmAgainstNaive).
func TestSplitTNAgainstNaive(t *testing.T) {
	for _, s := range [][3]int{{5, 3, 20}, {37, 23, 65}, {70, 211, 100}, {131, 67, 1000}} {
		m, n, k := s[0], s[1], s[2]
		r := rand.New(rand.NewPCG(uint64(m), uint64(k)))
		a, b := randSlice[float64](r, k*m), randSlice[float64](r, k*n)
		for _, beta := range []float64{0, 1} {
			c := randSlice[float64](r, m*n)
			want := append([]float64(nil), c...)
			naiveGemm(true, false, m, n, k, -0.5, a, m, b, n, beta, want, n)
			var sp splitTN[float64]
			sp.product(m, n, k, -0.5, a, b, beta, c)
			for i := range c {
				if math.Abs(c[i]-want[i]) > 1e-12*float64(k) {
					t.Fatalf("%v β=%v (%d parts): C[%d] = %v, want %v", s, beta,
						splitParts(k, m*n*k), i, c[i], want[i])
				}
			}
		}
	}
}

// TestSplitTNIndependentOfGOMAXPROCS checks that the split product is the
// same bit for bit at GOMAXPROCS 1 and 2 (float32, 4 parts, several
// reduction chunks, panels of gemmSerial).
func TestSplitTNIndependentOfGOMAXPROCS(t *testing.T) {
	const m, n, k = 150, 230, 200
	r := rand.New(rand.NewPCG(3, 4))
	a, b, c0 := randSlice[float32](r, k*m), randSlice[float32](r, k*n), randSlice[float32](r, m*n)
	run := func(procs int) []float32 {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		c := append([]float32(nil), c0...)
		var sp splitTN[float32]
		sp.product(m, n, k, 0.25, a, b, 1, c)
		return c
	}
	x, y := run(1), run(2)
	for i := range x {
		if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
			t.Fatalf("C[%d]: %v at GOMAXPROCS 1, %v at 2", i, x[i], y[i])
		}
	}
}

// TestGemmSerialEqualsGemm checks that the panels of gemmSerial give the
// bits of one gemm call, for every transposition, on a C of 3×3 panels.
func TestGemmSerialEqualsGemm(t *testing.T) {
	const m, n, k = 2*panelRows + 5, 2*panelCols + 7, 45
	r := rand.New(rand.NewPCG(5, 6))
	for _, ta := range []bool{false, true} {
		for _, tb := range []bool{false, true} {
			lda, ldb := k, n
			if ta {
				lda = m
			}
			if tb {
				ldb = k
			}
			a, b := randSlice[float32](r, m*k), randSlice[float32](r, n*k)
			c1 := randSlice[float32](r, m*n)
			c2 := append([]float32(nil), c1...)
			gemm(ta, tb, m, n, k, 1.5, a, lda, b, ldb, 0.5, c1, n)
			gemmSerial(ta, tb, m, n, k, 1.5, a, lda, b, ldb, 0.5, c2, n)
			for i := range c1 {
				if math.Float32bits(c1[i]) != math.Float32bits(c2[i]) {
					t.Fatalf("ta=%v tb=%v: C[%d] = %v serial, %v in one call", ta, tb, i, c2[i], c1[i])
				}
			}
		}
	}
}
