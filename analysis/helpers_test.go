package analysis

import (
	"math/rand/v2"
	"testing"
)

// randomSpins draws rows configurations of n spins with non-zero means and
// correlations: a hidden sign z = ±1 per row, and s_i = z with probability
// a_i, else +1 with probability b_i. Binary output writes v = (1+s)/2.
func randomSpins(seed uint64, rows, n int, binary bool) Spins {
	rng := rand.New(rand.NewPCG(seed, 1))
	a, b := make([]float64, n), make([]float64, n)
	for i := range n {
		a[i], b[i] = 0.6*rng.Float64(), rng.Float64()
	}
	v := make([]int8, rows*n)
	for r := range rows {
		z := int8(1)
		if rng.IntN(3) == 0 {
			z = -1
		}
		for i := range n {
			s := int8(-1)
			switch {
			case rng.Float64() < a[i]:
				s = z
			case rng.Float64() < b[i]:
				s = 1
			}
			v[r*n+i] = s
		}
	}
	out := Spins{Values: v, Rows: rows, N: n}
	if binary {
		out = toBinary(out)
	}
	return out
}

// toBinary returns a copy of s written in the 0/1 basis.
func toBinary(s Spins) Spins {
	v := make([]int8, len(s.Values))
	for k, x := range s.Values {
		v[k] = (x + 1) / 2
	}
	return Spins{Values: v, Rows: s.Rows, N: s.N, Binary: true}
}

// spin returns s_ri in the Ising basis.
func spin(s Spins, r, i int) float64 {
	v := float64(s.Values[r*s.N+i])
	if s.Binary {
		return 2*v - 1
	}
	return v
}

// naiveMean returns ⟨s_i⟩ by direct summation.
func naiveMean(s Spins, i int) float64 {
	var sum float64
	for r := range s.Rows {
		sum += spin(s, r, i)
	}
	return sum / float64(s.Rows)
}

// naiveConnected returns ⟨Π_{i∈sites}(s_i − m_i)⟩ by direct summation,
// the textbook definition of the 2- and 3-point connected correlation.
func naiveConnected(s Spins, sites ...int) float64 {
	m := make([]float64, len(sites))
	for k, i := range sites {
		m[k] = naiveMean(s, i)
	}
	var sum float64
	for r := range s.Rows {
		p := 1.0
		for k, i := range sites {
			p *= spin(s, r, i) - m[k]
		}
		sum += p
	}
	return sum / float64(s.Rows)
}

func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newTestRand returns a PCG-backed generator for building test inputs.
func newTestRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 99)) }
