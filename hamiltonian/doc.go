// Package hamiltonian maps a trained Restricted Boltzmann Machine to the
// effective multi-body spin Hamiltonian of its visible units: fields, pair,
// triplet and quadruplet couplings in the Ising basis, in units of kT.
//
// # Conventions
//
// Spins s_i ∈ {−1,+1}, sites 0-based, P(s) ∝ exp(−H(s)) and
//
//	−H(s) = Σ_i h_i s_i + Σ_(i<j) J_ij s_i s_j + Σ_(i<j<k) J_ijk s_i s_j s_k + …
//
// Terms list their sites increasingly (Term.Sites[:k]) and orders are in
// lexicographic order of sites. Models with binary visible units
// (v = (1+s)/2) are converted, so the result is always in the Ising basis.
// The package does no I/O and prints nothing.
//
// # From the RBM to a spin Hamiltonian
//
// Summing out the hidden units ([RBM.Effective]) gives, up to a constant,
//
//	−H(s) = Σ_i η_i s_i + Σ_a log cosh(θ_a + Σ_i w_ia s_i)
//	binary visible:  w = W/4, η_i = b_i/2 + Σ_a W_ia/4, θ_a = c_a/2 + Σ_i W_ia/4
//	Ising visible:   w = W/2, η_i = b_i   + Σ_a W_ia/2, θ_a = c_a/2
//
// and the couplings are its Walsh–Fourier coefficients,
// J_S = 2⁻ᴺ Σ_s (Π_(i∈S) s_i)(−H(s)).
//
// Trap: the coefficients of the same function in the binary basis,
// −H = Σ_T a_T Π_(i∈T) v_i, do not give J_S as a_S/2^|S|; every superset
// contributes, J_S = Σ_(T⊇S) a_T/2^|T|.
//
// # Methods
//
// [Exact] tabulates −H over the 2ᴺ states and applies one fast
// Walsh–Hadamard transform: every coefficient to rounding, for
// N ≤ [MaxExactN] = 24 (2ᴺ float64 of memory, 128 MiB at 24). It is the
// oracle the tests hold the other method to.
//
// [Gaussian] writes each coupling as a sum over hidden units of a signed
// 2^|S|-point difference of E[log cosh(θ_a + Σ_(i∈S) ±w_ia + X_a)], where
// X_a = Σ_(j∉S) w_ja s_j is replaced by a normal variable of variance
// Σ_(j∉S) w_ja² (central limit over the other spins; the variance depends
// on S). The one-dimensional expectations use Gauss–Hermite below
// σ = 0.4 and, above, the closed form of E|x+σZ| plus a trapezoid sum over
// the localised rest of log cosh, so accuracy holds for any σ (a fixed
// Gauss–Hermite rule does not: 32 nodes are off by 3 % at σ = 3). When the
// weights are small against σ, the same quantity is evaluated as a series
// in per-unit derivatives, J_(S,a) = Π_i sinh(w_ia ∂) e^(−w_ia²∂²/2)
// G(θ_a; V_a), a few dozen flops per set and unit. Fields and pairs are
// always complete; triplets and quadruplets are complete when their count
// is at most GaussianOptions.MaxAll, otherwise the top K by |J| come from
// a screen on the leading-order rank-M form J_S ≈ Σ_a g_a^(k)(θ_a) Π w_ia,
// re-evaluated with the full formula. [Estimate] and [ExactCost] predict
// time and memory first.
//
// Accuracy of the approximation against Exact (norm-relative, random
// RBMs, N = 12–20): fields ≤ 3e−3, pairs ≤ 2e−2, triplets and quadruplets
// ≤ 0.1 for W ~ N(0, 0.6²); it shrinks like w² as weights shrink. It is
// poor when one weight dominates a hidden unit: Result.Dominance holds
// max_i |w_ia| / ‖w_a‖ per unit and Result.Doubtful the units above the
// threshold (default 0.5).
//
// Screen recall of the true top K triplets (N = 100, M = 20): 1.0 when the
// budget lets the rank-M form score every triplet (the default budget
// does up to N ≈ 670 at M = 20, N ≈ 310 at M = 200); with a pool of 32
// sites, 0.74 (K = 100) and 0.41 (K = 1000) on dense random weights, 1.0
// and 0.62 on feature-like weights; see TestScreenRecall.
//
// # Concurrency
//
// Work is split in fixed chunks over goroutines (Workers, 0 = GOMAXPROCS)
// with per-worker scratch; every value is written by index and merges use
// a strict order, so results are bit-identical for any worker count.
//
// References:
//   - Decelle, Navas Gómez, Seoane. Inferring higher-order couplings with
//     neural networks. Phys. Rev. Lett. 135, 207301 (2025),
//     arXiv:2501.06108.
//   - Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective
//     couplings with Restricted Boltzmann Machines. SciPost Phys. 16, 095
//     (2024), arXiv:2309.02292.
//   - Golub, Welsch. Calculation of Gauss quadrature rules. Math. Comp. 23,
//     221 (1969).
package hamiltonian
