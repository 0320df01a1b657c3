// Package formats holds every byte of spinfer's Arrow and Parquet handling:
// the typed tables of a run directory (dataset, samples, model, couplings,
// metrics) written and read with parquet-go, and Arrow IPC streams for
// piping batches through stdin and stdout with arrow-go. The on-disk
// contract is docs/formats.md; this package is its reference
// implementation.
//
// # Artifacts
//
//	WriteDataset, WriteSamples, ReadDataset
//	    dataset.parquet, train/test.parquet, samples.parquet
//	WriteModel, WriteModelFiles, ReadModel
//	    model/ and checkpoints/<update>/
//	WriteCouplings, ReadCouplings
//	    couplings/ and truth/
//	WriteTable, ReadTable
//	    generic tables such as metrics.parquet
//	ReadWide
//	    numeric Parquet from other tools (pandas), index columns skipped
//	WriteDatasetIPC, WriteSamplesIPC, ReadDatasetIPC
//	    Arrow IPC streams
//	Describe, ReadFileInfo
//	    what a file or directory holds, for people and for checks
//
// # Data layout
//
// Matrices are row-major: a Dataset's Values is Rows×N (configuration r,
// variable i at r*N+i); a Model's W is N×M (visible i, hidden a at i*M+a).
// Couplings are in the Ising basis in units of kT with P(s) ∝ exp(−H),
// H = −Σ h_i s_i − Σ_{i<j} J_ij s_i s_j − …, indices 0-based into the
// dataset variable order, strictly increasing within a term.
//
// # Division of work
//
// parquet-go writes and reads every Parquet file: one writer per artifact,
// schemas built at run time with the columns in the order given (a
// dataset has one INT8 column per variable), zstd compression, dictionary
// encoding for spin columns, and key-value metadata in sorted key order so
// that equal inputs give equal bytes. arrow-go is used only for the
// in-memory columnar record batches exchanged as Arrow IPC streams; its
// Parquet bridge is not imported.
//
// # Metadata
//
// Every file carries the key-value pairs spinfer.artifact,
// spinfer.version and spinfer.rows, plus the artifact-specific keys
// documented with each writer. Writers refuse caller metadata that would
// override the keys they set.
//
// # Writes, reads and errors
//
// Files and directories appear atomically (temporary sibling, sync,
// rename, via internal/atomicfile); an existing path is refused unless
// force, with an error wrapping atomicfile.ErrExists. Writers validate
// their input first and report every problem at once in an error wrapping
// ErrInvalid, leaving nothing on disk. Readers check the content against
// the contract and report problems as *FileError values (file, 0-based
// row, column) wrapping ErrFormat; corrupt files give errors, not panics.
// The package never prints.
package formats
