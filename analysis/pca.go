package analysis

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// DefaultComponents is the number of principal components kept when none
// is asked for.
const DefaultComponents = 3

// PCA holds the leading principal components of a spin matrix in the Ising
// basis, from the eigendecomposition of its covariance
//
//	Σ_ij = ⟨s_i s_j⟩ − m_i m_j   (Σ_ii = 1 − m_i², averages over rows).
//
// Vectors is K×N row-major, component k (unit norm) at Vectors[k*N:], in
// decreasing order of variance; the sign of each is fixed so that its
// largest-magnitude entry (the first one on ties) is positive. Variances
// are the K largest eigenvalues, Explained their fractions of tr Σ (NaN if
// every column is constant).
type PCA struct {
	N, K      int
	Mean      []float64
	Vectors   []float64
	Variances []float64
	Explained []float64
}

// FitPCA returns the k leading principal components of s (k = 0 means
// DefaultComponents; k is capped at N). The covariance is counted exactly on
// bit-packed columns and then diagonalised in O(N³) time, N² floats of
// memory (5 MB for N = 805).
func FitPCA(s Spins, k, workers int) (*PCA, error) {
	if k < 0 {
		return nil, fmt.Errorf("%w: %d principal components", ErrInput, k)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if k == 0 {
		k = DefaultComponents
	}
	k = min(k, s.N)
	c := packColumns(s, workers)
	m := means(c)
	cov := covariance(c, m, workers)

	// Eigendecomposition; gonum returns eigenvalues in ascending order.
	var eig mat.EigenSym
	if !eig.Factorize(cov, true) {
		return nil, &NumericalError{Op: fmt.Sprintf("eigendecomposition of the %d×%d covariance",
			s.N, s.N), Note: "the symmetric eigensolver did not converge"}
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	var trace float64
	for i := range s.N {
		trace += cov.At(i, i)
	}

	p := &PCA{N: s.N, K: k, Mean: m, Vectors: make([]float64, k*s.N),
		Variances: make([]float64, k), Explained: make([]float64, k)}
	for a := range k {
		col := s.N - 1 - a
		u := p.Vectors[a*s.N : (a+1)*s.N]
		mat.Col(u, col, &vecs)
		fixSign(u)
		p.Variances[a] = vals[col]
		p.Explained[a] = vals[col] / trace
		if trace == 0 {
			p.Explained[a] = math.NaN()
		}
	}
	return p, nil
}

// covariance returns Σ from packed columns c and means m.
func covariance(c *bitCols, m []float64, workers int) *mat.SymDense {
	n := c.n
	pairs := connectedPairs(c, m, workers)
	cov := mat.NewSymDense(n, nil)
	for i := range n {
		cov.SetSym(i, i, 1-m[i]*m[i])
		for j := i + 1; j < n; j++ {
			cov.SetSym(i, j, pairs[PairIndex(n, i, j)])
		}
	}
	return cov
}

// fixSign flips u so that its largest-magnitude entry is positive.
func fixSign(u []float64) {
	best := 0
	for i, x := range u {
		if math.Abs(x) > math.Abs(u[best]) {
			best = i
		}
	}
	if u[best] < 0 {
		for i := range u {
			u[i] = -u[i]
		}
	}
}

// Project returns the coordinates of the configurations of s on the
// components, centred on the mean the components were fitted with:
//
//	x_rk = Σ_i (s_ri − Mean_i) Vectors_ki,
//
// Rows×K row-major. s must have N variables.
func (p *PCA) Project(s Spins) ([]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.N != p.N {
		return nil, fmt.Errorf("%w: projecting %d variables on components of %d",
			ErrInput, s.N, p.N)
	}
	x := make([]float64, s.Rows*p.K)
	row := make([]float64, s.N)
	for r := range s.Rows {
		for i, v := range s.Values[r*s.N : (r+1)*s.N] {
			sp := -1.0
			if v == 1 {
				sp = 1
			}
			row[i] = sp - p.Mean[i]
		}
		for a := range p.K {
			var dot float64
			for i, u := range p.Vectors[a*p.N : (a+1)*p.N] {
				dot += row[i] * u
			}
			x[r*p.K+a] = dot
		}
	}
	return x, nil
}

// PCAComparison projects data and samples on the data's principal
// components. Data and Samples are Rows×K row-major coordinates (for
// plotting); the per-component means and variances (over rows, divided by
// the number of rows) summarise them. The data's means are 0 and its
// variances are PCA.Variances, up to rounding.
type PCAComparison struct {
	PCA                  *PCA
	Data, Samples        []float64
	DataMean, SampleMean []float64
	DataVar, SampleVar   []float64
}

// ComparePCA fits k principal components to data (see FitPCA) and projects
// data and samples, which must have the same N, on them.
//
// References: Decelle, Furtlehner, Seoane, NeurIPS 2021 (projections of
// data and RBM samples on the data's principal directions).
func ComparePCA(data, samples Spins, k, workers int) (*PCAComparison, error) {
	if err := samePair(data, samples, "data", "samples"); err != nil {
		return nil, err
	}
	p, err := FitPCA(data, k, workers)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	pc := &PCAComparison{PCA: p}
	if pc.Data, err = p.Project(data); err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	if pc.Samples, err = p.Project(samples); err != nil {
		return nil, fmt.Errorf("samples: %w", err)
	}
	pc.DataMean, pc.DataVar = columnMoments(pc.Data, p.K)
	pc.SampleMean, pc.SampleVar = columnMoments(pc.Samples, p.K)
	return pc, nil
}

// columnMoments returns the mean and variance (divided by the number of
// rows) of each column of the rows×k row-major matrix x.
func columnMoments(x []float64, k int) (mean, variance []float64) {
	rows := float64(len(x) / k)
	mean, variance = make([]float64, k), make([]float64, k)
	for r := 0; r < len(x); r += k {
		for a := range k {
			mean[a] += x[r+a]
		}
	}
	for a := range k {
		mean[a] /= rows
	}
	for r := 0; r < len(x); r += k {
		for a := range k {
			d := x[r+a] - mean[a]
			variance[a] += d * d
		}
	}
	for a := range k {
		variance[a] /= rows
	}
	return mean, variance
}
