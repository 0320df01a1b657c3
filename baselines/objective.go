package baselines

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// design is the data as a float64 matrix shared read-only by all sites:
// X is R×N with X_ri = s_ri, and w holds the normalised row weights.
type design struct {
	x blas64.General
	w []float64
}

func newDesign(s Samples) *design {
	r, n := s.Rows(), s.N
	d := &design{w: s.weights(), x: blas64.General{Rows: r, Cols: n, Stride: n,
		Data: make([]float64, r*n)}}
	for k, v := range s.Spins {
		d.x.Data[k] = float64(v)
	}
	return d
}

// siteObjective is −ℓ_i of [PseudoLikelihood] for one site i, with
// parameters p = (h_i, J_ij for j ≠ i in increasing j). It caches the last
// evaluation (gonum asks for the value and the gradient at the same point)
// and owns its scratch buffers: one per worker.
type siteObjective struct {
	d      *design
	i      int
	lambda float64

	lastP []float64
	f     float64
	g     []float64

	theta, gfull []float64 // length N: J_i· with a zero in slot i
	field, coef  []float64 // length R: local fields, then dℓ/dF per row
}

func newSiteObjective(d *design, i int, lambda float64) *siteObjective {
	n, r := d.x.Cols, d.x.Rows
	return &siteObjective{d: d, i: i, lambda: lambda, g: make([]float64, n),
		theta: make([]float64, n), gfull: make([]float64, n),
		field: make([]float64, r), coef: make([]float64, r)}
}

func (o *siteObjective) value(p []float64) float64 {
	o.evaluate(p)
	return o.f
}

func (o *siteObjective) grad(dst, p []float64) {
	o.evaluate(p)
	copy(dst, o.g)
}

// maxGrad returns the largest absolute gradient entry at p.
func (o *siteObjective) maxGrad(p []float64) float64 {
	o.evaluate(p)
	m := 0.0
	for _, v := range o.g {
		m = max(m, math.Abs(v))
	}
	return m
}

// evaluate computes, with F = X θ + h (θ = J_i· with θ_i = 0),
//
//	f = Σ_r w_r softplus(−a_r) + λ Σ_j J_ij²,   a_r = 2 s_ri F_r,
//
// (softplus(−a) = −log σ(a)) and its gradient ∂f/∂J = Xᵀc + 2λJ, ∂f/∂h = Σ c
// with c_r = −2 w_r s_ri σ(−a_r), both products as BLAS matrix-vector calls.
func (o *siteObjective) evaluate(p []float64) {
	if o.lastP != nil && slices.Equal(p, o.lastP) {
		return
	}
	o.lastP = append(o.lastP[:0], p...)
	i, x := o.i, o.d.x

	// local fields F = Xθ + h
	copy(o.theta[:i], p[1:1+i])
	o.theta[i] = 0
	copy(o.theta[i+1:], p[1+i:])
	h := p[0]
	for r := range o.field {
		o.field[r] = h
	}
	blas64.Gemv(blas.NoTrans, 1, x, vec(o.theta), 1, vec(o.field))

	// loss and its derivative per row, one exponential each
	o.f = 0
	var gh float64
	for r, wr := range o.d.w {
		si := x.Data[r*x.Stride+i]
		a := 2 * si * o.field[r]
		e := math.Exp(-math.Abs(a))
		sig := e / (1 + e) // σ(−a) for a ≥ 0
		if a < 0 {
			sig = 1 / (1 + e)
		}
		o.f += wr * (max(-a, 0) + math.Log1p(e))
		o.coef[r] = -2 * wr * si * sig
		gh += o.coef[r]
	}

	// gradient Xᵀc, then the penalty
	blas64.Gemv(blas.Trans, 1, x, vec(o.coef), 0, vec(o.gfull))
	o.g[0] = gh
	copy(o.g[1:1+i], o.gfull[:i])
	copy(o.g[1+i:], o.gfull[i+1:])
	for k, v := range p[1:] {
		o.f += o.lambda * v * v
		o.g[1+k] += 2 * o.lambda * v
	}
}

func vec(x []float64) blas64.Vector { return blas64.Vector{N: len(x), Inc: 1, Data: x} }
