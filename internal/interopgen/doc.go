// Command interopgen supports the DuckDB interoperability check in
// .ci/interop: it writes one file of every spinfer artifact kind with
// known values, or prints how package formats reads an existing file, so
// that an independent Parquet reader can be compared with spinfer.
//
// Usage:
//
//	go run ./internal/interopgen -o DIR     # artifacts + DIR/expected.json
//	go run ./internal/interopgen -dump FILE # JSON of FILE as formats reads it
//
// # expected.json
//
// One object {"spinfer_version", "files": [...]}; each file entry has
// "path" (relative to DIR, slash-separated), "rows", "columns" (name and
// type: int8, int32, int64, double, string), "metadata" (key-value pairs
// that must be present with these values) and either "values" (column
// name → list of values) or, for large files, "digest" (column name →
// {"sum", "wsum"} with wsum = Σ_r (r+1)·x_r over 0-based rows r, both as
// decimal strings). Values: int8/int32 as JSON numbers, int64 as decimal
// strings (JSON numbers lose digits beyond 2^53), doubles as JSON numbers
// except "NaN", "Infinity" and "-Infinity", strings as strings.
//
// The -dump output is one such file entry, with every metadata pair, for
// the file given (path as given).
package main
