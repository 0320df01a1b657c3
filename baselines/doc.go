// Package baselines infers pairwise Ising models from spin data with the
// two classical methods spinfer's couplings are compared against: naive
// mean-field inversion and pseudo-likelihood maximisation. It does no I/O.
//
// # Data and output
//
// [Samples] holds R configurations of N spins, R×N row-major int8 with
// entries ±1 (the Ising basis; map binary data with s = 2v − 1 first), and
// optional per-row weights, so that exact data (every configuration
// weighted by its probability) can be fed for tests. Both methods return a
// [Pairwise] model in units of kT,
//
//	H(s) = − Σ_i h_i s_i − Σ_{i<j} J_ij s_i s_j,     P(s) ∝ exp(−H(s)),
//
// with J dense N×N; [Pairwise.Terms] lists the pairs as ising.Term values.
//
// # Naive mean field
//
// [NaiveMeanField]: J_ij = −(C⁻¹)_ij off the diagonal, with C the connected
// correlation matrix, and h_i = atanh(m_i) − Σ_j J_ij m_j. Exact to first
// order in the couplings; O(R N² + N³). A ridge on C's diagonal (setting)
// regularises collinear data.
//
// # Pseudo-likelihood
//
// [PseudoLikelihood]: for each site an L2-penalised logistic regression of
// s_i on the other spins, maximised with gonum's L-BFGS and an analytic
// gradient; couplings are then symmetrised by averaging J_ij and J_ji. The
// default penalty is λ = 1/R on the weighted-mean objective (R rows, or the
// effective number for weighted data), couplings only ([DefaultLambda]).
// Sites run in parallel with results independent of the worker count;
// O(R N) per objective evaluation per site. The data are held once as a
// float64 R×N matrix (8·R·N bytes, 39 MB for 10⁵ samples of 49 spins)
// plus O(R + N) per worker.
//
// # Failures
//
// A column with one value over the data makes a field infinite: both
// methods return a *[ConstantColumnsError] naming the columns. A singular
// correlation matrix gives *[SingularError] (nmf), a site L-BFGS cannot
// converge *[ConvergenceError] (plm).
//
// References:
//
//	H. J. Kappen, F. B. Rodríguez, Neural Comput. 10, 1137 (1998) (nmf).
//	T. Tanaka, Phys. Rev. E 58, 2302 (1998) (nmf and its TAP correction).
//	E. Aurell, M. Ekeberg, Phys. Rev. Lett. 108, 090201 (2012) (plm).
package baselines
