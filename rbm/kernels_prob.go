package rbm

// Hidden probabilities of the gradient, p(h_a = 1 | v) = σ(c_a + Σ_i v_i W_ia)
// for every row of a minibatch or of the chains, spread over goroutines by
// parts of the rows: splitParts parts (at most 4, of at least 32 rows, one
// for small products), so that a BLAS multiplies W in a few large
// products. Each part
// writes only its own rows and the parts depend only on the number of
// rows, so the result does not depend on GOMAXPROCS. In float32 the
// sigmoid is sigmoidRow32 (exp32, a few float32 ulps); in float64 it is
// the float64 sigmoid.

// hiddenProbsTo writes p(h=1|v) for v rows×N into dst (rows×M): the
// product vᵀW and the sigmoid of each part of the rows on one goroutine.
func hiddenProbsTo[T Float](dst []T, p *Params[T], v []T) {
	runTasks(hiddenProbTasks(dst, p, v))
}

// hiddenProbTasks returns the work of hiddenProbsTo as one task per part
// of the rows.
func hiddenProbTasks[T Float](dst []T, p *Params[T], v []T) tasks {
	rows := len(v) / p.N
	mustLen(len(v), rows*p.N, "v")
	mustLen(len(dst), rows*p.M, "dst")
	parts := splitParts(rows, rows*p.N*p.M)
	return tasks{parts, func(k int) {
		lo, hi := k*rows/parts, (k+1)*rows/parts
		out := dst[lo*p.M : hi*p.M]
		gemmSerial(false, false, hi-lo, p.M, p.N, 1, v[lo*p.N:], p.N, p.W, p.M, 0, out, p.M)
		sigmoidRowsTo(out, out, p.C)
	}}
}

// sigmoidWork is the cost of one sigmoid in multiply-adds, for splitParts.
const sigmoidWork = 32

// hiddenProbsFromActTo writes σ(c + act) for act rows×M (vᵀW, no bias)
// into dst; dst may be act.
func hiddenProbsFromActTo[T Float](dst []T, p *Params[T], act []T) {
	rows := len(act) / p.M
	mustLen(len(dst), rows*p.M, "dst")
	parts := splitParts(rows, rows*p.M*sigmoidWork)
	parallelFor(parts, func(k int) {
		lo, hi := k*rows/parts*p.M, (k+1)*rows/parts*p.M
		sigmoidRowsTo(dst[lo:hi], act[lo:hi], p.C)
	})
}

// sigmoidRowsTo sets dst_ra = σ(x_ra + bias_a) for x rows×len(bias); dst
// may be x.
func sigmoidRowsTo[T Float](dst, x, bias []T) {
	m := len(bias)
	if d, ok := any(dst).([]float32); ok {
		x, b := any(x).([]float32), any(bias).([]float32)
		for r := 0; r+m <= len(d); r += m {
			sigmoidRow32(d[r:r+m], x[r:r+m], b, 1, 1)
		}
		return
	}
	for r := 0; r+m <= len(dst); r += m {
		xr, dr := x[r:r+m], dst[r:r+m]
		for a, c := range bias {
			dr[a] = T(sigmoid(float64(xr[a]) + float64(c)))
		}
	}
}
