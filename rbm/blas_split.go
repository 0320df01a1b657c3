package rbm

// Weight-gradient product split over the rows of the result.
//
// The weight gradient is a product C = Aᵀ·B of a k×m and a k×n matrix
// whose inner dimension k is the minibatch and the chains together.
// gonum's Gemm with a transposed A does not gain from a second thread, and
// a single-threaded OpenBLAS uses one core, so the rows of C (the visible
// units) are cut into P contiguous parts that run on their own
// goroutines:
//
//	C[rows_p] = (A[:, rows_p])ᵀ·B,   rows_p = [⌊p·m/P⌋, ⌊(p+1)·m/P⌋)
//
// Each element of C is summed over the whole of k inside one call, so no
// partial sums are added afterwards, and P depends only on the sizes (see
// splitParts): the result is the same at any GOMAXPROCS.

// Limits of the split: at most maxSplit parts, each of at least
// minSplitRows rows, none for products of fewer than minSplitWork
// multiply-adds (starting goroutines costs more than it saves).
const (
	maxSplit     = 4
	minSplitRows = 32
	minSplitWork = 1 << 20
)

// splitParts returns the number of parts for rows rows of a product of
// work multiply-adds.
func splitParts(rows, work int) int {
	if work < minSplitWork {
		return 1
	}
	return max(1, min(maxSplit, rows/minSplitRows))
}

// productTN sets C = Aᵀ·B with A k×m, B k×n and C m×n, all row-major and
// contiguous, in splitParts(m, m·n·k) parts over the rows of C.
func productTN[T Float](m, n, k int, a, b, c []T) {
	mustLen(len(a), k*m, "A")
	mustLen(len(b), k*n, "B")
	mustLen(len(c), m*n, "C")
	parts := splitParts(m, m*n*k)
	if parts == 1 {
		gemm(true, false, m, n, k, 1, a, m, b, n, 0, c, n)
		return
	}
	parallelFor(parts, func(p int) {
		lo, hi := p*m/parts, (p+1)*m/parts
		gemmSerial(true, false, hi-lo, n, k, 1, a[lo:], m, b, n, 0, c[lo*n:], n)
	})
}
