package ising

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// TestIntegratedTimeAR1 checks τ_int on AR(1) series x_t = ρ x_{t−1} + ε_t,
// whose exact value is (1+ρ)/(1−ρ) (sum of the geometric autocorrelation
// ρ^t). Tolerance: 4 standard deviations of Sokal's estimate,
// τ·√(2(2M+1)/n), plus the truncated tail 2ρ^{M+1}/(1−ρ).
func TestIntegratedTimeAR1(t *testing.T) {
	const n = 1 << 20
	for _, rho := range []float64{0, 0.5, 0.9, 0.97} {
		rng := rand.New(rand.NewPCG(uint64(rho*100), 3))
		x := make([]float64, n)
		x[0] = rng.NormFloat64() / math.Sqrt(1-rho*rho) // stationary start
		for i := 1; i < n; i++ {
			x[i] = rho*x[i-1] + rng.NormFloat64()
		}
		want := (1 + rho) / (1 - rho)
		tau, m, err := IntegratedTime(x, 0)
		if err != nil {
			t.Fatal(err)
		}
		tol := 4*want*math.Sqrt(2*float64(2*m+1)/n) + 2*math.Pow(rho, float64(m+1))/(1-rho)
		t.Logf("ρ=%v: τ = %.4f (exact %.4f, window %d, tol %.4f)", rho, tau, want, m, tol)
		if math.Abs(tau-want) > tol {
			t.Errorf("ρ=%v: τ = %v, want %v ± %v", rho, tau, want, tol)
		}
	}
}

func TestIntegratedTimeEdgeCases(t *testing.T) {
	tau, m, err := IntegratedTime([]float64{2, 2, 2, 2, 2, 2}, 0)
	if err != nil || tau != 1 || m != 0 {
		t.Errorf("constant series: τ = %v, M = %d, err %v; want 1, 0, nil", tau, m, err)
	}
	// a slowly varying ramp has no window shorter than half its length
	x := make([]float64, 100)
	for i := range x {
		x[i] = float64(i)
	}
	var we *WindowError
	if _, _, err := IntegratedTime(x, 0); !errors.As(err, &we) {
		t.Errorf("ramp: err = %v, want *WindowError", err)
	}
}

func TestAutocorrelationDirect(t *testing.T) {
	// FFT result against the defining sum on a short series.
	x := []float64{1, 3, -2, 0.5, 4, -1, 2, 2, -3}
	rho := Autocorrelation(x)
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	cov := func(lag int) float64 {
		var c float64
		for u := 0; u+lag < len(x); u++ {
			c += (x[u] - mean) * (x[u+lag] - mean)
		}
		return c
	}
	for lag := range x {
		if want := cov(lag) / cov(0); math.Abs(rho[lag]-want) > 1e-12 {
			t.Errorf("ρ(%d) = %v, want %v", lag, rho[lag], want)
		}
	}
}

func TestMeanErrorAR1(t *testing.T) {
	// Var(x) = 1/(1−ρ²) for unit innovations, so the error of the mean of n
	// values is √(τ/(n(1−ρ²))). Tolerance 10%: the estimate of τ has a
	// relative error √(2(2M+1)/n) ≈ 4.5% (M ≈ 6τ = 54), halved in √τ, so 10%
	// is over 4 standard deviations.
	const n, rho = 1 << 16, 0.8
	rng := rand.New(rand.NewPCG(9, 9))
	x := make([]float64, n)
	for i := 1; i < n; i++ {
		x[i] = rho*x[i-1] + rng.NormFloat64()
	}
	_, se, err := MeanError(x, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := math.Sqrt((1 + rho) / (1 - rho) / (n * (1 - rho*rho)))
	if math.Abs(se/want-1) > 0.1 {
		t.Fatalf("standard error %v, want %v within 10%%", se, want)
	}
}
