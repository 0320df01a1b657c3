package analysis

import (
	"math"
	"slices"
	"testing"
)

// The fitted components are unit eigenvectors of the covariance computed
// directly from the definition, in decreasing order of eigenvalue, with
// the documented sign; projections match the direct dot products. Data
// statistics along the components equal (0, λ). Tolerance 1e-10 on O(1)
// values (LAPACK-level rounding).
func TestFitPCAMatchesNaive(t *testing.T) {
	const tol = 1e-10
	for _, binary := range []bool{false, true} {
		s := randomSpins(21, 500, 15, binary)
		n := s.N
		cov := make([]float64, n*n)
		for i := range n {
			for j := range n {
				if i == j {
					m := naiveMean(s, i)
					cov[i*n+i] = 1 - m*m
				} else {
					cov[i*n+j] = naiveConnected(s, i, j)
				}
			}
		}
		pc, err := ComparePCA(s, s, 4, 0)
		mustNoErr(t, err)
		p := pc.PCA
		for a := range p.K {
			u := p.Vectors[a*n : (a+1)*n]
			checkEigen(t, cov, u, p.Variances[a], tol)
			big := 0
			for i := range u {
				if math.Abs(u[i]) > math.Abs(u[big]) {
					big = i
				}
			}
			if u[big] <= 0 {
				t.Errorf("component %d: largest entry %v not positive", a, u[big])
			}
			if a > 0 && p.Variances[a] > p.Variances[a-1] {
				t.Errorf("variances not decreasing: %v", p.Variances)
			}
			if !eq(pc.DataMean[a], 0, tol) || !eq(pc.DataVar[a], p.Variances[a], tol) {
				t.Errorf("component %d: data mean %v var %v, want 0, %v",
					a, pc.DataMean[a], pc.DataVar[a], p.Variances[a])
			}
		}
		for r := range s.Rows {
			for a := range p.K {
				var dot float64
				for i := range n {
					dot += (spin(s, r, i) - naiveMean(s, i)) * p.Vectors[a*n+i]
				}
				if !eq(pc.Data[r*p.K+a], dot, tol) {
					t.Fatalf("row %d, component %d: %v, want %v", r, a, pc.Data[r*p.K+a], dot)
				}
			}
		}
		if !slices.Equal(pc.Data, pc.Samples) {
			t.Error("same data projected twice differ")
		}
	}
}

// checkEigen checks |u| = 1 and Σu = λu.
func checkEigen(t *testing.T, cov, u []float64, lambda, tol float64) {
	t.Helper()
	n := len(u)
	var norm float64
	for i := range n {
		norm += u[i] * u[i]
		var su float64
		for j := range n {
			su += cov[i*n+j] * u[j]
		}
		if !eq(su, lambda*u[i], tol) {
			t.Fatalf("(Σu)_%d = %v, λu_%d = %v", i, su, i, lambda*u[i])
		}
	}
	if !eq(norm, 1, tol) {
		t.Fatalf("|u|² = %v", norm)
	}
}

// A one-dimensional structure: every spin copies a hidden sign, then each
// is flipped with probability 0.1. The covariance is 0.64 off the diagonal
// and 1 on it (exactly, for infinite data), so the leading component is
// (1,…,1)/√N with variance 1 + 0.64(N−1) = 6.76 for N = 10 and explains
// 6.76/10 of the trace. Samples without the hidden sign (independent spins)
// have variance ≈ 1 along it. 20 000 rows; the standard error of the
// variance is at most about λ·sqrt(2/rows) ≈ 0.07, tolerance 0.2.
func TestPCAOneDimensional(t *testing.T) {
	const n, rows, tol = 10, 20000, 0.2
	rng := newTestRand(5)
	data := make([]int8, rows*n)
	indep := make([]int8, rows*n)
	for r := range rows {
		z := int8(1 - 2*rng.IntN(2))
		for i := range n {
			v := z
			if rng.Float64() < 0.1 {
				v = -v
			}
			data[r*n+i] = v
			indep[r*n+i] = int8(1 - 2*rng.IntN(2))
		}
	}
	pc, err := ComparePCA(Spins{Values: data, Rows: rows, N: n},
		Spins{Values: indep, Rows: rows, N: n}, 2, 0)
	mustNoErr(t, err)
	for i := range n {
		if !eq(pc.PCA.Vectors[i], 1/math.Sqrt(n), 0.02) {
			t.Fatalf("leading component %v, want all 1/√10", pc.PCA.Vectors[:n])
		}
	}
	if !eq(pc.PCA.Variances[0], 6.76, tol) || !eq(pc.PCA.Explained[0], 0.676, tol/10) {
		t.Errorf("λ1 = %v (%v of trace), want 6.76 (0.676)",
			pc.PCA.Variances[0], pc.PCA.Explained[0])
	}
	if !eq(pc.SampleVar[0], 1, 0.1) {
		t.Errorf("independent samples: variance %v along PC1, want ≈ 1", pc.SampleVar[0])
	}
}
