package main

import (
	"math/rand/v2"
	"runtime"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// floorSeconds is the least wall time over which the floor job averages
// each of its timings.
const floorSeconds = 0.5

// rateShape is the m×k·k×n sgemm whose throughput the floor job reports
// for the Machine section: 1000 chains × 784 visible · 784 × 500 hidden.
var rateShape = [3]int{1000, 784, 500}

// product is one float32 matrix product C = op(A)·op(B), C m×n row-major,
// op(A) m×k, op(B) k×n.
type product struct {
	transA, transB bool
	m, n, k        int
	a, b, c        []float32
	lda, ldb, ldc  int
}

// flops returns the product's floating-point operations, 2·m·n·k.
func (p product) flops() float64 { return 2 * float64(p.m) * float64(p.n) * float64(p.k) }

// rows computes rows [lo,hi) of C with one sgemm call. Rows of op(A) are
// rows of A, or columns of A when it is transposed.
func (p product) rows(lo, hi int) {
	off := lo * p.lda
	if p.transA {
		off = lo
	}
	blas32.Implementation().Sgemm(trans(p.transA), trans(p.transB), hi-lo, p.n, p.k, 1,
		p.a[off:], p.lda, p.b, p.ldb, 0, p.c[lo*p.ldc:], p.ldc)
}

// split computes C as parts calls on parts goroutines, each on a
// contiguous share of C's rows.
func (p product) split(parts int) {
	if p.m == 0 {
		return
	}
	size := (p.m + parts - 1) / parts
	onCores((p.m+size-1)/size, func(i int) { p.rows(i*size, min((i+1)*size, p.m)) })
}

func trans(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// updateProducts returns the matrix products of one PCD-1 update of an
// RBM with n visible and m hidden units on a minibatch of b rows and c
// persistent chains, as spinfer's trainer and scikit-learn's BernoulliRBM
// compute them, filled with 0/1 states and N(0, 0.1²) weights:
//
//	positive phase   (b×n)·(n×m)            p(h|v) of the minibatch
//	chains           (c×m)·(n×m)ᵀ           the input of v ~ p(v|h)
//	                 (c×n)·(n×m)            the input of h ~ p(h|v)
//	weight gradient  (b+c×n)ᵀ·(b+c×m)       data and model rows stacked
//
// (2b + 3c)·n·m multiply-adds, 5·b·n·m when c = b.
func updateProducts(b, c, n, m int) []product {
	r := rand.New(rand.NewPCG(5, 6))
	bits := func(k int) []float32 {
		x := make([]float32, k)
		for i := range x {
			x[i] = float32(r.IntN(2))
		}
		return x
	}
	w := make([]float32, n*m)
	for i := range w {
		w[i] = float32(r.NormFloat64() * 0.1)
	}
	va, ma := bits((b+c)*n), bits((b+c)*m) // data rows first, then the chains
	vc, hc := va[b*n:], ma[b*m:]
	return []product{
		{m: b, n: m, k: n, a: va, lda: n, b: w, ldb: m, c: make([]float32, b*m), ldc: m},
		{transB: true, m: c, n: n, k: m, a: hc, lda: m, b: w, ldb: m,
			c: make([]float32, c*n), ldc: n},
		{m: c, n: m, k: n, a: vc, lda: n, b: w, ldb: m, c: make([]float32, c*m), ldc: m},
		{transA: true, m: n, n: m, k: b + c, a: va, lda: n, b: ma, ldb: m,
			c: make([]float32, n*m), ldc: m},
	}
}

// totalFlops sums the products' FLOPs.
func totalFlops(ps []product) float64 {
	var f float64
	for _, p := range ps {
		f += p.flops()
	}
	return f
}

// timeRounds calls f once untimed, then until at least minSec seconds
// have passed, and returns the seconds per call.
func timeRounds(minSec float64, f func()) float64 {
	f()
	t0 := time.Now()
	for n := 1; ; n++ {
		f()
		if sec := time.Since(t0).Seconds(); sec >= minSec {
			return sec / float64(n)
		}
	}
}

// workFloor times the bare matrix products of one PCD-1 update of the
// workload (chains = batch): the products one after the other, each cut
// into one sgemm call per core (GOMAXPROCS) on its share of the rows and
// computed concurrently, and, for small shapes where that costs more
// than it saves, each as one call on one core. Seconds is the faster of
// the two, per update. It also reports the sgemm throughput of the
// rateShape product on one core and cut over all cores.
func workFloor(j Job) (Measurement, error) {
	w := j.Workload
	_, n, err := loadData(w.Name)
	if err != nil {
		return Measurement{}, err
	}
	cores := runtime.GOMAXPROCS(0)
	ps := updateProducts(w.Batch, w.Batch, n, w.Hidden)
	run := func(parts int) func() {
		return func() {
			for _, p := range ps {
				p.split(parts)
			}
		}
	}
	split := timeRounds(floorSeconds, run(cores))
	serial := timeRounds(floorSeconds, run(1))
	rate := updateProducts(rateShape[0], rateShape[0], rateShape[1], rateShape[2])[0]
	one := timeRounds(floorSeconds/2, func() { rate.split(1) })
	all := timeRounds(floorSeconds/2, func() { rate.split(cores) })
	return Measurement{Seconds: min(split, serial), Count: 1, Values: map[string]float64{
		"n": float64(n), "flops": totalFlops(ps), "split_s": split, "serial_s": serial,
		"cores": float64(cores), "sgemm1_gflops": rate.flops() / one / 1e9,
		"sgemm_all_gflops": rate.flops() / all / 1e9,
	}}, nil
}
