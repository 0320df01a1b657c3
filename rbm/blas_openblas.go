//go:build openblas && cgo

package rbm

/*
#cgo LDFLAGS: -lopenblas
char *openblas_get_config(void);
int openblas_get_num_threads(void);
void openblas_set_num_threads(int);
*/
import "C"

import (
	"os"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"
)

// Built with the `openblas` tag, the package routes every float32 and
// float64 product to OpenBLAS through gonum's cgo BLAS binding. OpenBLAS
// is set to one thread unless the user chose a count with one of its
// environment variables: spinfer already spreads its products over
// goroutines (chain blocks, gradient batch blocks), and two layers of
// threads oversubscribe the cores. See docs/benchmarks.md, "Backends".
func init() {
	blas32.Use(netlib.Implementation{})
	blas64.Use(netlib.Implementation{})
	if !threadsFromEnv() {
		C.openblas_set_num_threads(1)
	}
	openblasInfo = func() (int, string) {
		return int(C.openblas_get_num_threads()), C.GoString(C.openblas_get_config())
	}
	setOpenBLASThreads = func(n int) { C.openblas_set_num_threads(C.int(n)) }
	isOpenBLAS = func(impl any) bool {
		switch impl.(type) {
		case netlib.Implementation, *netlib.Implementation:
			return true
		}
		return false
	}
}

// threadsFromEnv reports whether the user set OpenBLAS's thread count
// through the environment.
func threadsFromEnv() bool {
	for _, k := range []string{"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"} {
		if os.Getenv(k) != "" {
			return true
		}
	}
	return false
}
