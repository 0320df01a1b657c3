package ising

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// DefaultWindow is the default constant c of Sokal's windowing rule.
const DefaultWindow = 6.0

// WindowError reports a series too short for Sokal's windowing rule to
// find a window M < n/2 with M ≥ c·τ(M). Tau is the estimate at M = n/2 − 1.
type WindowError struct {
	Len int
	C   float64
	Tau float64
}

func (e *WindowError) Error() string {
	return fmt.Sprintf("ising: series of length %d too short for window c=%g (τ ≥ %.3g)",
		e.Len, e.C, e.Tau)
}

// Autocorrelation returns the normalised autocorrelation ρ(t), t = 0 …
// len(x)−1, of the series x, with the biased (divide by n) autocovariance
//
//	C(t) = (1/n) Σ_{u=0}^{n−1−t} (x_u − x̄)(x_{u+t} − x̄),   ρ(t) = C(t)/C(0),
//
// computed by FFT with zero padding in O(n log n). A constant series has
// ρ(0) = 1 and ρ(t) = 0 for t > 0.
func Autocorrelation(x []float64) []float64 {
	n := len(x)
	rho := make([]float64, n)
	if n == 0 {
		return rho
	}
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(n)

	// pad to a power of two ≥ 2n so the circular correlation is linear
	m := 1
	for m < 2*n {
		m *= 2
	}
	seq := make([]float64, m)
	var v0 float64
	for i, v := range x {
		seq[i] = v - mean
		v0 += seq[i] * seq[i]
	}
	if v0 == 0 || v0 < 1e-24*float64(n)*mean*mean {
		rho[0] = 1 // constant series
		return rho
	}
	fft := fourier.NewFFT(m)
	coef := fft.Coefficients(nil, seq)
	for k, c := range coef {
		coef[k] = complex(real(c)*real(c)+imag(c)*imag(c), 0)
	}
	fft.Sequence(seq, coef)

	c0 := seq[0]
	for t := range n {
		rho[t] = seq[t] / c0
	}
	return rho
}

// IntegratedTime returns the integrated autocorrelation time of x,
//
//	τ_int = 1 + 2 Σ_{t=1}^{M} ρ(t),
//
// in units of the series' step, with Sokal's automatic window: M is the
// smallest lag with M ≥ c·τ_int(M) (c = 0 means [DefaultWindow]; Sokal
// advises c between about 4 and 10). With this convention an AR(1) process
// x_t = ρ x_{t−1} + ε_t has τ_int = (1+ρ)/(1−ρ), and the variance of the mean
// of n correlated values is τ_int·Var(x)/n. The statistical error of the
// estimate is about τ·√(2(2M+1)/n). A constant series has τ = 1, M = 0.
// When no M < n/2 satisfies the rule, it returns a *WindowError.
//
// References:
//
//	A. D. Sokal, Monte Carlo methods in statistical mechanics: foundations
//	and new algorithms, in Functional Integration (Cargèse 1996), Plenum
//	1997, pp. 131–192, §3.
func IntegratedTime(x []float64, c float64) (tau float64, window int, err error) {
	if c == 0 {
		c = DefaultWindow
	}
	if !(c > 0) {
		panic(fmt.Sprintf("ising: IntegratedTime window constant %v, want > 0", c))
	}
	n := len(x)
	mean, c0 := meanVar(x)
	if c0 == 0 || c0 < 1e-24*mean*mean {
		return 1, 0, nil // constant series
	}

	// short lags by direct sums; the FFT only when the window is long
	var rho []float64
	tau = 1
	for m := 1; m < n/2; m++ {
		if m > directLags && rho == nil {
			rho = Autocorrelation(x)
		}
		r := 0.0
		if rho != nil {
			r = rho[m]
		} else {
			for u := 0; u+m < n; u++ {
				r += (x[u] - mean) * (x[u+m] - mean)
			}
			r /= float64(n) * c0
		}
		tau += 2 * r
		if float64(m) >= c*tau {
			return tau, m, nil
		}
	}
	return tau, 0, &WindowError{Len: n, C: c, Tau: tau}
}

// directLags is the largest lag IntegratedTime sums directly before it
// switches to the FFT.
const directLags = 32

// meanVar returns the mean and the biased (divide by n) variance of x.
func meanVar(x []float64) (mean, v float64) {
	for _, xi := range x {
		mean += xi
	}
	mean /= float64(len(x))
	for _, xi := range x {
		v += (xi - mean) * (xi - mean)
	}
	return mean, v / float64(len(x))
}

// MeanError returns the mean of x and its standard error corrected for
// autocorrelation, √(τ_int·Var(x)/n), with τ_int from [IntegratedTime]
// (window constant c; 0 means default) floored at 1 so that anticorrelated
// series are not credited with more than n independent values.
func MeanError(x []float64, c float64) (mean, stderr float64, err error) {
	tau, _, err := IntegratedTime(x, c)
	if err != nil {
		return 0, 0, err
	}
	n := float64(len(x))
	mean, v := meanVar(x)
	v *= n / (n - 1)
	return mean, math.Sqrt(max(tau, 1) * v / n), nil
}
