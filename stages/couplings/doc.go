// Package couplings is the couplings stage: it reads a model directory,
// maps the RBM to its effective multi-body Ising Hamiltonian with package
// hamiltonian (exact Walsh–Hadamard transform or the Gaussian
// approximation) and writes a couplings directory (docs/formats.md).
// Methods nmf and plm instead infer pairwise couplings from the dataset
// with the classical baselines (package stages/baseline), so that they
// can be compared with the RBM's on the same data.
//
// It warns when the model was trained out of equilibrium — the rdm
// protocol, or a mixing diagnostic (mixing.json in the run directory) that
// flagged it — because the Boltzmann distribution of such a model does not
// describe the data and its couplings are not trustworthy.
//
// References:
//
//	Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective couplings
//	with Restricted Boltzmann Machines. SciPost Phys. 16, 095 (2024).
//	Agoritsas, Catania, Decelle, Seoane. Explaining the effects of
//	non-convergent sampling in the training of Energy-Based Models. ICML 2023.
package couplings
