package rbm

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// These tests run in both builds (plain and -tags openblas): they compare
// whatever backend is installed with a naive product and with gonum.

// TestBackendMatchesBuild checks that CurrentBackend names the backend the
// build installs (wantBackend comes from a build-tagged test file).
func TestBackendMatchesBuild(t *testing.T) {
	b := CurrentBackend()
	if b.Name != wantBackend {
		t.Fatalf("CurrentBackend() = %+v, want name %q", b, wantBackend)
	}
	if b.Name == "openblas" && (b.Threads < 1 || !strings.Contains(b.Config, "OpenBLAS")) {
		t.Errorf("OpenBLAS backend without threads or configuration: %+v", b)
	}
	t.Logf("backend: %v", b)
}

// naiveGemm is the triple loop C = α·op(A)·op(B) + β·C in float64, the
// reference of TestGemmAgainstNaive.
func naiveGemm(ta, tb bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	for i := range m {
		for j := range n {
			s := 0.0
			for l := range k {
				ai, bi := i*lda+l, l*ldb+j
				if ta {
					ai = l*lda + i
				}
				if tb {
					bi = j*ldb + l
				}
				s += a[ai] * b[bi]
			}
			c[i*ldc+j] = alpha*s + beta*c[i*ldc+j]
		}
	}
}

// TestGemmAgainstNaive checks gemm for every transposition on odd sizes
// (below and above gonum's 64-wide blocks, strides wider than rows) in
// both precisions. Tolerances: 1e−12 relative to Σ|a||b| in float64,
// 2e−6 in float32 (k ≤ 131 roundings of 6e−8).
func TestGemmAgainstNaive(t *testing.T) {
	for _, s := range [][3]int{{1, 1, 1}, {7, 5, 3}, {37, 23, 65}, {131, 67, 129}} {
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				checkGemm[float64](t, s, ta, tb, 1e-12)
				checkGemm[float32](t, s, ta, tb, 2e-6)
			}
		}
	}
}

func checkGemm[T Float](t *testing.T, s [3]int, ta, tb bool, tol float64) {
	t.Helper()
	m, n, k := s[0], s[1], s[2]
	r := rand.New(rand.NewPCG(uint64(m), uint64(k)))
	lda, ldb, ldc := k+3, n+2, n+1
	ar, ac := m, k // rows and columns of A as stored
	if ta {
		lda, ar, ac = m+3, k, m
	}
	br := k
	if tb {
		ldb, br = k+2, n
	}
	a, b := randSlice[T](r, (ar-1)*lda+ac), randSlice[T](r, (br-1)*ldb+ldb)
	c := randSlice[T](r, (m-1)*ldc+n)
	want := make([]float64, len(c))
	for i, x := range c {
		want[i] = float64(x)
	}
	naiveGemm(ta, tb, m, n, k, 0.75, toF64(a), lda, toF64(b), ldb, -0.5, want, ldc)
	gemm(ta, tb, m, n, k, 0.75, a, lda, b, ldb, -0.5, c, ldc)
	for i := range m {
		for j := range n {
			got, w := float64(c[i*ldc+j]), want[i*ldc+j]
			if math.Abs(got-w) > tol*float64(k+1) {
				t.Fatalf("%T %v ta=%v tb=%v: C[%d,%d] = %v, want %v", got, s, ta, tb, i, j, got, w)
			}
		}
	}
}

func randSlice[T Float](r *rand.Rand, n int) []T {
	x := make([]T, n)
	for i := range x {
		x[i] = T(2*r.Float64() - 1)
	}
	return x
}

func toF64[T Float](x []T) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// TestTrainingAgreesWithGonum trains the same float64 PCD run with the
// installed backend and with pure-Go gonum and compares the parameters.
// With gonum installed both runs are identical; with OpenBLAS the products
// round differently (≈1e−16 relative), which a draw can only notice when
// its uniform falls within that distance of the probability: among the
// ~10⁶ draws here, that has a chance of order 1e−9. Tolerance 1e−9.
func TestTrainingAgreesWithGonum(t *testing.T) {
	data := randomData(300, 19)
	cfg := Config{Hidden: 11, Batch: 50, Chains: 70, K: 3, Updates: 120, Seed: 5}
	installed := train64(t, cfg, data)
	old32, old64 := blas32.Implementation(), blas64.Implementation()
	blas32.Use(gonum.Implementation{})
	blas64.Use(gonum.Implementation{})
	defer func() { blas32.Use(old32); blas64.Use(old64) }()
	pure := train64(t, cfg, data)
	worst := 0.0
	for k := range pure {
		if !approx(installed[k], pure[k], 1e-9) {
			t.Fatalf("parameter %d: %v with %T, %v with gonum", k, installed[k], old64, pure[k])
		}
		worst = max(worst, math.Abs(installed[k]-pure[k]))
	}
	t.Logf("%T against gonum: largest parameter difference %.3g", old64, worst)
}

// train64 runs cfg in float64 and returns W, b and c concatenated.
func train64(t *testing.T, cfg Config, data []int8) []float64 {
	t.Helper()
	tr, err := NewTrainer[float64](cfg, data, len(data)/300, Binary)
	if err != nil {
		t.Fatal(err)
	}
	for !tr.Done() {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	p := tr.Params()
	return append(append(p.W, p.B...), p.C...)
}

// TestAsumSeesNonFinite checks the quick test of checkFinite: the BLAS
// sum of |x| is NaN or ±Inf when one entry is NaN or ±Inf, wherever it
// sits (the head, the middle and the tail of the vector kernels), in both
// precisions; and finite otherwise.
func TestAsumSeesNonFinite(t *testing.T) {
	testAsumNonFinite[float32](t)
	testAsumNonFinite[float64](t)
}

func testAsumNonFinite[T Float](t *testing.T) {
	for _, n := range []int{1, 7, 33, 1000} {
		x := make([]T, n)
		for k := range x {
			x[k] = T(k%5) - 2
		}
		if s := asum(x); math.IsNaN(s) || math.IsInf(s, 0) {
			t.Fatalf("n=%d: finite entries, asum %v", n, s)
		}
		for _, pos := range []int{0, n / 2, n - 1} {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				y := append([]T(nil), x...)
				y[pos] = T(bad)
				if s := asum(y); !math.IsNaN(s) && !math.IsInf(s, 0) {
					t.Errorf("%T n=%d: %v at %d, asum %v", x[0], n, bad, pos, s)
				}
			}
		}
	}
}
