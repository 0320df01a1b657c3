package baselines

import (
	"math"
	"slices"
)

// siteObjective is −ℓ_i of [PseudoLikelihood] for one site i, with
// parameters x = (h_i, J_ij for j ≠ i in increasing j). It caches the last
// evaluation: gonum asks for the value and the gradient at the same point.
type siteObjective struct {
	s      Samples
	w      []float64
	i      int
	lambda float64

	lastX []float64
	f     float64
	g     []float64
}

func (o *siteObjective) value(x []float64) float64 {
	o.evaluate(x)
	return o.f
}

func (o *siteObjective) grad(dst, x []float64) {
	o.evaluate(x)
	copy(dst, o.g)
}

// evaluate computes
//
//	f = −Σ_r w_r log σ(a_r) + λ Σ_j J_ij²,   a_r = 2 s_ri (h_i + Σ_{j≠i} J_ij s_rj),
//
// and its gradient, with log σ(a) = −softplus(−a) computed stably.
func (o *siteObjective) evaluate(x []float64) {
	if o.g != nil && slices.Equal(x, o.lastX) {
		return
	}
	n, i := o.s.N, o.i
	o.lastX = append(o.lastX[:0], x...)
	if o.g == nil {
		o.g = make([]float64, len(x))
	}
	clear(o.g)
	o.f = 0
	h, j := x[0], x[1:]
	for r, wr := range o.w {
		if wr == 0 {
			continue
		}
		row := o.s.Spins[r*n : (r+1)*n]
		si := float64(row[i])

		// local field from the other spins
		f := h
		for k, v := range row[:i] {
			f += j[k] * float64(v)
		}
		for k, v := range row[i+1:] {
			f += j[i+k] * float64(v)
		}
		a := 2 * si * f
		o.f += wr * softplus(-a)

		// d(−log σ(a))/da = −(1 − σ(a)) = −σ(−a)
		c := -wr * 2 * si * sigmoid(-a)
		o.g[0] += c
		for k, v := range row[:i] {
			o.g[1+k] += c * float64(v)
		}
		for k, v := range row[i+1:] {
			o.g[1+i+k] += c * float64(v)
		}
	}

	// penalty on the couplings
	for k, v := range j {
		o.f += o.lambda * v * v
		o.g[1+k] += 2 * o.lambda * v
	}
}

// maxGrad returns the largest absolute gradient entry at x.
func (o *siteObjective) maxGrad(x []float64) float64 {
	o.evaluate(x)
	m := 0.0
	for _, v := range o.g {
		m = max(m, math.Abs(v))
	}
	return m
}

// softplus returns log(1 + eˣ) without overflow.
func softplus(x float64) float64 {
	return max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

// sigmoid returns 1/(1 + e^{−x}) without overflow.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}
