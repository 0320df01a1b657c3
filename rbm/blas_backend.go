package rbm

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// Backend describes the BLAS that performs the package's matrix products,
// as found at run time (see [CurrentBackend]).
type Backend struct {
	// Name is "gonum" for the pure-Go products, "openblas" for the cgo
	// OpenBLAS of the `openblas` build tag, or the Go type of any other
	// implementation installed with blas32.Use / blas64.Use.
	Name string
	// Threads is the number of threads OpenBLAS uses inside one product;
	// 0 for gonum, whose products use up to GOMAXPROCS goroutines.
	Threads int
	// Config is OpenBLAS's build description (openblas_get_config:
	// version, target core, threading model); empty for gonum.
	Config string
}

// String returns a one-line description, e.g. "gonum (pure Go)" or
// "openblas (1 thread; OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen
// MAX_THREADS=64)".
func (b Backend) String() string {
	switch b.Name {
	case "gonum":
		return "gonum (pure Go)"
	case "openblas":
		unit := "threads"
		if b.Threads == 1 {
			unit = "thread"
		}
		return fmt.Sprintf("openblas (%d %s; %s)", b.Threads, unit, strings.TrimSpace(b.Config))
	}
	return b.Name
}

// openblasInfo reports OpenBLAS's thread count and configuration; it is
// set only in builds with the `openblas` tag (blas_openblas.go).
var openblasInfo func() (threads int, config string)

// setOpenBLASThreads sets OpenBLAS's thread count; it is set only in
// builds with the `openblas` tag (used by benchmarks).
var setOpenBLASThreads func(n int)

// isOpenBLAS reports whether a BLAS implementation is the cgo OpenBLAS; it
// is set only in builds with the `openblas` tag.
var isOpenBLAS func(impl any) bool

// CurrentBackend returns the BLAS behind the float32 products (the
// training precision). When the float64 products use a different
// implementation, Name lists both as "float32 name / float64 name".
func CurrentBackend() Backend {
	b32 := backendOf(blas32.Implementation())
	b64 := backendOf(blas64.Implementation())
	if b64.Name != b32.Name {
		b32.Name += " / " + b64.Name
	}
	return b32
}

// backendOf names one implementation.
func backendOf(impl any) Backend {
	switch {
	case isGonum(impl):
		return Backend{Name: "gonum"}
	case isOpenBLAS != nil && isOpenBLAS(impl):
		threads, config := openblasInfo()
		return Backend{Name: "openblas", Threads: threads, Config: config}
	}
	return Backend{Name: fmt.Sprintf("%T", impl)}
}

func isGonum(impl any) bool {
	switch impl.(type) {
	case gonum.Implementation, *gonum.Implementation:
		return true
	}
	return false
}

// ElementwiseKernel names the loop that computes the sigmoids of the Gibbs
// sampler and of the gradient in float32: "avx2" in builds with
// GOEXPERIMENT=simd on a CPU with AVX2, "scalar" otherwise. Both give the
// same bits.
func ElementwiseKernel() string { return elementwiseKernel() }
