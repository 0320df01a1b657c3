package rbm

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomParams returns parameters with W ~ N(0, std²), b ~ N(0, 0.5²) and
// c ~ N(0, 0.5²), drawn from a fixed seed.
func randomParams[T Float](n, m int, v Visible, std float64, seed uint64) *Params[T] {
	r := rand.New(rand.NewPCG(seed, 7))
	p := NewParams[T](n, m, v)
	for k := range p.W {
		p.W[k] = T(std * r.NormFloat64())
	}
	for i := range p.B {
		p.B[i] = T(0.5 * r.NormFloat64())
	}
	for a := range p.C {
		p.C[a] = T(0.5 * r.NormFloat64())
	}
	return p
}

// config returns state number idx of n units: unit i is up when bit i of
// idx is set (1 for {0,1} units, +1 for ±1 units) and low otherwise.
func config[T Float](idx, n int, ising bool) []T {
	x := make([]T, n)
	for i := range x {
		x[i] = unit[T](uint64(idx>>i&1), ising)
	}
	return x
}

// stateIndex is the inverse of config.
func stateIndex[T Float](x []T) int {
	idx := 0
	for i, v := range x {
		if v > 0 {
			idx |= 1 << i
		}
	}
	return idx
}

// bruteLogZ sums exp(−E(v,h)) over every joint configuration.
func bruteLogZ(p *Params[float64]) float64 {
	var es []float64
	for iv := range 1 << p.N {
		v := config[float64](iv, p.N, p.Visible == Ising)
		for ih := range 1 << p.M {
			es = append(es, -p.Energy(v, config[float64](ih, p.M, false)))
		}
	}
	return logSumExp(es)
}

// exactVisible returns p(v) for the 2^N visible states (index as config).
func exactVisible(t *testing.T, p *Params[float64]) []float64 {
	t.Helper()
	logZ, err := ExactLogZ(p)
	if err != nil {
		t.Fatal(err)
	}
	pv := make([]float64, 1<<p.N)
	for iv := range pv {
		pv[iv] = math.Exp(-p.FreeEnergy(config[float64](iv, p.N, p.Visible == Ising)) - logZ)
	}
	return pv
}

// totalVariation returns ½ Σ |p − q|.
func totalVariation(p, q []float64) float64 {
	s := 0.0
	for k := range p {
		s += math.Abs(p[k] - q[k])
	}
	return s / 2
}

// histogram returns the empirical distribution of the rows of v (rows×n)
// over the 2^n states.
func histogram[T Float](v []T, n int) []float64 {
	h := make([]float64, 1<<n)
	rows := len(v) / n
	for r := range rows {
		h[stateIndex(v[r*n:(r+1)*n])] += 1 / float64(rows)
	}
	return h
}

// productOfMarginals returns the independent-site distribution with the
// same one-site marginals as p (2^n states), used to show that a TV bound
// separates the right distribution from a plausible wrong one.
func productOfMarginals(p []float64, n int) []float64 {
	up := make([]float64, n)
	for idx, q := range p {
		for i := range n {
			if idx>>i&1 == 1 {
				up[i] += q
			}
		}
	}
	out := make([]float64, len(p))
	for idx := range out {
		q := 1.0
		for i := range n {
			if idx>>i&1 == 1 {
				q *= up[i]
			} else {
				q *= 1 - up[i]
			}
		}
		out[idx] = q
	}
	return out
}

func bothVisible() []Visible { return []Visible{Binary, Ising} }

func approx(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
