// Package generate is the generate stage: it draws spin data from a known
// Hamiltonian, so that spinfer and the classical baselines can be scored
// against couplings they did not see.
//
// # What it writes
//
// Into a run directory:
//
//	dataset.parquet   Samples×N, Ising basis (±1), variables s0 … s{N−1}
//	                  (or the names of a --hamiltonian directory)
//	truth/            the true couplings directory: fields and every order
//	                  2, 3, 4 present (an empty file declares an order zero),
//	                  values in units of kT with β absorbed
//
// The dataset's metadata records the model and its settings, β, the
// sampler, the measured integrated autocorrelation times of the energy and
// of |m| (in sweeps), the burn-in and the spacing of kept samples, the
// number of chains and the seed (MetaKeys lists them). Equal options and
// seed give byte-identical files whatever GOMAXPROCS is.
//
// # Models
//
// A named model (Models) is built with ising.Spec from a PCG stream derived
// from the seed; a Hamiltonian directory is read with formats.ReadCouplings
// and multiplied by Beta (default 1 for it). Couplings are in the Ising
// basis,
//
//	H(s) = − Σ_i h_i s_i − Σ_{i<j} J_ij s_i s_j − Σ J_ijk s_i s_j s_k − …,
//	P(s) ∝ exp(−H(s)).
//
// # Samplers
//
// SamplerAuto picks: exact enumeration when N ≤ 16; Wolff clusters for a
// pairwise ferromagnet without fields; parallel tempering when the terms
// have both signs (Edwards–Anderson, Sherrington–Kirkpatrick, ±J graphs:
// frustration is possible and single-spin chains may stall); Metropolis
// otherwise. Markov chains measure their own decorrelation (package ising)
// and space samples by twice the larger τ.
//
// References:
//
//	Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective couplings
//	with Restricted Boltzmann Machines. SciPost Phys. 16, 095 (2024)
//	(the 2D Edwards–Anderson benchmark, L = 7, β = 0.2).
//	Decelle, Navas Gómez, Seoane. Inferring higher-order couplings with
//	neural networks. Phys. Rev. Lett. 135, 207301 (2025) (planted
//	higher-order interactions).
package generate
