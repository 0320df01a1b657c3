package ingest

import (
	"io"
)

// TODO: read Parquet and Arrow IPC inputs through package formats once its
// readers (ReadWide, ReadDataset, ReadDatasetIPC) land.

func readParquet(path string, o ReadOptions) (*Parsed, error) {
	return nil, &InputError{File: path, Msg: "is a Parquet file; reading " +
		"Parquet is not implemented yet"}
}

func readIPC(r io.Reader, name, format string, o ReadOptions) (*Parsed, error) {
	return nil, &InputError{File: name, Msg: "is an Arrow IPC stream; " +
		"reading Arrow IPC is not implemented yet"}
}
