package rbm

import (
	"math"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestExp32 compares exp32 with math.Exp over its whole range; the bound
// is 4 float32 ulps (2^−21 relative), the accuracy its doc promises.
func TestExp32(t *testing.T) {
	const tol = 0x1p-21
	worst := 0.0
	for x := -87.0; x <= 88; x += 0.0137 {
		got, want := float64(exp32(float32(x))), math.Exp(float64(float32(x)))
		if e := math.Abs(got-want) / want; e > worst {
			worst = e
		}
	}
	if worst > tol {
		t.Errorf("exp32: worst relative error %.3g > %.3g", worst, tol)
	}
	if exp32(-1000) < 0 || exp32(-1000) > 1e-37 || math.IsInf(float64(exp32(1000)), 0) {
		t.Errorf("exp32 clamps: exp32(−1000) = %v, exp32(1000) = %v", exp32(-1000), exp32(1000))
	}
}

// TestSigmoidRow32 compares the float32 conditional probabilities with the
// float64 sigmoid to 1e−6 absolute, at both tails included.
func TestSigmoidRow32(t *testing.T) {
	const n, tol = 401, 1e-6
	x, bias, q := make([]float32, n), make([]float32, n), make([]float32, n)
	for j := range x {
		x[j], bias[j] = float32(j-n/2)/4, 0.25
	}
	sigmoidRow32(q, x, bias, 2, 2)
	for j := range q {
		want := sigmoid(2*float64(x[j]) + 0.5)
		if d := math.Abs(float64(q[j]) - want); d > tol || math.IsNaN(float64(q[j])) {
			t.Errorf("σ(%v): float32 %v, float64 %v", 2*x[j]+0.5, q[j], want)
		}
	}
}

// TestBit32 checks the integer comparison against u < q at its edges.
func TestBit32(t *testing.T) {
	cases := []struct {
		r    uint64
		q    float32
		want uint64
	}{
		{0, 0, 0}, {0, 1, 1}, {0xffffffff, 1, 1}, {0xffffffff, 0.5, 0},
		{0x7fffffff, 0.5, 1}, {0x80000000, 0.5, 0}, {0, 0x1p-32, 1}, {1, 0x1p-32, 0},
	}
	for _, c := range cases {
		if got := bit32(c.r, c.q); got != c.want {
			t.Errorf("bit32(%#x, %v) = %d, want %d", c.r, c.q, got, c.want)
		}
	}
}

// TestGibbsStepsEqualsSteps checks that k fused steps give bit for bit the
// states of k single steps (both precisions, ten blocks in groups of
// two, two replicas), at GOMAXPROCS 1 and 2.
func TestGibbsStepsEqualsSteps(t *testing.T) {
	testGibbsSteps[float32](t)
	testGibbsSteps[float64](t)
}

func testGibbsSteps[T Float](t *testing.T) {
	p := randomParams[T](13, 6, Ising, 0.5, 3)
	temps := []temp{{0.5, 0.5}, {1, 1}}
	run := func(procs int, fused bool) []T {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		c := newChains[T](p.N, p.M, 300, 2, Ising, 9, purposeSample)
		c.randomize()
		if fused {
			c.gibbsSteps(p, temps, 7)
		} else {
			for range 7 {
				c.gibbs(p, temps)
			}
		}
		return append(append(c.v, c.h...), c.actH...)
	}
	a := run(1, false)
	for _, procs := range []int{1, 2} {
		b := run(procs, true)
		for k := range a {
			if a[k] != b[k] {
				t.Fatalf("GOMAXPROCS %d: value %d differs: %v vs %v", procs, k, a[k], b[k])
			}
		}
	}
}

// TestGroupedProductsKeepDraws checks that grouping chain blocks into one
// product (10 blocks in groups of 2) leaves every draw as it is when each
// block multiplies alone. With gonum both give the same products bit for
// bit, so the states must agree exactly; gonum is installed for the test.
func TestGroupedProductsKeepDraws(t *testing.T) {
	old32, old64 := blas32.Implementation(), blas64.Implementation()
	blas32.Use(gonum.Implementation{})
	blas64.Use(gonum.Implementation{})
	defer func() { blas32.Use(old32); blas64.Use(old64) }()
	p := randomParams[float32](40, 90, Binary, 0.3, 4)
	a := newChains[float32](p.N, p.M, 300, 2, Binary, 3, purposeSample)
	b := newChains[float32](p.N, p.M, 300, 2, Binary, 3, purposeSample)
	if g := a.groupSize(); g < 2 {
		t.Fatalf("group size %d: the test needs groups of several blocks", g)
	}
	a.randomize()
	b.randomize()
	temps := []temp{{0.5, 0.5}, {1, 1}}
	a.gibbsSteps(p, temps, 4)
	for range 4 {
		for k := range b.rngs {
			b.groupProduct(p, k, k+1, true, false)
			b.sampleHidden(p, k, temps)
			b.groupProduct(p, k, k+1, true, true)
			b.sampleVisible(p, k, temps)
		}
	}
	for k := range b.rngs {
		b.groupProduct(p, k, k+1, true, false)
	}
	x, y := append(append(a.v, a.h...), a.actH...), append(append(b.v, b.h...), b.actH...)
	for k := range x {
		if math.Float32bits(x[k]) != math.Float32bits(y[k]) {
			t.Fatalf("value %d: %v grouped, %v block by block", k, x[k], y[k])
		}
	}
}

// TestSigmoidRow32MatchesScalar checks that sigmoidRow32 (the AVX2 loop in
// builds with GOEXPERIMENT=simd, the scalar loop otherwise) gives the bits
// of the scalar loop, over inputs from −200 to 200 (both clamps of exp32
// included) and a row length that leaves a scalar tail.
func TestSigmoidRow32MatchesScalar(t *testing.T) {
	const n = 4003
	x, bias := make([]float32, n), make([]float32, n)
	for j := range x {
		x[j] = float32(j-n/2) / 10
		bias[j] = float32(j%13-6) / 7
	}
	for _, s := range [][2]float32{{1, 1}, {2, 0.5}, {-0.3, 2}} {
		got, want := make([]float32, n), make([]float32, n)
		sigmoidRow32(got, x, bias, s[0], s[1])
		sigmoidRow32Scalar(want, x, bias, s[0], s[1])
		for j := range got {
			if math.Float32bits(got[j]) != math.Float32bits(want[j]) {
				t.Fatalf("%s kernel, sw=%v sb=%v: q[%d] = %v, scalar %v", elementwiseKernel(),
					s[0], s[1], j, got[j], want[j])
			}
		}
	}
	t.Logf("kernel: %s", elementwiseKernel())
}
