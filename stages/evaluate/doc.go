// Package evaluate is the evaluation stage: it measures what a run
// directory holds against what it should reproduce and writes
// evaluation.json and PNG figures in plots/.
//
// # Parts
//
// Each part runs when its inputs are present and is otherwise left out with
// a note; an evaluation with no part at all is an input error.
//
//   - Couplings against truth (couplings/ and truth/, units of kT, Ising
//     basis), per order present on both sides: Δ_J, RMSE, Pearson r, slope
//     and intercept, ROC-AUC and precision of the top-K |J| at finding the
//     true non-zero sets (K = their number), and the mean and standard
//     deviation of the inferred J over the true non-zero sets (the
//     nearest-neighbour bonds of a lattice) and over the true zeros; fields
//     separately. The inferred pairs list every pair, so their ROC-AUC is
//     fair; a screened higher order lists its top K only, which the report
//     says (OrderReport.Selection and Note).
//   - Samples against the training data (samples.parquet against
//     train.parquet, else dataset.parquet): 1-, 2- and 3-point connected
//     correlations, magnetisation histograms, projections on the data's
//     principal components and the nearest-neighbour adversarial accuracy
//     (analysis.CompareSamples), seeded.
//   - The model on the data (model/): mean log-likelihood per
//     configuration on the training and test sets, ℓ = −⟨F(v)⟩ − log Z,
//     with log Z exact when min(N, M) ≤ 24, by annealed importance sampling
//     when asked, not at all otherwise.
//   - The training log (metrics.parquet): its last measures, and the
//     curves of log-likelihood and of the singular values of W.
//
// # Output
//
// evaluation.json (see Result) opens with a summary of the key figures,
// then one section per part, the figures written or skipped, notes, the
// inputs with their sha256 and the seed. JSON has no NaN: values that are
// undefined (a Pearson r against all-zero true fields) or were not
// computed are null (see Number). The file is written atomically and an
// existing one is replaced only with Options.Force. Figures are 750×600
// pixel PNGs (package plots): couplings_order2.png (and orders 3, 4 when
// compared), fields.png, correlations_2pt.png, correlations_3pt.png,
// magnetisation.png, pca.png, training_loglik.png and
// training_singular.png; large scatters are drawn on a seeded subset of
// their points. A figure whose inputs are absent is skipped with its
// reason, and a stale file of that name from an earlier evaluation is
// removed.
//
// # Randomness
//
// Options.Seed is the master seed; triplet subsets and adversarial
// subsamples, AIS chains and plotted subsets each take their own seed
// derived from it with a PCG stream, so a part's result does not depend
// on which other parts ran.
//
// References:
//
//	Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective couplings
//	with Restricted Boltzmann Machines. SciPost Phys. 16, 095 (2024),
//	arXiv:2309.02292 (Δ_J, coupling scatter).
//	Decelle, Navas Gómez, Seoane. Inferring higher-order couplings with
//	neural networks. Phys. Rev. Lett. 135, 207301 (2025), arXiv:2501.06108.
//	Decelle, Furtlehner, Seoane. Equilibrium and non-equilibrium regimes in
//	the learning of Restricted Boltzmann Machines. NeurIPS 2021 (sample
//	statistics, PCA projections, adversarial accuracy).
//	Neal. Annealed importance sampling. Stat. Comput. 11, 125 (2001).
package evaluate
