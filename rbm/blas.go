package rbm

import (
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// This file is the only place where matrix products reach a BLAS. The
// products go through blas32.Implementation and blas64.Implementation, so a
// faster backend installed with blas32.Use or blas64.Use (for instance a cgo
// OpenBLAS) is picked up without touching the rest of the package.

// gemm computes C = alpha·op(A)·op(B) + beta·C on row-major matrices, where
// op(X) is Xᵀ when the matching flag is set. op(A) is m×k, op(B) is k×n and
// C is m×n; lda, ldb and ldc are the row strides.
func gemm[T Float](transA, transB bool, m, n, k int, alpha T, a []T, lda int,
	b []T, ldb int, beta T, c []T, ldc int) {
	ta, tb := trans(transA), trans(transB)
	switch unsafe.Sizeof(alpha) {
	case 4:
		blas32.Implementation().Sgemm(ta, tb, m, n, k, float32(alpha), as32(a), lda,
			as32(b), ldb, float32(beta), as32(c), ldc)
	case 8:
		blas64.Implementation().Dgemm(ta, tb, m, n, k, float64(alpha), as64(a), lda,
			as64(b), ldb, float64(beta), as64(c), ldc)
	default:
		panic("rbm: unsupported element size")
	}
}

// gemvT computes y = alpha·Aᵀ·x + beta·y for A rows×cols row-major
// (stride cols), x of rows and y of cols entries.
func gemvT[T Float](rows, cols int, alpha T, a, x []T, beta T, y []T) {
	switch unsafe.Sizeof(alpha) {
	case 4:
		blas32.Implementation().Sgemv(blas.Trans, rows, cols, float32(alpha), as32(a), cols,
			as32(x), 1, float32(beta), as32(y), 1)
	case 8:
		blas64.Implementation().Dgemv(blas.Trans, rows, cols, float64(alpha), as64(a), cols,
			as64(x), 1, float64(beta), as64(y), 1)
	default:
		panic("rbm: unsupported element size")
	}
}

// ger computes A += alpha·x·yᵀ for A len(x)×len(y) row-major (stride
// len(y)).
func ger[T Float](alpha T, x, y, a []T) {
	m, n := len(x), len(y)
	switch unsafe.Sizeof(alpha) {
	case 4:
		blas32.Implementation().Sger(m, n, float32(alpha), as32(x), 1, as32(y), 1, as32(a), n)
	default:
		blas64.Implementation().Dger(m, n, float64(alpha), as64(x), 1, as64(y), 1, as64(a), n)
	}
}

// axpyBLAS computes y += alpha·x.
func axpyBLAS[T Float](alpha T, x, y []T) {
	switch unsafe.Sizeof(alpha) {
	case 4:
		blas32.Implementation().Saxpy(len(x), float32(alpha), as32(x), 1, as32(y), 1)
	default:
		blas64.Implementation().Daxpy(len(x), float64(alpha), as64(x), 1, as64(y), 1)
	}
}

// asum returns Σ |x_k| in the precision of T: NaN or ±Inf when some x_k
// is (or when the sum overflows).
func asum[T Float](x []T) float64 {
	var z T
	if unsafe.Sizeof(z) == 4 {
		return float64(blas32.Implementation().Sasum(len(x), as32(x), 1))
	}
	return blas64.Implementation().Dasum(len(x), as64(x), 1)
}

// Panel sizes of gemmSerial: gonum runs a product on its own goroutines
// when C spans at least 4 of its 64×64 blocks, so panels of one block
// row by three block columns keep every call on the calling goroutine.
const (
	panelRows = 64
	panelCols = 3 * 64
)

// gemmSerial is gemm computed on the calling goroutine, for callers that
// already run on one goroutine per block of work. With gonum it tiles C
// into panels small enough for gonum's serial path (no goroutines, no
// allocation); each element of C is accumulated in the same order as by
// one gemm call, so the result is identical. Other backends get one call.
func gemmSerial[T Float](transA, transB bool, m, n, k int, alpha T, a []T, lda int,
	b []T, ldb int, beta T, c []T, ldc int) {
	if !gonumBackend[T]() || blocks(m, panelRows)*blocks(n, panelRows) < 4 {
		gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	for i := 0; i < m; i += panelRows {
		ai := i * lda // first row of op(A) = row i of A, or column i of Aᵀ
		if transA {
			ai = i
		}
		for j := 0; j < n; j += panelCols {
			bj := j // first column of op(B)
			if transB {
				bj = j * ldb
			}
			gemm(transA, transB, min(panelRows, m-i), min(panelCols, n-j), k, alpha,
				a[ai:], lda, b[bj:], ldb, beta, c[i*ldc+j:], ldc)
		}
	}
}

// gonumBackend reports whether the products of T run on pure-Go gonum.
func gonumBackend[T Float]() bool {
	var x T
	if unsafe.Sizeof(x) == 4 {
		return isGonum(blas32.Implementation())
	}
	return isGonum(blas64.Implementation())
}

func trans(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// as32 reinterprets a slice whose element type has float32 as underlying
// type; the memory layout is identical, so no copy is needed.
func as32[T Float](x []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
}

// as64 is as32 for float64.
func as64[T Float](x []T) []float64 {
	return unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
}
