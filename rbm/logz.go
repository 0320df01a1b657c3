package rbm

import (
	"fmt"
	"math"
	"math/bits"
)

// MaxExactUnits is the largest size of the smaller layer for which
// ExactLogZ enumerates its states (2^24 ≈ 1.7·10⁷ configurations).
const MaxExactUnits = 24

// TooLargeError reports that an exact computation was asked for a model whose
// smaller layer has more than MaxExactUnits units.
type TooLargeError struct{ N, M int }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("rbm: exact log Z needs min(N,M) ≤ %d, have N=%d, M=%d",
		MaxExactUnits, e.N, e.M)
}

// ExactLogZ returns log Z = log Σ_{v,h} exp(−E(v,h)) by enumerating the
// smaller layer (the hidden one on a tie):
//
//	log Z = logsumexp_h (−F(h))     or     log Z = logsumexp_v (−F(v))
//
// It returns *TooLargeError when min(N,M) > MaxExactUnits. The computation
// runs in float64 on all cores; the 2^L states are cut into fixed chunks
// combined in index order, so the result does not depend on GOMAXPROCS.
func ExactLogZ[T Float](p *Params[T]) (float64, error) {
	if min(p.N, p.M) > MaxExactUnits {
		return 0, &TooLargeError{p.N, p.M}
	}
	q := p.Float64()
	if q.M <= q.N {
		return hiddenEnum(q).logZ(), nil
	}
	return visibleEnum(q).logZ(), nil
}

// LogLikelihood returns the mean log-probability per sample of data
// (rows×N in the alphabet of p.Visible) given log Z:
//
//	ℓ = − ⟨F(v)⟩_data − log Z
func LogLikelihood[T Float](p *Params[T], data []int8, logZ float64) (float64, error) {
	rows, err := checkData(data, p.N, p.Visible)
	if err != nil {
		return 0, err
	}
	q := p.Float64()
	s := sumOverData(q, data, q.freeEnergyFromAct)
	return -s/float64(rows) - logZ, nil
}

// ExactLogLikelihood is LogLikelihood with log Z from ExactLogZ.
func ExactLogLikelihood[T Float](p *Params[T], data []int8) (float64, error) {
	logZ, err := ExactLogZ(p)
	if err != nil {
		return 0, err
	}
	return LogLikelihood(p, data, logZ)
}

// enumeration sums exp(value(e)) over the 2^L states of one layer e. Unit
// t of e adds w[t*K:(t+1)*K] to the input x of the K units of the other
// layer, and
//
//	value(e) = beᵀe + Σ_k f(bo_k + x_k)
//
// with f = softplus for a {0,1} other layer and log(2 cosh) for a ±1 one.
type enumeration struct {
	L, K   int
	w      []float64 // L×K
	be, bo []float64
	eIsing bool // the enumerated layer takes ±1 values
	oIsing bool // the other layer takes ±1 values
}

func hiddenEnum(p *Params[float64]) *enumeration {
	w := make([]float64, p.M*p.N)
	for i := range p.N {
		for a := range p.M {
			w[a*p.N+i] = p.W[i*p.M+a]
		}
	}
	return &enumeration{L: p.M, K: p.N, w: w, be: p.C, bo: p.B, oIsing: p.Visible == Ising}
}

func visibleEnum(p *Params[float64]) *enumeration {
	return &enumeration{L: p.N, K: p.M, w: p.W, be: p.B, bo: p.C, eIsing: p.Visible == Ising}
}

// enumChunkBits sets the chunk size (2^12 states): fixed, so results do not
// depend on the worker count.
const enumChunkBits = 12

// logZ returns logsumexp of value over all states.
func (e *enumeration) logZ() float64 {
	cb := min(e.L, enumChunkBits)
	nc := 1 << (e.L - cb)
	ms := make([]float64, nc)
	ss := make([]float64, nc)
	parallelFor(nc, func(j int) {
		ms[j], ss[j] = e.chunk(uint64(j)<<cb, 1<<cb)
	})
	m, s := math.Inf(-1), 0.0
	for j := range nc {
		m, s = lseMerge(m, s, ms[j], ss[j])
	}
	return m + math.Log(s)
}

// chunk walks the Gray-code indices [g0, g0+size) and returns the running
// log-sum-exp as (max, Σ exp(value − max)).
func (e *enumeration) chunk(g0 uint64, size int) (float64, float64) {
	state := g0 ^ (g0 >> 1)
	x := make([]float64, e.K)
	lin := e.start(state, x)
	m, s := math.Inf(-1), 0.0
	for g := g0; ; {
		m, s = lseAdd(m, s, lin+e.otherSum(x))
		g++
		if g == g0+uint64(size) {
			return m, s
		}
		t := bits.TrailingZeros64(g)
		state ^= 1 << t
		lin += e.toggle(t, state>>t&1 == 1, x)
	}
}

// start sets x to the other layer's input for state and returns beᵀe.
func (e *enumeration) start(state uint64, x []float64) float64 {
	lin := 0.0
	for t := range e.L {
		if e.eIsing || state>>t&1 == 1 {
			lin += e.toggleSign(t, state>>t&1 == 1, x, 1)
		}
	}
	return lin
}

// toggle updates x after unit t switched on (up) or off and returns the
// change of beᵀe.
func (e *enumeration) toggle(t int, up bool, x []float64) float64 {
	step := 1.0
	if e.eIsing {
		step = 2 // −1 ↔ +1
	}
	if !up {
		step = -step
	}
	w := e.w[t*e.K : (t+1)*e.K]
	for k := range x {
		x[k] += step * w[k]
	}
	return step * e.be[t]
}

// toggleSign adds scale·e_t·w_t to x for the value e_t of unit t (±1 or
// 0/1) and returns scale·e_t·be_t; used to build a chunk's first state.
func (e *enumeration) toggleSign(t int, up bool, x []float64, scale float64) float64 {
	s := scale
	if !up {
		s = -scale
	}
	w := e.w[t*e.K : (t+1)*e.K]
	for k := range x {
		x[k] += s * w[k]
	}
	return s * e.be[t]
}

// otherSum returns Σ_k f(bo_k + x_k).
func (e *enumeration) otherSum(x []float64) float64 {
	s := 0.0
	if e.oIsing {
		for k, xk := range x {
			s += log2cosh(e.bo[k] + xk)
		}
		return s
	}
	for k, xk := range x {
		s += softplus(e.bo[k] + xk)
	}
	return s
}

// lseAdd adds exp(v) to the running log-sum-exp (m, s).
func lseAdd(m, s, v float64) (float64, float64) {
	if v <= m {
		return m, s + math.Exp(v-m)
	}
	return v, s*math.Exp(m-v) + 1
}

// lseMerge merges two running log-sum-exps.
func lseMerge(m1, s1, m2, s2 float64) (float64, float64) {
	if s2 == 0 {
		return m1, s1
	}
	if s1 == 0 || m2 > m1 {
		m1, s1, m2, s2 = m2, s2, m1, s1
	}
	return m1, s1 + s2*math.Exp(m2-m1)
}

// int8ToFloat converts a configuration matrix to T.
func int8ToFloat[T Float](x []int8) []T {
	y := make([]T, len(x))
	for k, v := range x {
		y[k] = T(v)
	}
	return y
}
