package hamiltonian

import (
	"errors"
	"fmt"
	"math"
)

// RBM is a Restricted Boltzmann Machine with Bernoulli hidden units.
//
// W is N×M row-major: visible i, hidden a at W[i*M+a]. B has N visible
// biases, C has M hidden biases. When IsingVisible is false the visible
// units take values v ∈ {0,1}; when true they take s ∈ {−1,+1} with
// E(s,h) = −bᵀs − cᵀh − sᵀWh.
type RBM struct {
	N, M         int
	W            []float64
	B, C         []float64
	IsingVisible bool
}

// Validate reports every inconsistent shape and every non-finite parameter
// of r at once.
func (r RBM) Validate() error {
	var errs []error
	if r.N < 1 {
		errs = append(errs, fmt.Errorf("N = %d, want ≥ 1", r.N))
	}
	if r.M < 1 {
		errs = append(errs, fmt.Errorf("M = %d, want ≥ 1", r.M))
	}
	if r.N >= 1 && r.M >= 1 && len(r.W) != r.N*r.M {
		errs = append(errs, fmt.Errorf("len(W) = %d, want N×M = %d", len(r.W), r.N*r.M))
	}
	if len(r.B) != r.N {
		errs = append(errs, fmt.Errorf("len(B) = %d, want N = %d", len(r.B), r.N))
	}
	if len(r.C) != r.M {
		errs = append(errs, fmt.Errorf("len(C) = %d, want M = %d", len(r.C), r.M))
	}
	for _, p := range []struct {
		name string
		v    []float64
	}{{"W", r.W}, {"B", r.B}, {"C", r.C}} {
		if k := firstNonFinite(p.v); k >= 0 {
			errs = append(errs, fmt.Errorf("%s[%d] = %v is not finite", p.name, k, p.v[k]))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("hamiltonian: invalid RBM: %w", err)
	}
	return nil
}

func firstNonFinite(v []float64) int {
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return k
		}
	}
	return -1
}

// Effective is the spin Hamiltonian of an RBM after its hidden units are
// summed out, in the Ising basis s ∈ {−1,+1}ᴺ and units of kT:
//
//	−H(s) = Σ_i η_i s_i + Σ_a log cosh(θ_a + Σ_i w_ia s_i)   (+ constant)
//
// W is N×M row-major (w_ia at W[i*M+a]), Eta has N entries, Theta has M.
type Effective struct {
	N, M  int
	W     []float64
	Eta   []float64
	Theta []float64
}

// Effective maps r to its effective spin Hamiltonian. With
// softplus(x) = x/2 + log cosh(x/2) + log 2 and v = (1+s)/2,
//
//	binary visible:  w_ia = W_ia/4, η_i = b_i/2 + Σ_a W_ia/4, θ_a = c_a/2 + Σ_i W_ia/4
//	Ising visible:   w_ia = W_ia/2, η_i = b_i   + Σ_a W_ia/2, θ_a = c_a/2
//
// It panics if r's shapes are inconsistent (call Validate first).
func (r RBM) Effective() Effective {
	if len(r.W) != r.N*r.M || len(r.B) != r.N || len(r.C) != r.M {
		panic("hamiltonian: RBM shapes are inconsistent")
	}
	scale, bScale := 0.25, 0.5
	if r.IsingVisible {
		scale, bScale = 0.5, 1
	}
	e := Effective{
		N: r.N, M: r.M,
		W:     make([]float64, len(r.W)),
		Eta:   make([]float64, r.N),
		Theta: make([]float64, r.M),
	}
	for a, c := range r.C {
		e.Theta[a] = c / 2
	}
	for i := 0; i < r.N; i++ {
		e.Eta[i] = bScale * r.B[i]
		for a := 0; a < r.M; a++ {
			w := r.W[i*r.M+a]
			e.W[i*r.M+a] = scale * w
			e.Eta[i] += scale * w
			if !r.IsingVisible {
				e.Theta[a] += scale * w
			}
		}
	}
	return e
}

// NegH returns −H(s) = Σ_i η_i s_i + Σ_a log cosh(θ_a + Σ_i w_ia s_i) for a
// configuration s of N spins ±1. It panics if len(s) ≠ N.
func (e *Effective) NegH(s []int8) float64 {
	if len(s) != e.N {
		panic(fmt.Sprintf("hamiltonian: NegH: len(s) = %d, want %d", len(s), e.N))
	}
	var f float64
	for i, si := range s {
		f += e.Eta[i] * float64(si)
	}
	for a := 0; a < e.M; a++ {
		x := e.Theta[a]
		for i, si := range s {
			x += e.W[i*e.M+a] * float64(si)
		}
		f += logCosh(x)
	}
	return f
}

// NegH returns −H(s) of r's effective Hamiltonian for N spins s ∈ {−1,+1}
// (the Ising basis whatever r's visible type). It builds the effective
// parameters on every call: use [Effective.NegH] in loops.
func (r RBM) NegH(s []int8) float64 {
	e := r.Effective()
	return e.NegH(s)
}

// logCosh returns log cosh x = |x| + log(1 + exp(−2|x|)) − log 2 for all
// finite x, to an absolute error of a few ulp of max(1, |x|): the
// couplings are differences of such values, so absolute accuracy is what
// counts, and math.Log(1+t) gives it at a fraction of math.Log1p's cost.
func logCosh(x float64) float64 {
	a := math.Abs(x)
	return a + math.Log(1+math.Exp(-2*a)) - math.Ln2
}

// dominance returns, per hidden unit a, max_i |w_ia| / sqrt(Σ_i w_ia²)
// (0 for a unit with all weights zero).
func (e *Effective) dominance() []float64 {
	d := make([]float64, e.M)
	for a := 0; a < e.M; a++ {
		var mx, ss float64
		for i := 0; i < e.N; i++ {
			w := math.Abs(e.W[i*e.M+a])
			mx = math.Max(mx, w)
			ss += w * w
		}
		if ss > 0 {
			d[a] = mx / math.Sqrt(ss)
		}
	}
	return d
}
