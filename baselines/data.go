package baselines

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/spinfer/spinfer/ising"
)

// Samples is weighted spin data: Spins is Rows×N row-major with entries ±1
// (row r, site i at Spins[r*N+i]); Weights has one non-negative weight per
// row, not all zero, or is nil for equal weights. Averages over the data are
// weighted means Σ_r w_r x_r / Σ_r w_r.
type Samples struct {
	N       int
	Spins   []int8
	Weights []float64
}

// Rows returns the number of configurations.
func (s Samples) Rows() int {
	if s.N == 0 {
		return 0
	}
	return len(s.Spins) / s.N
}

// check reports the first malformed part of s: shape, a value other than
// ±1 (with its row and column), or a bad weight.
func (s Samples) check() error {
	if s.N < 2 {
		return fmt.Errorf("baselines: %d variables, want at least 2", s.N)
	}
	if len(s.Spins) == 0 || len(s.Spins)%s.N != 0 {
		return fmt.Errorf("baselines: %d spins do not fill rows of %d", len(s.Spins), s.N)
	}
	if k := slices.IndexFunc(s.Spins, func(v int8) bool { return v != 1 && v != -1 }); k >= 0 {
		return fmt.Errorf("baselines: row %d, column %d: value %d, want ±1 (Ising basis)",
			k/s.N, k%s.N, s.Spins[k])
	}
	if s.Weights == nil {
		return nil
	}
	if len(s.Weights) != s.Rows() {
		return fmt.Errorf("baselines: %d weights for %d rows", len(s.Weights), s.Rows())
	}
	var total float64
	for r, w := range s.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("baselines: row %d: weight %v, want finite ≥ 0", r, w)
		}
		total += w
	}
	if total == 0 {
		return errors.New("baselines: all weights are zero")
	}
	return nil
}

// weights returns the per-row weights normalised to sum 1.
func (s Samples) weights() []float64 {
	w := make([]float64, s.Rows())
	if s.Weights == nil {
		for r := range w {
			w[r] = 1 / float64(len(w))
		}
		return w
	}
	var total float64
	for _, v := range s.Weights {
		total += v
	}
	for r, v := range s.Weights {
		w[r] = v / total
	}
	return w
}

// ConstantColumnsError reports variables that take a single value over the
// data (all rows of positive weight). Their magnetisation is ±1, so their
// field is infinite and their correlations undefined: neither baseline can
// infer a finite model for them. Drop the columns before inference.
type ConstantColumnsError struct {
	Columns []int
}

func (e *ConstantColumnsError) Error() string {
	return fmt.Sprintf("baselines: %d constant column(s) %v: fields would be infinite; "+
		"remove them", len(e.Columns), e.Columns)
}

// moments returns the weighted magnetisations m_i = ⟨s_i⟩ and the connected
// correlations C_ij = ⟨s_i s_j⟩ − m_i m_j (N×N row-major), or a
// *ConstantColumnsError.
func moments(s Samples) (m, c []float64, err error) {
	n, w := s.N, s.weights()
	m = make([]float64, n)
	c = make([]float64, n*n)
	for r, wr := range w {
		if wr == 0 {
			continue
		}
		row := s.Spins[r*n : (r+1)*n]
		for i, si := range row {
			m[i] += wr * float64(si)
			ci := c[i*n : (i+1)*n]
			for j := i; j < n; j++ {
				ci[j] += wr * float64(si*row[j])
			}
		}
	}
	var constant []int
	for i := range n {
		if constantColumn(s, w, i) {
			constant = append(constant, i)
		}
		for j := i; j < n; j++ {
			c[i*n+j] -= m[i] * m[j]
			c[j*n+i] = c[i*n+j]
		}
	}
	if constant != nil {
		return nil, nil, &ConstantColumnsError{Columns: constant}
	}
	return m, c, nil
}

// constantColumn reports whether column i has one value over the rows of
// positive weight.
func constantColumn(s Samples, w []float64, i int) bool {
	first := int8(0)
	for r, wr := range w {
		if wr == 0 {
			continue
		}
		v := s.Spins[r*s.N+i]
		if first == 0 {
			first = v
		} else if v != first {
			return false
		}
	}
	return true
}

// Pairwise is an inferred pairwise model in the Ising basis, in units of kT:
//
//	H(s) = − Σ_i h_i s_i − Σ_{i<j} J_ij s_i s_j.
//
// Fields has N entries; J is N×N row-major, symmetric, with a zero
// diagonal. LogPL, for pseudo-likelihood only, has the per-site weighted
// mean log conditional likelihood ⟨log P(s_i | s_−i)⟩ at the optimum
// (penalty excluded); their sum is the total per sample. Lambda is the L2
// strength pseudo-likelihood used.
type Pairwise struct {
	N      int
	Fields []float64
	J      []float64
	LogPL  []float64
	Lambda float64
}

// Coupling returns J_ij.
func (p *Pairwise) Coupling(i, j int) float64 { return p.J[i*p.N+j] }

// Terms returns every pair (i < j) as an order-2 term, in increasing order,
// zeros included.
func (p *Pairwise) Terms() []ising.Term {
	out := make([]ising.Term, 0, p.N*(p.N-1)/2)
	for i := range p.N {
		for j := i + 1; j < p.N; j++ {
			out = append(out, ising.NewTerm(p.J[i*p.N+j], i, j))
		}
	}
	return out
}

// Hamiltonian returns the model as an ising.Hamiltonian (for sampling it).
func (p *Pairwise) Hamiltonian() (*ising.Hamiltonian, error) {
	return ising.New(p.N, p.Fields, p.Terms())
}
