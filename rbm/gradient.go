package rbm

import "math"

// gradient computes the log-likelihood gradient from a data minibatch and
// a set of (weighted) model configurations. gW is N×M, gb has N entries
// and gc M.
//
// With mh = p(h=1|v), v̄ = ⟨v⟩_data (batch mean, clipped) and
// h̄ = ⟨mh⟩_data (batch mean), the centred gradient is
//
//	∇W = ⟨(v−v̄)(mh−h̄)ᵀ⟩_data − ⟨(v−v̄)(mh−h̄)ᵀ⟩_model
//	∇b = ⟨v⟩_data − ⟨v⟩_model − ∇W h̄
//	∇c = ⟨mh⟩_data − ⟨mh⟩_model − ∇Wᵀ v̄
//
// and the plain gradient is the same with v̄ = 0 and h̄ = 0. Data and
// model terms both use hidden probabilities; in the model term mh is
// computed from the chains' final visible state. Averages are batch means
// (weighted means in the model term).
//
// References: Decelle, Furtlehner, Seoane (NeurIPS 2021); Béreux et al.
// (ICLR 2025) for the centred form used by the field.
type gradient[T Float] struct {
	n, m, bs, nm int
	gW, gb, gc   []T
	vbar, hbar   []T
	// Both phases side by side, data rows first: va holds the visible rows
	// (the minibatch, then the model rows) and ma their hidden
	// probabilities, each row scaled by its weight in its average (1/B for
	// the data, −w_r for the model), so that Σ_r s_r v_r mh_rᵀ is one
	// product, vaᵀ·ma.
	va, ma []T
	ones   []T // B ones
	wrow   []T // model row weights
	colT   []T // scratch of max(N, M) entries
	meanVd []float64
	meanMd []float64
	meanVm []float64
	meanMm []float64
	dh     []T // scratch of finish
}

// newGradient returns the gradient of N visible and M hidden units for a
// minibatch of bs rows and nm model rows.
func newGradient[T Float](n, m, bs, nm int) *gradient[T] {
	g := &gradient[T]{n: n, m: m, bs: bs, nm: nm,
		gW: make([]T, n*m), gb: make([]T, n), gc: make([]T, m),
		vbar: make([]T, n), hbar: make([]T, m),
		va: make([]T, (bs+nm)*n), ma: make([]T, (bs+nm)*m),
		ones: make([]T, bs), wrow: make([]T, nm), colT: make([]T, max(n, m)),
		meanVd: make([]float64, n), meanMd: make([]float64, m),
		meanVm: make([]float64, n), meanMm: make([]float64, m),
		dh: make([]T, m),
	}
	for r := range g.ones {
		g.ones[r] = 1
	}
	return g
}

// dataRows returns the B×N rows that hold the minibatch: the caller
// writes the batch there before compute.
func (g *gradient[T]) dataRows() []T { return g.va[:g.bs*g.n] }

// modelProbs returns the nm×M rows that hold p(h=1|v) of the model rows:
// the caller writes them there before compute, which scales them in
// place.
func (g *gradient[T]) modelProbs() []T { return g.ma[g.bs*g.m:] }

// compute sets the gradient from the minibatch in dataRows, the model
// rows vModel (nm×N) with their p(h=1|v) in modelProbs, and the
// normalised model weights (nil for uniform).
//
// The centred products are not formed: with s_r the row weights (Σ_r s_r
// = S₀, zero up to rounding), δv = Σ_r s_r v_r = ⟨v⟩_d − ⟨v⟩_m and δh =
// ⟨mh⟩_d − ⟨mh⟩_m,
//
//	Σ_r s_r (v_r − v̄)(mh_r − h̄)ᵀ = Σ_r s_r v_r mh_rᵀ − v̄ δhᵀ − δv h̄ᵀ + S₀ v̄ h̄ᵀ
//
// so the product runs on the rows as they are and the centring is a
// rank-two correction of ∇W.
func (g *gradient[T]) compute(p *Params[T], vModel []T, weights []float64, centred bool) {
	runTasks(g.positiveTasks(p))
	g.fromProbs(p, vModel, weights, centred)
}

// positiveTasks returns the positive phase, p(h=1|v) of the minibatch
// into the data rows of ma, as tasks (to share the cores with the chains'
// steps).
func (g *gradient[T]) positiveTasks(p *Params[T]) tasks {
	return hiddenProbTasks(g.ma[:g.bs*g.m], p, g.va[:g.bs*g.n])
}

// fromProbs is compute after the positive phase.
func (g *gradient[T]) fromProbs(p *Params[T], vModel []T, weights []float64, centred bool) {
	bs, nm := g.bs, g.nm
	mustLen(len(vModel), nm*g.n, "vModel")
	vd, vm := g.va[:bs*g.n], g.va[bs*g.n:]
	md, mm := g.ma[:bs*g.m], g.ma[bs*g.m:]
	copy(vm, vModel)

	// means of both phases; centres
	g.wrow = rowWeightsTo(g.wrow, weights)
	g.colMeans(g.meanVd, vd, nil)
	g.colMeans(g.meanMd, md, nil)
	g.colMeans(g.meanVm, vm, g.wrow)
	g.colMeans(g.meanMm, mm, g.wrow)
	g.setCentres(p.Visible, centred)

	// Σ_r s_r v_r mh_rᵀ as one product
	inv := T(1 / float64(bs))
	s0 := float64(bs) * float64(inv)
	for k := range md {
		md[k] *= inv
	}
	for r, w := range g.wrow {
		s0 -= float64(w)
		row := mm[r*g.m : (r+1)*g.m]
		for a := range row {
			row[a] *= -w
		}
	}
	productTN(g.n, g.m, bs+nm, g.va, g.ma, g.gW)

	// centring correction and biases
	g.finish(s0, centred)
}

// colMeans sets dst to the column means of x (rows×width, width N or M),
// weighted by w (rows entries) or, when w is nil, uniform over the rows.
func (g *gradient[T]) colMeans(dst []float64, x []T, w []T) {
	width := len(dst)
	rows := len(x) / width
	y := g.colT[:width]
	if w == nil {
		gemvT(rows, width, T(1/float64(rows)), x, g.ones[:rows], 0, y)
	} else {
		gemvT(rows, width, 1, x, w, 0, y)
	}
	for j, v := range y {
		dst[j] = float64(v)
	}
}

// setCentres sets v̄ (clipped data means) and h̄, or zeros when not centred.
func (g *gradient[T]) setCentres(v Visible, centred bool) {
	lo, hi := 1e-4, 1-1e-4
	if v == Ising {
		lo, hi = -1+2e-4, 1-2e-4
	}
	for i := range g.vbar {
		g.vbar[i] = 0
		if centred {
			g.vbar[i] = T(clip(g.meanVd[i], lo, hi))
		}
	}
	for a := range g.hbar {
		g.hbar[a] = 0
		if centred {
			g.hbar[a] = T(g.meanMd[a])
		}
	}
}

// finish turns the uncentred product in gW into ∇W (the rank-two
// correction of compute, with S₀ = s0) and sets ∇b = δv − ∇W h̄ and
// ∇c = δh − ∇Wᵀ v̄: two rank-one updates and a matrix-vector product of
// the BLAS, and row sums in Go. Only BLAS calls without sums (ger, axpy,
// the transposed gemv, which adds rows) are used: the BLAS sum kernels
// may split a sum by the memory alignment of their operands, and a
// resumed run, with buffers allocated anew, would then round differently.
func (g *gradient[T]) finish(s0 float64, centred bool) {
	dv, dh := g.colT[:g.n], g.dh
	for i := range dv {
		dv[i] = T(g.meanVd[i] - g.meanVm[i])
	}
	for a := range dh {
		dh[a] = T(g.meanMd[a] - g.meanMm[a] - s0*float64(g.hbar[a]))
	}
	copy(g.gb, dv)
	for a := range g.gc {
		g.gc[a] = T(g.meanMd[a] - g.meanMm[a])
	}
	if !centred { // v̄ = h̄ = 0: the product is ∇W
		return
	}
	ger(-1, g.vbar, dh, g.gW)
	ger(-1, dv, g.hbar, g.gW)
	for i := range g.gb {
		g.gb[i] -= dotRow(g.gW[i*g.m:(i+1)*g.m], g.hbar)
	}
	gemvT(g.n, g.m, -1, g.gW, g.vbar, 1, g.gc)
}

// penalise adds −L1·sign(W) − L2·W to ∇W.
func (g *gradient[T]) penalise(p *Params[T], l1, l2 float64) {
	if l1 == 0 && l2 == 0 {
		return
	}
	for k, w := range p.W {
		x := float64(w)
		s := 0.0
		if x > 0 {
			s = 1
		} else if x < 0 {
			s = -1
		}
		g.gW[k] -= T(l1*s + l2*x)
	}
}

// normW returns the Frobenius norm of ∇W.
func (g *gradient[T]) normW() float64 {
	return math.Sqrt(sumSquares(g.gW))
}

// dotRow returns Σ_k x_k y_k in T, summed in four interleaved partial
// sums in a fixed order (len(y) ≥ len(x)).
func dotRow[T Float](x, y []T) T {
	y = y[:len(x)]
	var s0, s1, s2, s3 T
	k := 0
	for ; k+4 <= len(x); k += 4 {
		s0 += x[k] * y[k]
		s1 += x[k+1] * y[k+1]
		s2 += x[k+2] * y[k+2]
		s3 += x[k+3] * y[k+3]
	}
	for ; k < len(x); k++ {
		s0 += x[k] * y[k]
	}
	return (s0 + s1) + (s2 + s3)
}

// sumSquares returns Σ_k x_k² in float64, in four interleaved partial
// sums in a fixed order.
func sumSquares[T Float](x []T) float64 {
	var s0, s1, s2, s3 float64
	k := 0
	for ; k+4 <= len(x); k += 4 {
		a, b, c, d := float64(x[k]), float64(x[k+1]), float64(x[k+2]), float64(x[k+3])
		s0 += a * a
		s1 += b * b
		s2 += c * c
		s3 += d * d
	}
	for ; k < len(x); k++ {
		s0 += float64(x[k]) * float64(x[k])
	}
	return (s0 + s1) + (s2 + s3)
}

// rowWeightsTo sets w to the model-term row weights: the normalised
// weights, or 1/len(w) each when weights is nil, and returns w.
func rowWeightsTo[T Float](w []T, weights []float64) []T {
	n := len(w)
	for r := range w {
		if weights == nil {
			w[r] = T(1 / float64(n))
		} else {
			w[r] = T(weights[r])
		}
	}
	return w
}

// grow returns x resized to n elements, reallocating only when needed.
func grow[T any](x []T, n int) []T {
	if cap(x) < n {
		return make([]T, n)
	}
	return x[:n]
}
