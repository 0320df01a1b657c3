// Package ingest turns the data files of the field into spinfer datasets:
// a matrix of spin configurations, one row per configuration, one int8
// column per variable, in the Ising (±1) or binary (0/1) basis, written as
// dataset.parquet (and train.parquet, test.parquet) by [Run].
//
// # Formats
//
// The format is recognised from the first bytes of the input, never from
// its name:
//
//   - Text (anything not matched below): one configuration per line,
//     values separated by runs of whitespace (space, tab, CR, VT, FF), or
//     by commas when the first non-comment line holds a comma (fields are
//     then trimmed of whitespace and an empty field is an error). Lines
//     whose first non-blank character is '#' and blank lines are skipped;
//     CRLF line ends, a missing final newline and a UTF-8 byte order mark
//     are fine. Values are
//     decimal numbers: "1", "-1", "0", "+1", "1.0",
//     "1.000000000000000000e+00" and every other spelling of a number that
//     strconv reads, except hexadecimal floats and digit separators.
//     With [ReadOptions.Transpose] each line is one variable instead
//     (the HGD file of shared/data is written that way).
//   - gzip (1f 8b) holding text or .npy, decompressed as it streams.
//   - zip (PK\x03\x04) holding exactly one file (text, gzip or .npy) read
//     straight from the archive, never unpacked to disk. Directory entries
//     and __MACOSX/ metadata are ignored; two or more files are an error
//     that lists them. Zip needs a file path (random access).
//   - numpy .npy (\x93NUMPY, format versions 1.0, 2.0, 3.0): a 2-D array,
//     configurations × variables, of dtype bool (|b1), int8–int64, uint8–
//     uint64 or float32/float64, little or big endian, C or Fortran order.
//     Other shapes are errors that give the shape; structured and complex
//     dtypes are errors.
//   - Parquet (PAR1), from a path: spinfer's own dataset and samples
//     files (recognised by their spinfer.artifact metadata) through
//     formats.ReadDataset; any other flat table of numeric columns, as
//     pandas' DataFrame.to_parquet writes one, through formats.ReadWide,
//     which skips pandas index columns (reported in the notes).
//   - Arrow IPC stream (ff ff ff ff), e.g. on standard input ("-"): a
//     spinfer dataset as formats.WriteDatasetIPC writes it.
//
// Values are parsed as the bytes stream in: memory holds the result (one
// byte per value, plus one transposed copy when transposing) and the
// longest line, never the whole text. The 90 MB HGD text ingests in under
// a second on two cores with a peak heap near 10 MB (BenchmarkIngestHGD).
//
// # Header rule
//
// The first line that is not blank or a comment is a header when any of
// its non-empty fields is not a number. Its fields name the variables (a pair of
// double quotes around a name is removed); every data line must then have
// as many values as the header has names. Names must be printable text,
// non-empty and unique. In a transposed text the header would name
// configurations, so it is checked like any header but not used (a note
// says so). Without a header variables are named s0 … s{N−1};
// [ReadOptions.Names] overrides either.
//
// # Basis
//
// Without a threshold every value must be −1, 0 or +1, and −1 and 0 may
// not both occur:
//
//	values seen        basis
//	−1 and +1          ising
//	0 and +1           binary
//	only −1            ising
//	only 0             binary
//	only +1            ising: both readings give the spin s = +1; binary
//	                   when the format says so (a bool array, a binary
//	                   spinfer dataset). A note records the choice.
//
// [ReadOptions.Basis] forces "ising" (values must be ±1) or "binary"
// (values must be 0/1). [ReadOptions.Threshold] binarises real-valued data
// such as grey levels: a finite value x becomes 1 when x > threshold, else
// 0 (or −1 with a forced ising basis). Without a threshold a value that is
// not an integer is an error that suggests one. NaN and ±Inf are always
// errors. Columns that hold one value in every row are kept and reported
// in [Result.Constant].
//
// # Errors
//
// Every problem with the input or options is an [*InputError] (or, for
// options, an error wrapping pipeline.ErrInput); [IsInputError] tells the
// command line to exit with status 2. The message is one line naming the
// file, the position and the value where they exist:
//
//	data.txt:17:5: value "2" is outside the basis {-1,+1}
//	data.txt:3: line has 63 values, but the first row (line 1) has 64 (ragged or wrapped rows)
//	x.npy: row 3, column 7: value "NaN" is not a finite number
//	hgd.zip/1kg_xtrain.d: corrupt gzip or deflate data: flate: corrupt input before offset 512
//	empty.txt: file has no data rows (empty, or only comments and blank lines)
//
// For text, the line counts every physical line and the column counts
// fields from 1; arrays and tables give row and column from 1, in the
// file's own orientation. A member of a zip archive is named
// archive.zip/member.
//
// # Split
//
// [Options.TestFraction] F splits the rows into train.parquet and
// test.parquet: round(F·rows) rows chosen by a Fisher–Yates shuffle driven
// by a PCG generator seeded with [Options.Seed], each part keeping the
// original row order and recording the fraction and seed in its metadata.
// Each part needs at least one row.
//
// # Metadata
//
// Besides the keys package formats writes, a dataset from ingest carries
// spinfer.source (the input's base name, "stdin" for standard input),
// spinfer.source_sha256 (of the input bytes as given, e.g. of the zip),
// spinfer.input_format, spinfer.transpose, spinfer.threshold (when set),
// spinfer.basis_note (when the basis was ambiguous) and, for the parts of
// a split, spinfer.split, spinfer.test_fraction and spinfer.split_seed.
package ingest
