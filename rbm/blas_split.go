package rbm

// Weight-gradient product split over the batch.
//
// The weight gradient is a product Aᵀ·B of a k×m and a k×n matrix whose
// inner dimension k is the minibatch (or the chains). gonum's Gemm with a
// transposed A does not gain from a second thread, and a single-threaded
// OpenBLAS uses one core, so the batch is cut into P contiguous parts that
// run on their own goroutines:
//
//	C = α·Σ_p A_pᵀ·B_p + β·C,     A_p, B_p = rows [⌊p·k/P⌋, ⌊(p+1)·k/P⌋)
//
// Part 0 accumulates into C itself; parts 1…P−1 write scratch matrices
// that are then added to C in the order p = 1, 2, …, P−1. P depends only
// on the sizes (see splitParts), so the sum is rounded the same way at
// any GOMAXPROCS.

// Limits of the split: at most maxSplit parts, each of at least
// minSplitRows rows, none for products of fewer than minSplitWork
// multiply-adds (starting goroutines costs more than it saves), and rows
// of C added in chunks of reduceRows.
const (
	maxSplit     = 4
	minSplitRows = 32
	minSplitWork = 1 << 20
	reduceRows   = 64
)

// splitTN computes C = α·Aᵀ·B + β·C with A k×m, B k×n and C m×n, all
// row-major and contiguous. It keeps the scratch matrices of the parts
// between calls; the zero value is ready to use and not safe for
// concurrent use.
type splitTN[T Float] struct {
	scratch []T
}

// splitParts returns the number of parts for k rows of a product of work
// multiply-adds.
func splitParts(k, work int) int {
	if work < minSplitWork {
		return 1
	}
	return max(1, min(maxSplit, k/minSplitRows))
}

// product sets C = α·Aᵀ·B + β·C (A k×m, B k×n, C m×n).
func (s *splitTN[T]) product(m, n, k int, alpha T, a, b []T, beta T, c []T) {
	parts := splitParts(k, m*n*k)
	if parts == 1 {
		gemm(true, false, m, n, k, alpha, a, m, b, n, beta, c, n)
		return
	}
	size := m * n
	s.scratch = grow(s.scratch, (parts-1)*size)

	// partial products, one goroutine per part
	parallelFor(parts, func(p int) {
		lo, hi := p*k/parts, (p+1)*k/parts
		dst, bt := c, beta
		if p > 0 {
			dst, bt = s.scratch[(p-1)*size:p*size], 0
		}
		gemmSerial(true, false, m, n, hi-lo, alpha, a[lo*m:], m, b[lo*n:], n, bt, dst, n)
	})

	// reduction in part order, chunks of rows of C in parallel
	parallelFor(blocks(m, reduceRows), func(r int) {
		lo, hi := r*reduceRows*n, min((r+1)*reduceRows, m)*n
		for p := 1; p < parts; p++ {
			addTo(c[lo:hi], s.scratch[(p-1)*size+lo:(p-1)*size+hi])
		}
	})
}

// addTo sets dst += x.
func addTo[T Float](dst, x []T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] += x[i]
	}
}
