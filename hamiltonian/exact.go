package hamiltonian

import (
	"fmt"
	"math"
)

// Exact returns the exact Ising-basis couplings of r's effective
// Hamiltonian: the fields and every k-body coupling for k = 2..maxOrder
// (maxOrder in 1..4), as the Walsh–Fourier coefficients of −H,
//
//	J_S = 2⁻ᴺ Σ_s (Π_{i∈S} s_i) (−H(s)),
//
// computed with one fast Walsh–Hadamard transform of −H tabulated over all
// 2ᴺ states. It refuses N > MaxExactN (24) with an error wrapping
// ErrTooLarge. Memory is 2ᴺ float64: 8 MiB at N = 20, 128 MiB at N = 24;
// time is O(2ᴺ (M + N)). workers ≤ 0 means GOMAXPROCS; the result does not
// depend on it. The diagnostics use DefaultDominanceThreshold.
//
// References: Decelle, Navas Gómez, Seoane, Inferring higher-order
// couplings with neural networks, Phys. Rev. Lett. 135, 207301 (2025),
// arXiv:2501.06108.
func Exact(r RBM, maxOrder int, workers int) (*Result, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if maxOrder < 1 || maxOrder > 4 {
		return nil, fmt.Errorf("hamiltonian: Exact: maxOrder = %d, want 1..4", maxOrder)
	}
	if r.N > MaxExactN {
		return nil, fmt.Errorf("hamiltonian: Exact: N = %d exceeds the limit N ≤ %d "+
			"(2^N states; use the Gaussian method): %w", r.N, MaxExactN, ErrTooLarge)
	}
	workers = resolveWorkers(workers)
	e := r.Effective()

	// Tabulate −H over all states, transform, normalise.
	f := tabulateNegH(&e, workers)
	fwht(f, lowBits(e.N), workers)
	norm := math.Ldexp(1, -e.N)

	res := &Result{Fields: make([]float64, e.N), Orders: map[int][]Term{}}
	for i := range res.Fields {
		res.Fields[i] = f[1<<i] * norm
	}
	for k := 2; k <= min(maxOrder, e.N); k++ {
		terms := allSets(e.N, k)
		for t := range terms {
			mask := 0
			for _, i := range terms[t].Sites[:k] {
				mask |= 1 << i
			}
			terms[t].Value = f[mask] * norm
		}
		res.Orders[k] = terms
	}
	res.setDiagnostics(&e, DefaultDominanceThreshold)
	return res, nil
}

// lowBits is the number of low state bits handled inside one block.
func lowBits(n int) int { return min(n, 12) }

// tabulateNegH returns f[x] = −H(s(x)) for x in [0, 2ᴺ), where bit i of x
// set means s_i = −1 (so that the Walsh coefficient at mask m carries the
// sign Π_{i∈m} s_i). States are split into 2^L low bits and 2^(N−L) high
// bits; per hidden unit the partial fields of both halves are tabulated
// once and each block of 2^L states is filled by one worker.
func tabulateNegH(e *Effective, workers int) []float64 {
	nl := lowBits(e.N)
	nh := e.N - nl
	low := partialSums(e, 0, nl)   // (M+1)×2^nl, row M is the η part
	high := partialSums(e, nl, nh) // (M+1)×2^nh
	nLow, nHigh := 1<<nl, 1<<nh
	f := make([]float64, nLow*nHigh)
	parallelChunks(nHigh, 1, workers, func(_, lo, hi int) {
		for xh := lo; xh < hi; xh++ {
			out := f[xh*nLow : (xh+1)*nLow]
			base := high[e.M*nHigh+xh]
			lowEta := low[e.M*nLow : (e.M+1)*nLow]
			for xl := range out {
				out[xl] = base + lowEta[xl]
			}
			for a := 0; a < e.M; a++ {
				x0 := e.Theta[a] + high[a*nHigh+xh]
				addLogCosh(out, x0, low[a*nLow:(a+1)*nLow])
			}
		}
	})
	return f
}

// addLogCosh adds log cosh(x0 + u[j]) to dst[j] for every j.
func addLogCosh(dst []float64, x0 float64, u []float64) {
	u = u[:len(dst)]
	for j := range dst {
		dst[j] += logCosh(x0 + u[j])
	}
}

// partialSums returns a (M+1)×2ⁿ table: entry [a][x] = Σ_{j<n} w_(off+j)a s_j
// for a < M and entry [M][x] = Σ_j η_(off+j) s_j, with s_j = −1 when bit j
// of x is set.
func partialSums(e *Effective, off, n int) []float64 {
	size := 1 << n
	t := make([]float64, (e.M+1)*size)
	for a := 0; a <= e.M; a++ {
		row := t[a*size : (a+1)*size]
		coef := func(j int) float64 {
			if a == e.M {
				return e.Eta[off+j]
			}
			return e.W[(off+j)*e.M+a]
		}
		for j := 0; j < n; j++ {
			row[0] += coef(j)
		}
		for x := 1; x < size; x++ {
			j := lowestBit(x)
			row[x] = row[x&^(1<<j)] - 2*coef(j)
		}
	}
	return t
}

func lowestBit(x int) int {
	j := 0
	for x&1 == 0 {
		x >>= 1
		j++
	}
	return j
}

// fwht applies the unnormalised Walsh–Hadamard transform in place,
// F[m] = Σ_x f[x] (−1)^popcount(x&m), len(f) a power of two. Stages within
// blocks of 2^nl entries run block-parallel, the remaining stages run
// parallel over pairs of blocks; every butterfly is the same arithmetic
// whatever the worker count.
func fwht(f []float64, nl, workers int) {
	bs := 1 << nl
	nBlocks := len(f) / bs
	parallelChunks(nBlocks, 1, workers, func(_, lo, hi int) {
		for b := lo; b < hi; b++ {
			fwhtBlock(f[b*bs : (b+1)*bs])
		}
	})
	for hb := 1; hb < nBlocks; hb <<= 1 {
		// Pair block b (bit hb clear) with block b+hb.
		parallelChunks(nBlocks/2, 1, workers, func(_, lo, hi int) {
			for p := lo; p < hi; p++ {
				b := (p/hb)*2*hb + p%hb
				butterfly(f[b*bs:(b+1)*bs], f[(b+hb)*bs:(b+hb+1)*bs])
			}
		})
	}
}

func fwhtBlock(f []float64) {
	for h := 1; h < len(f); h <<= 1 {
		for i := 0; i < len(f); i += 2 * h {
			butterfly(f[i:i+h], f[i+h:i+2*h])
		}
	}
}

// butterfly replaces (x, y) by (x+y, x−y) elementwise.
func butterfly(x, y []float64) {
	y = y[:len(x)]
	for j, a := range x {
		b := y[j]
		x[j], y[j] = a+b, a-b
	}
}
