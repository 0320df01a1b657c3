package hamiltonian

import "math"

// smoother evaluates Gaussian expectations G(x; σ) = E[f(x + σZ)],
// Z ~ N(0, 1), of log cosh and of its derivatives, summed over sign
// patterns. Below switchSigma (and always when ghOnly) it uses the
// Gauss–Hermite rule in z. Above it, log cosh is split as
//
//	log cosh y = A_c(y) − log 2 + b(y),   A_c(y) = E|y + cZ'|,
//
// where E[A_c(x + σZ)] = A_√(c²+σ²)(x) in closed form and b is analytic and
// localised (|b| ≲ e^(−2|y|)), so E[b(x + σZ)] = ∫ b(y) φ_σ(y − x) dy is a
// trapezoid sum over a fixed grid in y whose cost does not grow with σ.
// A fixed z rule cannot do this: its spacing in y grows like σ and
// misses the unit-width curvature of log cosh (Gauss–Hermite with 32 nodes
// is off by 3 % at σ = 3). A smoother is read-only once built and safe for
// concurrent use.
type smoother struct {
	ghOnly      bool
	z, wz       []float64 // Gauss–Hermite nodes and weights
	switchSigma float64
	h           float64   // grid step in y
	half        int       // grid index of y = 0
	b           []float64 // b(y_k)
	d3, d4      []float64 // log cosh''' and log cosh'''' on the grid
}

func newSmoother(o *GaussianOptions) *smoother {
	q := &smoother{
		ghOnly:      o.Rule == RuleGaussHermite,
		switchSigma: o.switchSigma(),
		h:           o.step(),
	}
	q.z, q.wz = trimNodes(gaussHermite(o.nodes()))
	q.b = trapTable(splitLogCosh, q.h)
	q.d3 = trapTable(logCosh3, q.h)
	q.d4 = trapTable(logCosh4, q.h)
	q.half = len(q.b) / 2
	return q
}

// negligibleWeight is the Gauss–Hermite weight below which a node is
// dropped: with |log cosh y| ≤ |y| the dropped nodes change an expectation
// by less than 1e−18·(|x| + 15σ) (32 nodes keep 28, 64 keep 44).
const negligibleWeight = 1e-18

func trimNodes(z, w []float64) ([]float64, []float64) {
	var zt, wt []float64
	for k := range z {
		if w[k] >= negligibleWeight {
			zt, wt = append(zt, z[k]), append(wt, w[k])
		}
	}
	return zt, wt
}

// logCosh3 is the third derivative of log cosh: −2 tanh y sech² y.
func logCosh3(y float64) float64 {
	t := math.Tanh(y)
	return -2 * t * (1 - t*t)
}

// logCosh4 is the fourth derivative of log cosh: −2 sech² y (1 − 3 tanh² y).
func logCosh4(y float64) float64 {
	t := math.Tanh(y)
	return -2 * (1 - t*t) * (1 - 3*t*t)
}

// signedLogCosh returns Σ_p sg[p] E[log cosh(xs[p] + σZ)]; scratch needs
// 2·len(xs) entries.
func (q *smoother) signedLogCosh(xs, sg []float64, sigma float64, scratch []float64) float64 {
	if q.ghOnly || sigma < q.switchSigma {
		return q.ghSigned(logCoshTab, xs, sg, sigma)
	}
	s := math.Hypot(smoothWidth, sigma)
	var smooth float64
	for p, x := range xs {
		smooth += sg[p] * (meanAbs(x, s) - math.Ln2)
	}
	return smooth + q.trapSigned(q.b, xs, sg, sigma, scratch)
}

// expectTable returns E[f(x + σZ)] for f = log cosh”' (k = 3) or
// log cosh”” (k = 4).
func (q *smoother) expectDeriv(k int, x, sigma float64) float64 {
	f, tab := logCosh3, q.d3
	if k == 4 {
		f, tab = logCosh4, q.d4
	}
	xs, sg := []float64{x}, []float64{1}
	if q.ghOnly || sigma < q.switchSigma {
		return q.ghSigned(f, xs, sg, sigma)
	}
	var scratch [2]float64
	return q.trapSigned(tab, xs, sg, sigma, scratch[:])
}

// ghSigned returns Σ_p sg[p] Σ_k ω_k f(xs[p] + σ z_k).
func (q *smoother) ghSigned(f func(float64) float64, xs, sg []float64, sigma float64) float64 {
	var total float64
	for p, x := range xs {
		var acc float64
		for k, z := range q.z {
			acc += q.wz[k] * f(x+sigma*z)
		}
		total += sg[p] * acc
	}
	return total
}

// trapSigned returns Σ_p sg[p] ∫ f(y) φ_σ(y − xs[p]) dy by the trapezoid rule
// on the grid of tab (f tabulated, negligible beyond tailY), σ > 0. The
// Gaussian factors follow the recurrence q_(k+1) = q_k r_k,
// r_(k+1) = r_k e^(−h²/σ²), with q restarted from its direct value every
// restart nodes (r's rounding grows only linearly); all patterns advance
// together so their chains overlap in the CPU.
func (q *smoother) trapSigned(tab, xs, sg []float64, sigma float64, scratch []float64) float64 {
	lo, hi := xs[0], xs[0]
	for _, x := range xs[1:] {
		lo, hi = min(lo, x), max(hi, x)
	}
	h := q.h
	k0 := max(int(math.Ceil((lo-tailZ*sigma)/h))+q.half, 0)
	k1 := min(int(math.Floor((hi+tailZ*sigma)/h))+q.half, len(tab)-1)
	qs, rs := scratch[:len(xs)], scratch[len(xs):2*len(xs)]
	inv := 1 / (2 * sigma * sigma)
	c := math.Exp(-h * h / (sigma * sigma))
	y0 := float64(k0-q.half) * h
	for p, x := range xs {
		d := y0 - x
		rs[p] = math.Exp(min(-(2*d*h+h*h)*inv, 700))
	}
	var acc float64
	for k := k0; k <= k1; {
		end := min(k+restart, k1+1)
		y := float64(k-q.half) * h
		for p, x := range xs {
			d := y - x
			qs[p] = math.Exp(-d * d * inv)
		}
		for ; k < end; k++ {
			var t float64
			for p := range qs {
				t += sg[p] * qs[p]
				qs[p] *= rs[p]
				rs[p] *= c
			}
			acc += tab[k] * t
		}
	}
	return acc * h / (sigma * math.Sqrt(2*math.Pi))
}
