// Package suite is spinfer's validation benchmark: a suite of inverse
// problems whose answers are known, each run end to end with the spinfer
// binary, scoring the couplings derived from a trained RBM side by side
// with the pairwise baselines nmf (naive mean-field) and plm
// (pseudo-likelihood) on the same data. [Run] runs it; the front ends are
// `spinfer bench validate` and `go run ./bench/validate` (same flags).
//
// # Cases
//
// Each case (see [Default]) draws one dataset with `spinfer generate` into
// OUT/<case>/ (dataset.parquet and truth/), then runs every method into
// its own run directory OUT/<case>/<method>/:
//
//   - rbm-pcd, rbm-rdm: `spinfer train` with that protocol, then
//     `spinfer couplings` (Gaussian method, up to the case's order);
//   - nmf, plm: `spinfer couplings --method nmf|plm` on the dataset;
//
// and scores it with `spinfer evaluate` against truth/ (evaluation.json).
// Every command run is appended to OUT/commands.sh and its output to
// OUT/<case>/<method>.log.
//
// # Output
//
// OUT/validation.parquet has one row per case, method and coupling order
// compared (2, and 3 where the truth has triplets): Δ_J, RMSE, Pearson r,
// ROC-AUC of |J| at finding the true non-zero sets, precision of the top-K
// |J| (K = number of true non-zero sets), fields RMSE, and wall times in
// seconds, and the least-squares slope of inferred on true couplings
// (1 for an unbiased estimate; below 1 when couplings are shrunk).
// Couplings are in units of kT, Ising basis. OUT/validation.md
// holds the same table in Markdown for docs/validation.md.
//
// Wall times include process start and file I/O; they are measured on a
// shared machine and vary by 20–30 % between runs.
//
// References:
//
//	Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective couplings
//	with Restricted Boltzmann Machines. SciPost Phys. 16, 095 (2024),
//	arXiv:2309.02292 (the 7×7 Edwards–Anderson reference point, Δ_J).
//	Decelle, Navas Gómez, Seoane. Inferring higher-order couplings with
//	neural networks. Phys. Rev. Lett. 135, 207301 (2025), arXiv:2501.06108
//	(planted triplets).
//	Agoritsas, Catania, Decelle, Seoane. Explaining the effects of
//	non-convergent sampling in the training of Energy-Based Models.
//	ICML 2023 (rdm against pcd).
package suite
