// Package npy reads and writes numpy's .npy array files (format versions
// 1.0, 2.0 and 3.0) for spinfer's readers of data and of models trained
// elsewhere.
//
// A .npy file is a 6-byte magic string "\x93NUMPY", a two-byte version, a
// little-endian header length (2 bytes in version 1.0, 4 bytes after),
// and a header that is a Python dict literal with the keys descr (the
// dtype, e.g. "<f8"), fortran_order and shape; the elements follow as raw
// bytes, in C (row-major) or Fortran (column-major) order.
//
// [ReadHeader] and [ParseDType] are the low-level pieces for streaming
// readers; [Read] loads a whole numeric array as float64 in C order, and
// [Write] writes one in any supported dtype and either order.
//
// Supported dtypes: bool ("|b1"), signed and unsigned integers of 1, 2, 4
// and 8 bytes, float32 and float64, in either byte order. Structured,
// complex, float16, string and object arrays are refused.
//
// Errors caused by the content of a file wrap [ErrFormat]; a file that
// ends early returns [io.ErrUnexpectedEOF] (or [io.EOF] when it is empty),
// possibly wrapped.
package npy
