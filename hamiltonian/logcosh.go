package hamiltonian

import "math"

// The Gauss–Hermite branch of the quadrature (units with σ_a below the
// switch, where the series does not converge) spends nearly all its time
// in log cosh, one exponential and one logarithm per node. logCoshTab
// replaces both with a table of local Taylor expansions of
//
//	f(t) = log(1 + e^(−t)),   t = 2|y| ≥ 0,   log cosh y = |y| + f(2|y|) − log 2,
//
// on the nodes t_k = k/tabScale. With s = 1/(1 + e^t) the derivatives are
// polynomials in s:
//
//	f'  = −s
//	f'' = s(1−s)
//	f''' = −s(1−s)(1−2s)
//	f⁽⁴⁾ = s(1−s)(1 − 6s + 6s²)
//	f⁽⁵⁾ = −s(1−s)(1−2s)(1 − 12s + 12s²)
//
// and |f⁽⁶⁾| ≤ 1, so with |t − t_k| ≤ 1/(2·tabScale) the degree-5
// expansion is off by at most (1/128)⁶/720 ≈ 3e−16. Beyond tabMax,
// f(t) < e^(−tabMax) ≈ 2e−17 and is dropped.
const (
	tabScale = 64
	tabMax   = 38.0
	tabDeg   = 5
)

// logCoshCoef holds, per node, f⁽ᵐ⁾(t_k)/m! for m = 0…tabDeg.
var logCoshCoef = buildLogCoshTable()

func buildLogCoshTable() [][tabDeg + 1]float64 {
	n := int(tabMax*tabScale) + 1
	tab := make([][tabDeg + 1]float64, n)
	for k := range tab {
		t := float64(k) / tabScale
		s := 1 / (1 + math.Exp(t))
		u := s * (1 - s)
		tab[k] = [tabDeg + 1]float64{
			math.Log1p(math.Exp(-t)),
			-s,
			u / 2,
			-u * (1 - 2*s) / 6,
			u * (1 - 6*s + 6*s*s) / 24,
			-u * (1 - 2*s) * (1 - 12*s + 12*s*s) / 120,
		}
	}
	return tab
}

// logCoshTab returns log cosh y to within ~1e−15 absolute, several times
// faster than logCosh.
func logCoshTab(y float64) float64 {
	a := math.Abs(y)
	t := 2 * a
	if !(t < tabMax) { // also NaN, which falls through to logCosh
		return logCosh(y)
	}
	k := int(t*tabScale + 0.5)
	d := t - float64(k)/tabScale
	c := &logCoshCoef[k]
	f := c[0] + d*(c[1]+d*(c[2]+d*(c[3]+d*(c[4]+d*c[5]))))
	return a + f - math.Ln2
}
