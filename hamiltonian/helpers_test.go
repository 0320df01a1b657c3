package hamiltonian

import (
	"math/rand/v2"
)

// randomRBM draws W ~ N(0, wStd²), B ~ N(0, 0.5²), C ~ N(0, 0.5²) from a
// PCG stream seeded with seed.
func randomRBM(n, m int, wStd float64, ising bool, seed uint64) RBM {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	r := RBM{N: n, M: m, W: make([]float64, n*m), B: make([]float64, n),
		C: make([]float64, m), IsingVisible: ising}
	for k := range r.W {
		r.W[k] = wStd * rng.NormFloat64()
	}
	for i := range r.B {
		r.B[i] = 0.5 * rng.NormFloat64()
	}
	for a := range r.C {
		r.C[a] = 0.5 * rng.NormFloat64()
	}
	return r
}

// isingEquivalent returns the Ising-visible RBM with the same distribution
// over s = 2v − 1 as the binary-visible r. With v = (1+s)/2,
//
//	−E = bᵀv + cᵀh + vᵀWh = const + (b/2)ᵀs + (c + Wᵀ1/2)ᵀh + sᵀ(W/2)h,
//
// so W_s = W/2, b_s = b/2 and c_s,a = c_a + Σ_i W_ia/2.
func isingEquivalent(r RBM) RBM {
	if r.IsingVisible {
		panic("isingEquivalent: already Ising")
	}
	s := RBM{N: r.N, M: r.M, W: make([]float64, len(r.W)), B: make([]float64, r.N),
		C: append([]float64(nil), r.C...), IsingVisible: true}
	for i := 0; i < r.N; i++ {
		s.B[i] = r.B[i] / 2
		for a := 0; a < r.M; a++ {
			s.W[i*r.M+a] = r.W[i*r.M+a] / 2
			s.C[a] += r.W[i*r.M+a] / 2
		}
	}
	return s
}

// spins returns configuration x of n spins with s_i = −1 when bit i is set.
func spins(x, n int) []int8 {
	s := make([]int8, n)
	for i := range s {
		s[i] = 1
		if x>>i&1 == 1 {
			s[i] = -1
		}
	}
	return s
}

// bruteWalsh returns J_S = 2⁻ᴺ Σ_s Π_{i∈S} s_i (−H(s)) by a direct sum over
// the 2ᴺ states, with negH tabulated by the caller.
func bruteWalsh(negH []float64, n int, sites []int) float64 {
	var sum float64
	for x, f := range negH {
		sign := 1.0
		for _, i := range sites {
			if x>>i&1 == 1 {
				sign = -sign
			}
		}
		sum += sign * f
	}
	return sum / float64(len(negH))
}

// tabulateBrute evaluates −H on every state with Effective.NegH.
func tabulateBrute(r RBM) []float64 {
	e := r.Effective()
	f := make([]float64, 1<<r.N)
	for x := range f {
		f[x] = e.NegH(spins(x, r.N))
	}
	return f
}

func sitesOf(t Term, k int) []int {
	out := make([]int, k)
	for j := range out {
		out[j] = int(t.Sites[j])
	}
	return out
}
