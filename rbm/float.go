package rbm

import "math"

// Float is the element type of parameters and chain matrices. Training runs
// in float32 by default; float64 is available through the same code.
type Float interface{ ~float32 | ~float64 }

// softplus returns log(1+eˣ) without overflow:
//
//	softplus(x) = max(x,0) + log1p(exp(−|x|))
func softplus(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

// log2cosh returns log(2 cosh x) without overflow:
//
//	log(2 cosh x) = |x| + log1p(exp(−2|x|))
func log2cosh(x float64) float64 {
	a := math.Abs(x)
	return a + math.Log1p(math.Exp(-2*a))
}

// sigmoid returns σ(x) = 1/(1+e^{−x}); it is exact at both tails (e^{−x}
// overflowing to +Inf gives 0, not NaN).
func sigmoid(x float64) float64 {
	return 1 / (1 + math.Exp(-x))
}

// logSumExp returns log Σ exp(x_i), or −Inf for an empty slice.
func logSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	if math.IsInf(m, 0) {
		return m
	}
	var s float64
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// clip returns x limited to [lo, hi].
func clip(x, lo, hi float64) float64 {
	return math.Min(math.Max(x, lo), hi)
}
