package rbm

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestProductTNAgainstNaive checks the split product against the naive
// triple loop for 1, 2, 3 and 4 parts in float64 (tolerance 1e−12 per
// inner-dimension row, as in TestGemmAgainstNaive).
func TestProductTNAgainstNaive(t *testing.T) {
	seen := map[int]bool{}
	for _, s := range [][3]int{{5, 3, 20}, {70, 211, 100}, {100, 67, 1000}, {131, 67, 1000},
		{805, 23, 200}} {
		m, n, k := s[0], s[1], s[2]
		r := rand.New(rand.NewPCG(uint64(m), uint64(k)))
		a, b := randSlice[float64](r, k*m), randSlice[float64](r, k*n)
		c := randSlice[float64](r, m*n) // overwritten
		want := make([]float64, m*n)
		naiveGemm(true, false, m, n, k, 1, a, m, b, n, 0, want, n)
		productTN(m, n, k, a, b, c)
		parts := splitParts(m, m*n*k)
		seen[parts] = true
		for i := range c {
			if math.Abs(c[i]-want[i]) > 1e-12*float64(k) {
				t.Fatalf("%v (%d parts): C[%d] = %v, want %v", s, parts, i, c[i], want[i])
			}
		}
	}
	for _, p := range []int{1, 2, 3, 4} {
		if !seen[p] {
			t.Errorf("no case with %d parts", p)
		}
	}
}

// TestProductTNIndependentOfGOMAXPROCS checks that the split product is
// the same bit for bit at GOMAXPROCS 1 and 2 (float32, 4 parts, panels of
// gemmSerial).
func TestProductTNIndependentOfGOMAXPROCS(t *testing.T) {
	const m, n, k = 150, 230, 200
	r := rand.New(rand.NewPCG(3, 4))
	a, b := randSlice[float32](r, k*m), randSlice[float32](r, k*n)
	if p := splitParts(m, m*n*k); p != 4 {
		t.Fatalf("%d parts, want 4", p)
	}
	run := func(procs int) []float32 {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		c := make([]float32, m*n)
		productTN(m, n, k, a, b, c)
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
