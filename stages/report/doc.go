// Package report is the report stage: it writes report.md, a Markdown page
// with the PNG figures it links (in report/), that sums up one run
// directory, or a sweep directory and each of its runs, for a lab notebook.
//
// # A run
//
// report.md holds, in order: the key figures of evaluation.json; the
// settings of every stage recorded in manifest.json (parameters, seed,
// protocol, version, status, timing) and the shape of the data and model;
// the training curves of metrics.parquet against the update number
// (log-likelihood on the training and test sets, pseudo-log-likelihood per
// site, reconstruction error, the norm of the weight gradient, the largest
// singular values of W, the effective sample size of the Jarzynski protocol
// and the swap rates of parallel tempering, each when measured); the
// inferred couplings against truth/ (units of kT, Ising basis); the
// connected pair and triplet correlations and the magnetisation
// distributions of samples.parquet against the data, |m| included; and the
// equilibration verdict of mixing.json with its overlap curves.
//
// The comparison figures are those of the evaluate stage: the report runs
// evaluate.Run on the run's files with a scratch output directory (so
// evaluation.json and plots/ of the run are left as they are), without the
// log-likelihood part, and keeps its PNG files. The training curves that
// evaluate does not draw, the |m| histograms and the mixing curves are
// drawn here with package plots.
//
// # Partial runs
//
// A section whose artifacts are absent says which file is missing and
// which command makes it; a part that cannot be computed (files that do
// not fit together, a figure that fails) says why. Neither fails the
// report. Only a directory that is neither a run directory (manifest.json
// or any run artifact) nor a sweep directory is an input error.
//
// # A sweep
//
// A sweep directory holds summary.parquet or summary.md and run
// subdirectories (up to three levels down). Its report.md shows the
// summary table and links to each run's report.md, which is written too.
// A pipeline sweep's upstream/ directory (the shared dataset and truth)
// is named once and gets no report of its own: it is not a grid point.
//
// # Output
//
// report/ is written as a whole into a temporary sibling and renamed into
// place, then report.md is written atomically; an existing report is
// replaced only with Options.Force. Links are relative, so the directory
// can be moved or published as it is. Numbers have four significant
// digits.
//
// References:
//
//	Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective couplings
//	with Restricted Boltzmann Machines. SciPost Phys. 16, 095 (2024),
//	arXiv:2309.02292 (coupling scatter, Δ_J).
//	Decelle, Furtlehner, Seoane. Equilibrium and non-equilibrium regimes in
//	the learning of Restricted Boltzmann Machines. NeurIPS 2021 (training
//	curves, sample statistics, the t vs t/2 mixing test).
//	Carbone, Hua, Coste, Vanden-Eijnden. Efficient training of energy-based
//	models using Jarzynski equality. NeurIPS 2023, arXiv:2305.19414 (ESS).
package report
