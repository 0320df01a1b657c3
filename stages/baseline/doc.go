// Package baseline is the baseline couplings stage: it infers a pairwise
// Ising model directly from a dataset with one of the classical methods of
// package baselines — naive mean-field inversion (nmf) or pseudo-likelihood
// maximisation (plm) — and writes a couplings directory (docs/formats.md)
// that evaluation scores like the RBM's couplings.
//
// The directory holds fields.parquet and pairs.parquet listing every pair
// i < j (zeros included), in the Ising basis and units of kT,
//
//	H(s) = − Σ_i h_i s_i − Σ_{i<j} J_ij s_i s_j,     P(s) ∝ exp(−H(s)).
//
// Binary (0/1) data are mapped with s = 2v − 1 first. The metadata names
// the method, its regularisation (plm: the L2 strength λ used; nmf: the
// ridge on the correlation matrix's diagonal), the source dataset and its
// sha256, and for plm the total and per-site log pseudo-likelihood.
//
// References:
//
//	H. J. Kappen, F. B. Rodríguez, Neural Comput. 10, 1137 (1998) (nmf).
//	E. Aurell, M. Ekeberg, Phys. Rev. Lett. 108, 090201 (2012) (plm).
//	Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective couplings
//	with Restricted Boltzmann Machines. SciPost Phys. 16, 095 (2024)
//	(RBM couplings compared with these baselines).
package baseline
