// Package ising holds known spin Hamiltonians with interactions of order up
// to four, builders for the standard models of the field, samplers for them
// and exact results by enumeration. It does no I/O.
//
// # Conventions
//
// Spins are ±1. A configuration is an []int8 of length N; a set of R
// configurations is R×N row-major. Every Hamiltonian is in the Ising basis
// and in units of kT (β absorbed: a model with coupling J at inverse
// temperature β has J_S = βJ):
//
//	H(s) = − Σ_i h_i s_i − Σ_{i<j} J_ij s_i s_j − Σ_{i<j<k} J_ijk s_i s_j s_k
//	       − Σ_{i<j<k<l} J_ijkl s_i s_j s_k s_l,          P(s) ∝ exp(−H(s)).
//
// A [Term] names its sites 0-based and increasing. [New] builds the per-site
// index that makes a single-flip energy change ΔE_i = 2 s_i f_i cost
// O(degree of i), with local field f_i = h_i + Σ_{S∋i} J_S Π_{j∈S∖i} s_j.
//
// # Models
//
// [Spec.Build] draws periodic 2D and 3D lattices (ferromagnetic, or
// Edwards–Anderson with ±J or Gaussian bonds), the Sherrington–Kirkpatrick
// model (J_ij ~ N(0, J²/N)), sparse Erdős–Rényi graphs of mean degree c,
// planted 3- and 4-body terms on random hyperedges or on the plaquettes of
// a 2D lattice, and Gaussian random fields. Lattice sites are numbered
// row-major (2D: L·row + col) and the wrap-around bonds are included; L ≥ 3
// is required because for L = 2 the two bonds between a pair of sites
// coincide. [LatticeNeighbours] lists the bonds.
//
// # Samplers
//
// [Sample] runs single-spin Metropolis or heat-bath (any order), Wolff
// cluster updates (pairwise ferromagnets without fields), parallel
// tempering, or exact sampling by enumeration (N ≤ [MaxExactSites]).
// Markov chains start from random configurations and measure their own
// decorrelation: a pilot run records the energy and |m| after each sweep
// and estimates their integrated autocorrelation times τ with Sokal's
// automatic window ([IntegratedTime]); the pilot is doubled until its
// second half spans 50τ. Burn-in lasts at least 20τ sweeps (pilot
// included) and kept samples are 2τ sweeps apart (at least one sweep);
// every multiple is a [Config] setting and the measured numbers come back
// in [Result] for the caller to record. Chain c draws from its own PCG
// stream derived from (seed, c), so results do not depend on GOMAXPROCS.
//
// # Exact results
//
// [Enumerate] and [ExactMoments] visit all 2^N states in Gray-code order for
// tests and small-system references; [OnsagerEnergy] and
// [OnsagerMagnetisation] give the infinite 2D ferromagnet.
//
// References:
//
//	L. Onsager, Phys. Rev. 65, 117 (1944) (2D energy).
//	C. N. Yang, Phys. Rev. 85, 808 (1952) (2D spontaneous magnetisation).
//	U. Wolff, Phys. Rev. Lett. 62, 361 (1989) (cluster updates).
//	R. H. Swendsen, J.-S. Wang, Phys. Rev. Lett. 57, 2607 (1986) and
//	K. Hukushima, K. Nemoto, J. Phys. Soc. Jpn. 65, 1604 (1996)
//	(replica exchange / parallel tempering).
//	A. D. Sokal, Monte Carlo methods in statistical mechanics: foundations
//	and new algorithms, Cargèse lectures 1996, Plenum 1997 (τ_int, windowing).
//	D. Sherrington, S. Kirkpatrick, Phys. Rev. Lett. 35, 1792 (1975).
//	S. F. Edwards, P. W. Anderson, J. Phys. F 5, 965 (1975).
package ising
