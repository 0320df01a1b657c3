// Package pipeline declares what a stage is, the run directory every stage
// reads and writes, and the manifest that records each stage's parameters,
// seed, inputs, outputs and status.
//
// # Run directory
//
// A run directory holds one pipeline run under fixed names (see [RunDir]):
// dataset.parquet, train.parquet and test.parquet, model/, checkpoints/<update>/,
// metrics.parquet, samples.parquet, couplings/, truth/, evaluation.json,
// plots/ and manifest.json. The contract is documented in docs/formats.md.
//
// # Pipeline files, caching and sweeps
//
// [Parse] reads a pipeline file (YAML: the input, each stage's settings as
// flag: value pairs, the run directory, an optional sweep grid) and reports
// every problem at once with its line and column. A [Runner] executes a run
// directory's [Step]s in order and skips each step whose key — [StageKey]
// over its input files' sha256, its effective settings and the version —
// matches a successful manifest record whose outputs are intact; an
// interrupted step with an unchanged key resumes. A sweep's points share
// the upstream stages' outputs through [LinkStep], and [File.WriteSummary]
// tabulates their key figures. [Emit] writes the Slurm and Taskfile recipes
// that spread a sweep over a batch scheduler. The command-line side (which
// flags a stage has, how they map to its options) lives in cmd/spinfer;
// docs/pipelines.md documents the file format.
package pipeline
