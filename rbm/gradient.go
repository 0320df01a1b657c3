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
	n, m       int
	gW, gb, gc []T
	vbar, hbar []T
	// Both phases side by side, data rows first: va holds the centred
	// visible rows, ma the matching centred hidden probabilities scaled by
	// the row's weight in its average (1/B for the data, −w_r for the
	// model), so that ∇W = vaᵀ·ma is one product.
	va, ma []T
	meanVd []float64
	meanMd []float64
	meanVm []float64
	meanMm []float64
	acc    []float64 // scratch of biases
	wrow   []T
}

func newGradient[T Float](n, m int) *gradient[T] {
	return &gradient[T]{n: n, m: m,
		gW: make([]T, n*m), gb: make([]T, n), gc: make([]T, m),
		vbar: make([]T, n), hbar: make([]T, m),
		meanVd: make([]float64, n), meanMd: make([]float64, m),
		meanVm: make([]float64, n), meanMm: make([]float64, m),
		acc: make([]float64, m),
	}
}

// compute sets the gradient. vData is B×N; vModel is nm×N with mhModel =
// p(h=1|vModel) (nm×M); weights are the normalised model weights (nil for
// uniform).
func (g *gradient[T]) compute(p *Params[T], vData []T, vModel, mhModel []T,
	weights []float64, centred bool) {
	bs, nm := len(vData)/g.n, len(vModel)/g.n
	mustLen(len(mhModel), nm*g.m, "mhModel")
	g.va, g.ma = grow(g.va, (bs+nm)*g.n), grow(g.ma, (bs+nm)*g.m)
	vd, vm := g.va[:bs*g.n], g.va[bs*g.n:]
	md, mm := g.ma[:bs*g.m], g.ma[bs*g.m:]

	// positive phase: mh of the data and the centres
	hiddenProbsTo(md, p, vData)
	colMeans(g.meanVd, vData, nil, g.n)
	colMeans(g.meanMd, md, nil, g.m)
	g.setCentres(p.Visible, centred)

	// negative phase
	colMeans(g.meanVm, vModel, weights, g.n)
	colMeans(g.meanMm, mhModel, weights, g.m)

	// ∇W = ⟨(v−v̄)(mh−h̄)ᵀ⟩_data − ⟨(v−v̄)(mh−h̄)ᵀ⟩_model as one product
	centre(vd, vData, g.vbar, nil, 1)
	centre(md, md, g.hbar, nil, T(1/float64(bs)))
	centre(vm, vModel, g.vbar, nil, 1)
	g.wrow = rowWeightsTo(grow(g.wrow, nm), weights)
	centre(mm, mhModel, g.hbar, g.wrow, -1)
	productTN(g.n, g.m, bs+nm, g.va, g.ma, g.gW)

	// biases, with the centring corrections
	g.biases()
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

// biases sets ∇b = ⟨v⟩_d − ⟨v⟩_m − ∇W h̄ and ∇c = ⟨mh⟩_d − ⟨mh⟩_m − ∇Wᵀ v̄,
// reading ∇W row by row.
func (g *gradient[T]) biases() {
	acc := g.acc
	for a := range acc {
		acc[a] = g.meanMd[a] - g.meanMm[a]
	}
	for i := range g.n {
		row := g.gW[i*g.m : (i+1)*g.m]
		s, vb := g.meanVd[i]-g.meanVm[i], float64(g.vbar[i])
		for a, w := range row {
			s -= float64(w) * float64(g.hbar[a])
			acc[a] -= float64(w) * vb
		}
		g.gb[i] = T(s)
	}
	for a, s := range acc {
		g.gc[a] = T(s)
	}
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
	s := 0.0
	for _, x := range g.gW {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

// colMeans sets dst to the (weighted) column means of x (rows×width).
func colMeans[T Float](dst []float64, x []T, weights []float64, width int) {
	rows := len(x) / width
	clear(dst)
	for r := range rows {
		w := 1 / float64(rows)
		if weights != nil {
			w = weights[r]
		}
		for j, v := range x[r*width : (r+1)*width] {
			dst[j] += w * float64(v)
		}
	}
}

// centre sets dst_rj = (x_rj − mu_j)·s_r for x rows×len(mu), with s_r =
// w_r, or s when w is nil; dst may be x.
func centre[T Float](dst, x, mu []T, w []T, s T) {
	width := len(mu)
	for r := range len(x) / width {
		sr := s
		if w != nil {
			sr = w[r] * s
		}
		xr, dr := x[r*width:(r+1)*width], dst[r*width:(r+1)*width]
		for j := range xr {
			dr[j] = (xr[j] - mu[j]) * sr
		}
	}
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
