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
package pipeline
