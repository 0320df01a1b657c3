package hamiltonian

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// gaussHermite returns the n nodes z_k (increasing) and weights ω_k of the
// Gauss–Hermite rule for the standard normal density,
//
//	E[f(Z)] ≈ Σ_k ω_k f(z_k),  Z ~ N(0, 1),  Σ_k ω_k = 1,
//
// exact for polynomials of degree ≤ 2n−1. Nodes start as the eigenvalues
// of the Jacobi matrix of the probabilists' Hermite polynomials (zero
// diagonal, off-diagonal √k; Golub–Welsch) and are polished by Newton steps
// on the orthonormal recurrence p_(k+1) = (z p_k − √k p_(k−1))/√(k+1);
// weights are ω_k = 1/(n p_(n−1)(z_k)²), accurate even in the far tails.
// It panics if n < 1.
//
// References: Golub, Welsch, Calculation of Gauss quadrature rules,
// Math. Comp. 23, 221 (1969).
func gaussHermite(n int) (z, w []float64) {
	if n < 1 {
		panic(fmt.Sprintf("hamiltonian: gaussHermite: n = %d", n))
	}
	jac := mat.NewSymDense(n, nil)
	for k := 1; k < n; k++ {
		jac.SetSym(k-1, k, math.Sqrt(float64(k)))
	}
	var eig mat.EigenSym
	if !eig.Factorize(jac, false) {
		panic("hamiltonian: gaussHermite: eigen decomposition failed")
	}
	z = eig.Values(nil)
	slices.Sort(z)
	w = make([]float64, n)
	for k := range z {
		for it := 0; it < 3; it++ {
			pn, pn1 := hermiteOrthonormal(n, z[k])
			// p_n' = √n p_(n−1).
			z[k] -= pn / (math.Sqrt(float64(n)) * pn1)
		}
		_, pn1 := hermiteOrthonormal(n, z[k])
		w[k] = 1 / (float64(n) * pn1 * pn1)
	}
	return z, w
}

// hermiteOrthonormal returns p_n(x) and p_(n−1)(x), with p_k = He_k/√(k!)
// the probabilists' Hermite polynomials normalised under N(0, 1).
func hermiteOrthonormal(n int, x float64) (pn, pn1 float64) {
	prev, cur := 0.0, 1.0
	for k := 0; k < n; k++ {
		next := (x*cur - math.Sqrt(float64(k))*prev) / math.Sqrt(float64(k+1))
		prev, cur = cur, next
	}
	return cur, prev
}

// meanAbs returns A_s(x) = E|x + sZ| = s√(2/π) exp(−x²/2s²) + x erf(x/(s√2))
// for Z ~ N(0, 1) and s > 0.
func meanAbs(x, s float64) float64 {
	u := x / s
	return s*math.Sqrt(2/math.Pi)*math.Exp(-u*u/2) + x*math.Erf(u/math.Sqrt2)
}

// Constants of the split trapezoid rule.
const (
	// smoothWidth is c in the split log cosh y = A_c(y) − log 2 + b(y).
	smoothWidth = 1.0
	// tailZ is the half-width, in standard deviations, of the Gaussian
	// window kept (exp(−tailZ²/2) ≈ 2e−16).
	tailZ = 8.5
	// tailY bounds |y| where b is tabulated (|b(y)| ≤ e^(−2|y|) ≈ 2e−16).
	tailY = 18.0
	// restart is how many nodes the Gaussian recurrence runs between two
	// direct evaluations of q (bounds its rounding to ~restart·nodes ulp).
	restart = 32
)

// splitLogCosh returns b(y) = log cosh y + log 2 − A_c(y): an analytic
// function in the strip |Im y| < π/2 that decays like e^(−2|y|).
func splitLogCosh(y float64) float64 {
	return logCosh(y) + math.Ln2 - meanAbs(y, smoothWidth)
}

// trapTable tabulates f on the grid y_k = (k − half)·h, |y_k| ≤ tailY.
func trapTable(f func(float64) float64, h float64) []float64 {
	half := int(math.Ceil(tailY / h))
	t := make([]float64, 2*half+1)
	for k := range t {
		t[k] = f(float64(k-half) * h)
	}
	return t
}
