package hamiltonian

import "math"

// Series evaluation of the Gaussian formula.
//
// With G(x; V) = E[log cosh(x + √V Z)], the per-unit term of the Gaussian
// formula for a set S is a signed 2ᵏ-point difference of G(·; V_a − δ),
// δ = Σ_(i∈S) w_ia². Both steps are operators in ∂ = d/dx: the difference
// is Π_i sinh(w_i ∂) (its generating function is Π_i sinh(t w_i)) and the
// variance deficit is the backward heat flow exp(−δ∂²/2). Hence
//
//	J_(S,a) = Π_(i∈S) [sinh(w_ia ∂) e^(−w_ia² ∂²/2)] G(θ_a; V_a)
//	        = Σ_m P_m(w) G^(m)(θ_a; V_a),
//
// with the per-site series sinh(z) e^(−z²/2) = Σ α_m z^m (odd m) and P the
// truncated product of Σ α_m w_i^m ∂^m over the sites. The derivatives
// G^(m) are computed once per hidden unit, so a set costs a few hundred
// flops instead of 2ᵏ integrals. Terms fall off like ρ^m,
// ρ = max_(i∈S) |w_ia| / √V_a; the series is used when ρ ≤ seriesRho and
// truncated where ρ^(m−k) < 1e−15, otherwise the set falls back to
// quadrature. Both paths compute the same quantity (tested to 1e−10).

const (
	// seriesMaxDeg is the highest derivative order tabulated.
	seriesMaxDeg = 40
	// seriesRho is the largest ρ for which the series is used.
	seriesRho = 0.3
)

// seriesAlpha holds α_m, the Taylor coefficients of sinh(z) e^(−z²/2).
var seriesAlpha = func() [seriesMaxDeg + 1]float64 {
	var sh, ex, out [seriesMaxDeg + 1]float64
	fact := 1.0
	for m := 0; m <= seriesMaxDeg; m++ {
		if m > 0 {
			fact *= float64(m)
		}
		if m%2 == 1 {
			sh[m] = 1 / fact
		}
	}
	c := 1.0 // (−1/2)ⁿ/n!
	for n := 0; 2*n <= seriesMaxDeg; n++ {
		if n > 0 {
			c *= -0.5 / float64(n)
		}
		ex[2*n] = c
	}
	for i := range sh {
		for j := 0; i+j <= seriesMaxDeg; j++ {
			out[i+j] += sh[i] * ex[j]
		}
	}
	return out
}()

// unitDerivs returns G^(m)(θ; V) for m = 0..seriesMaxDeg using the split of
// log cosh (see smoother): the smooth part A_s, s² = c² + V, has
// A_s' = erf(θ/(s√2)) and A_s^(m) = 2(−1)^m s^(−(m−2)) He_(m−2)(θ/s) φ_s(θ)
// for m ≥ 2; the localised part is a trapezoid sum against Gaussian
// derivatives, ∂_θ^m φ_σ(y − θ) = σ^(−m) He_m((y−θ)/σ) φ_σ(y − θ). Requires
// σ = √V ≥ 2h (the trapezoid regime).
func (q *smoother) unitDerivs(theta, v float64) []float64 {
	g := make([]float64, seriesMaxDeg+1)
	sigma := math.Sqrt(v)
	s := math.Sqrt(smoothWidth*smoothWidth + v)

	// Smooth part.
	g[0] = meanAbs(theta, s) - math.Ln2
	g[1] = math.Erf(theta / (s * math.Sqrt2))
	u := theta / s
	phi := math.Exp(-u*u/2) / (s * math.Sqrt(2*math.Pi))
	hePrev, he := 0.0, 1.0 // He_(m−3), He_(m−2) at u
	for m := 2; m <= seriesMaxDeg; m++ {
		if m > 2 {
			hePrev, he = he, u*he-float64(m-3)*hePrev
		}
		sign := 1.0
		if m%2 == 1 {
			sign = -1
		}
		g[m] = 2 * sign * math.Pow(s, -float64(m-2)) * he * phi
	}

	// Localised part.
	lo := max(int(math.Ceil((theta-tailZ*sigma)/q.h))+q.half, 0)
	hi := min(int(math.Floor((theta+tailZ*sigma)/q.h))+q.half, len(q.b)-1)
	acc := make([]float64, seriesMaxDeg+1)
	for k := lo; k <= hi; k++ {
		z := (float64(k-q.half)*q.h - theta) / sigma
		wgt := q.b[k] * math.Exp(-z*z/2)
		p0, p1 := 1.0, z
		acc[0] += wgt
		acc[1] += wgt * z
		for m := 2; m <= seriesMaxDeg; m++ {
			p0, p1 = p1, z*p1-float64(m-1)*p0
			acc[m] += wgt * p1
		}
	}
	norm := q.h / (sigma * math.Sqrt(2*math.Pi))
	for m := range acc {
		g[m] += acc[m] * norm * math.Pow(sigma, -float64(m))
	}
	return g
}

// seriesExtra returns how many degrees past the leading one the series
// needs for ρ (ρ^extra ≤ 1e−15), or −1 when ρ > seriesRho.
func seriesExtra(rho float64) int {
	if rho > seriesRho {
		return -1
	}
	if rho <= 1e-15 {
		return 1
	}
	return int(math.Ceil(15 / -math.Log10(rho)))
}

// seriesDegree returns the truncation degree for order k and extra, or −1
// when the series is not to be used.
func seriesDegree(extra, k int) int {
	if extra < 0 || k+extra > seriesMaxDeg {
		return -1
	}
	return k + extra
}

// seriesSet returns Σ_m P_m(w) g[m] for the weights w of a set, truncated
// at degree d; poly and tmp are scratch of length ≥ d+1. Orders 1 and 2
// (fields and pairs, the bulk of the work) have direct sums.
func seriesSet(w []float64, g []float64, d int, poly, tmp []float64) float64 {
	switch len(w) {
	case 1:
		return oddSeries(w[0], g, 0, d)
	case 2:
		// Σ_(m1 odd) α_m1 w_i^m1 Σ_(m2 odd) α_m2 w_j^m2 g[m1+m2].
		var s float64
		p, w2 := w[0], w[0]*w[0]
		for m1 := 1; m1 < d; m1 += 2 {
			s += seriesAlpha[m1] * p * oddSeries(w[1], g, m1, d)
			p *= w2
		}
		return s
	}
	return seriesPoly(w, g, d, poly, tmp)
}

// oddSeries returns Σ_(odd m, off+m ≤ d) α_m w^m g[off+m].
func oddSeries(w float64, g []float64, off, d int) float64 {
	var s float64
	p, w2 := w, w*w
	for m := 1; off+m <= d; m += 2 {
		s += seriesAlpha[m] * p * g[off+m]
		p *= w2
	}
	return s
}

// seriesPoly is seriesSet for any order: the product polynomial is built
// site by site, dropping degrees above d.
func seriesPoly(w []float64, g []float64, d int, poly, tmp []float64) float64 {
	poly, tmp = poly[:d+1], tmp[:d+1]
	clear(poly)
	poly[0] = 1
	deg := 0 // lowest nonzero degree; nonzero degrees share its parity
	for _, wi := range w {
		clear(tmp)
		for i := deg; i <= d; i += 2 {
			if poly[i] == 0 {
				continue
			}
			p := wi
			for m := 1; i+m <= d; m += 2 {
				tmp[i+m] += poly[i] * seriesAlpha[m] * p
				p *= wi * wi
			}
		}
		poly, tmp = tmp, poly
		deg++
	}
	var s float64
	for m := deg; m <= d; m += 2 {
		s += poly[m] * g[m]
	}
	return s
}
