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
	vd, md     []T // data: centred v (B×N) and mh − h̄ (B×M)
	vm, mm     []T // model: centred v (n×N) and weighted mh − h̄ (n×M)
	meanVd     []float64
	meanMd     []float64
	meanVm     []float64
	meanMm     []float64
	wrow       []T
	tn         splitTN[T] // ∇W products, split over the rows
}

func newGradient[T Float](n, m int) *gradient[T] {
	return &gradient[T]{n: n, m: m,
		gW: make([]T, n*m), gb: make([]T, n), gc: make([]T, m),
		vbar: make([]T, n), hbar: make([]T, m),
		meanVd: make([]float64, n), meanMd: make([]float64, m),
		meanVm: make([]float64, n), meanMm: make([]float64, m),
	}
}

// compute sets the gradient. vData is B×N; vModel is nm×N with actModel =
// vModelᵀW (nm×M, no bias); weights are the normalised model weights (nil
// for uniform).
func (g *gradient[T]) compute(p *Params[T], vData []T, vModel, actModel []T,
	weights []float64, centred bool) {
	bs, nm := len(vData)/g.n, len(vModel)/g.n
	g.vd, g.md = grow(g.vd, bs*g.n), grow(g.md, bs*g.m)
	g.vm, g.mm = grow(g.vm, nm*g.n), grow(g.mm, nm*g.m)

	// positive phase: mh of the data and the centres
	hiddenProbsTo(g.md, p, vData)
	colMeans(g.meanVd, vData, nil, g.n)
	colMeans(g.meanMd, g.md, nil, g.m)
	g.setCentres(p.Visible, centred)

	// negative phase: mh from the chains' final visible state
	hiddenProbsFromActTo(g.mm, p, actModel)
	colMeans(g.meanVm, vModel, weights, g.n)
	colMeans(g.meanMm, g.mm, weights, g.m)

	// ∇W from the centred products of both phases
	centre(g.vd, vData, g.vbar, nil)
	centre(g.md, g.md, g.hbar, nil)
	centre(g.vm, vModel, g.vbar, nil)
	g.wrow = rowWeightsTo(grow(g.wrow, nm), weights)
	centre(g.mm, g.mm, g.hbar, g.wrow)
	g.tn.product(g.n, g.m, bs, T(1/float64(bs)), g.vd, g.md, 0, g.gW)
	g.tn.product(g.n, g.m, nm, -1, g.vm, g.mm, 1, g.gW)

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

// biases sets ∇b = ⟨v⟩_d − ⟨v⟩_m − ∇W h̄ and ∇c = ⟨mh⟩_d − ⟨mh⟩_m − ∇Wᵀ v̄.
func (g *gradient[T]) biases() {
	for i := range g.n {
		s := g.meanVd[i] - g.meanVm[i]
		for a, w := range g.gW[i*g.m : (i+1)*g.m] {
			s -= float64(w) * float64(g.hbar[a])
		}
		g.gb[i] = T(s)
	}
	for a := range g.m {
		s := g.meanMd[a] - g.meanMm[a]
		for i := range g.n {
			s -= float64(g.gW[i*g.m+a]) * float64(g.vbar[i])
		}
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

// centre sets dst_rj = (x_rj − mu_j)·w_r for x rows×len(mu); w nil is 1.
func centre[T Float](dst, x, mu []T, w []T) {
	width := len(mu)
	for r := range len(x) / width {
		s := T(1)
		if w != nil {
			s = w[r]
		}
		xr, dr := x[r*width:(r+1)*width], dst[r*width:(r+1)*width]
		for j := range xr {
			dr[j] = (xr[j] - mu[j]) * s
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
