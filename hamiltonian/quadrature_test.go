package hamiltonian

import (
	"math"
	"testing"
)

// TestGaussHermiteKnownRules checks the 2- and 3-node rules against their
// closed forms (nodes ±1, weights ½; nodes 0, ±√3, weights ⅔, ⅙).
func TestGaussHermiteKnownRules(t *testing.T) {
	z, w := gaussHermite(2)
	want := [][2]float64{{-1, 0.5}, {1, 0.5}}
	for k := range want {
		if math.Abs(z[k]-want[k][0]) > 1e-15 || math.Abs(w[k]-want[k][1]) > 1e-15 {
			t.Errorf("n=2 node %d: (%v, %v), want %v", k, z[k], w[k], want[k])
		}
	}
	z, w = gaussHermite(3)
	s3 := math.Sqrt(3)
	want = [][2]float64{{-s3, 1.0 / 6}, {0, 2.0 / 3}, {s3, 1.0 / 6}}
	for k := range want {
		if math.Abs(z[k]-want[k][0]) > 1e-14 || math.Abs(w[k]-want[k][1]) > 1e-15 {
			t.Errorf("n=3 node %d: (%v, %v), want %v", k, z[k], w[k], want[k])
		}
	}
}

// TestGaussHermiteMoments checks E[Z^2j] = (2j−1)!! for 2j ≤ 2n−1, odd
// moments zero and symmetric nodes, for several n.
func TestGaussHermiteMoments(t *testing.T) {
	for _, n := range []int{5, 16, 32, 64} {
		z, w := gaussHermite(n)
		for k := range z {
			if math.Abs(z[k]+z[n-1-k]) > 1e-12*math.Max(1, math.Abs(z[k])) ||
				math.Abs(w[k]-w[n-1-k]) > 1e-12*w[k] {
				t.Errorf("n=%d: node %d not symmetric", n, k)
			}
		}
		dfact := 1.0 // (2j−1)!!
		for j := 0; 2*j <= 2*n-1 && j <= 20; j++ {
			if j > 0 {
				dfact *= float64(2*j - 1)
			}
			var even, odd float64
			for k := range z {
				even += w[k] * math.Pow(z[k], float64(2*j))
				odd += w[k] * math.Pow(z[k], float64(2*j+1))
			}
			if math.Abs(even-dfact) > 1e-11*dfact {
				t.Errorf("n=%d: E[Z^%d] = %.15g, want %v", n, 2*j, even, dfact)
			}
			if math.Abs(odd) > 1e-11*dfact*math.Sqrt(float64(2*j+1)) {
				t.Errorf("n=%d: E[Z^%d] = %g, want 0", n, 2*j+1, odd)
			}
		}
	}
}

// refSigned is the reference Σ_p sg[p] E[log cosh(xs[p] + σZ)]: a trapezoid
// sum in z with step 0.002 over |z| ≤ 12 (the Gaussian-weighted integrand is
// analytic, so the error is far below 1e−15 for σ ≤ 20).
func refSigned(xs, sg []float64, sigma float64) float64 {
	const h, zmax = 0.002, 12.0
	var total float64
	for p, x := range xs {
		var acc float64
		for k := -int(zmax / h); k <= int(zmax/h); k++ {
			z := float64(k) * h
			acc += math.Exp(-z*z/2) * logCosh(x+sigma*z)
		}
		total += sg[p] * acc * h / math.Sqrt(2*math.Pi)
	}
	return total
}

// patterns returns the 2^k arguments θ + Σ σ_i w_i and signs Π σ_i, scaled
// by 2^−k.
func patterns(theta float64, w []float64) (xs, sg []float64) {
	for m := 0; m < 1<<len(w); m++ {
		x, s := theta, 1.0
		for i, wi := range w {
			if m>>i&1 == 1 {
				x, s = x-wi, -s
			} else {
				x += wi
			}
		}
		xs = append(xs, x)
		sg = append(sg, s/float64(int(1)<<len(w)))
	}
	return xs, sg
}

// TestSmootherAccuracy compares the signed pattern sums (orders 1–4) with
// refSigned. The error is scaled by Π|w_i|, the size of a k-th difference
// (J ≈ Π w_i · g^(k)(θ) with |g^(k)| ≤ 4): relative errors of couplings
// that vanish by symmetry (odd orders at θ = 0) would mean nothing.
// Measured maxima: RuleAuto 4e−11 over σ ∈ [0, 20] (the same with the
// switch at 0.4 or 0.5; 3e−9 at 0.3, 1e−6 at 0.25); Gauss–Hermite (32
// nodes) 1.5e−11 for σ ≤ 0.5, but 1e−4 at σ = 1 and 0.3 at σ = 3.
func TestSmootherAccuracy(t *testing.T) {
	ws := [][]float64{{0.05}, {0.05, -0.07}, {0.1, 0.08, -0.12}, {0.2, -0.15, 0.1, 0.12}}
	sigmas := []float64{0, 0.1, 0.25, 0.3, 0.35, 0.4, 0.49, 0.5, 1, 2, 3, 5, 10, 20}
	for _, tc := range []struct {
		rule     Rule
		maxSigma float64
		tol      float64
	}{
		{RuleAuto, 20, 1e-9},
		{RuleGaussHermite, 0.5, 1e-9},
	} {
		q := newSmoother(&GaussianOptions{Rule: tc.rule})
		worst := 0.0
		for _, sigma := range sigmas {
			if sigma > tc.maxSigma {
				continue
			}
			for _, theta := range []float64{0, 0.7, -2.5, 6} {
				for _, w := range ws {
					e := scaledError(q, theta, w, sigma)
					worst = max(worst, e)
					if e > tc.tol {
						t.Errorf("%v σ=%v θ=%v w=%v: scaled error %.2e > %.0e",
							tc.rule, sigma, theta, w, e, tc.tol)
					}
				}
			}
		}
		t.Logf("%v: worst scaled error %.2e for σ ≤ %v", tc.rule, worst, tc.maxSigma)
	}
}

// TestGaussHermiteFailsAtLargeSigma documents why RuleAuto exists: the
// fixed 32-node rule misses the curvature of log cosh once σ ≳ 1.
func TestGaussHermiteFailsAtLargeSigma(t *testing.T) {
	q := newSmoother(&GaussianOptions{Rule: RuleGaussHermite})
	w := []float64{0.05, -0.07}
	if e := scaledError(q, 0.7, w, 3); e < 1e-3 {
		t.Errorf("Gauss–Hermite at σ = 3: scaled error %.2e, expected ≥ 1e−3", e)
	}
}

func scaledError(q *smoother, theta float64, w []float64, sigma float64) float64 {
	xs, sg := patterns(theta, w)
	got := q.signedLogCosh(xs, sg, sigma, make([]float64, 2*len(xs)))
	want := refSigned(xs, sg, sigma)
	scale := 1.0
	for _, wi := range w {
		scale *= math.Abs(wi)
	}
	return math.Abs(got-want) / scale
}

// TestDerivativeExpectations cross-checks the two independent routes to
// E[log cosh^(k)(x + σZ)], k = 3, 4: expectDeriv (trapezoid or
// Gauss–Hermite on the derivative itself) and unitDerivs (closed form of
// the smooth part plus Hermite-weighted sums of the localised part), for
// σ from the switch up; and expectDeriv against a fine z-trapezoid below
// it. Measured worst absolute difference 6e−10, at σ = 0.4 where the grid
// step 0.25 is coarsest against σ (4e−12 at σ = 0.8, 1e−13 at σ = 6); tolerance
// 2e−9. These values only rank the screen's candidates.
func TestDerivativeExpectations(t *testing.T) {
	q := newSmoother(&GaussianOptions{})
	for _, x := range []float64{0, 0.4, -1.3, 3} {
		for _, sigma := range []float64{0.05, 0.2, 0.39, 0.4, 0.8, 2, 6} {
			for _, k := range []int{3, 4} {
				got := q.expectDeriv(k, x, sigma)
				var want float64
				if sigma >= q.switchSigma {
					want = q.unitDerivs(x, sigma*sigma)[k]
				} else {
					f := logCosh3
					if k == 4 {
						f = logCosh4
					}
					const h = 0.002
					for z := -12.0; z <= 12; z += h {
						want += h * math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) * f(x+sigma*z)
					}
				}
				if math.Abs(got-want) > 2e-9 {
					t.Errorf("x=%v σ=%v k=%d: %.15g vs %.15g", x, sigma, k, got, want)
				}
			}
		}
	}
}
