// Package formats holds every byte of spinfer's Arrow and Parquet handling:
// the typed tables of a run directory (dataset, samples, model, couplings,
// metrics) written and read with parquet-go, and Arrow IPC streams for
// piping batches through stdin and stdout with arrow-go.
//
// # Division of work
//
// parquet-go writes and reads every Parquet file: one writer per artifact,
// schemas built at run time (a dataset has one INT8 column per variable),
// zstd compression and key-value metadata. arrow-go is used only for the
// in-memory columnar record batches exchanged as Arrow IPC streams. The
// reasons are written down in docs/formats.md.
//
// # Metadata
//
// Every file carries the key-value pairs spinfer.artifact and
// spinfer.version, plus the artifact-specific keys documented with each
// type.
package formats
