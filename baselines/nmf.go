package baselines

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// NMFConfig sets up [NaiveMeanField]. The zero value is the plain method.
type NMFConfig struct {
	// Ridge ≥ 0 is added to the diagonal of C before inversion, to make a
	// singular or ill-conditioned correlation matrix (collinear columns, or
	// fewer samples than variables) invertible; it shrinks the couplings.
	// 0 means none.
	Ridge float64
}

// Validate reports every invalid field of c.
func (c NMFConfig) Validate() error {
	if !(c.Ridge >= 0) || math.IsInf(c.Ridge, 0) {
		return fmt.Errorf("baselines: NMFConfig.Ridge = %v, want finite ≥ 0", c.Ridge)
	}
	return nil
}

// maxCondition is the largest condition number of C accepted for inversion.
const maxCondition = 1e12

// SingularError reports a correlation matrix that cannot be inverted
// reliably; Cond is its estimated condition number (+Inf when the Cholesky
// factorisation failed).
type SingularError struct {
	Cond float64
}

func (e *SingularError) Error() string {
	return fmt.Sprintf("baselines: correlation matrix singular (condition number %.3g); "+
		"look for duplicated or complementary columns, or set a ridge", e.Cond)
}

// NaiveMeanField infers a pairwise model by naive mean-field inversion:
//
//	C_ij = ⟨s_i s_j⟩ − m_i m_j,   m_i = ⟨s_i⟩        (weighted data averages)
//	J_ij = −(C + ρ I)⁻¹_ij,  i ≠ j                      (ρ = Ridge)
//	h_i  = atanh(m_i) − Σ_{j≠i} J_ij m_j.
//
// The couplings are exact to first order in J: by the TAP expansion the
// estimate is J_ij + 2 J_ij² m_i m_j + O(J³). Constant columns give a
// *ConstantColumnsError; a singular C a *SingularError. Cost O(R N² + N³)
// for R rows.
//
// References:
//
//	H. J. Kappen, F. B. Rodríguez, Efficient learning in Boltzmann machines
//	using linear response theory, Neural Comput. 10, 1137 (1998).
//	T. Tanaka, Mean-field theory of Boltzmann machine learning, Phys. Rev. E
//	58, 2302 (1998).
func NaiveMeanField(s Samples, cfg NMFConfig) (*Pairwise, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	m, c, err := moments(s)
	if err != nil {
		return nil, err
	}
	n := s.N
	for i := range n {
		c[i*n+i] += cfg.Ridge
	}

	// invert C by its Cholesky factorisation
	var chol mat.Cholesky
	if ok := chol.Factorize(mat.NewSymDense(n, c)); !ok {
		return nil, &SingularError{Cond: math.Inf(1)}
	}
	if cond := chol.Cond(); cond > maxCondition {
		return nil, &SingularError{Cond: cond}
	}
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		return nil, fmt.Errorf("baselines: inverting C: %w", err)
	}

	// couplings, then fields from the self-consistency equations
	p := &Pairwise{N: n, Fields: make([]float64, n), J: make([]float64, n*n)}
	for i := range n {
		for j := range n {
			if i != j {
				p.J[i*n+j] = -inv.At(i, j)
			}
		}
	}
	for i := range n {
		h := math.Atanh(m[i])
		for j := range n {
			h -= p.J[i*n+j] * m[j]
		}
		p.Fields[i] = h
	}
	return p, nil
}
