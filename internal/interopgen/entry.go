package main

import (
	"math"
	"strconv"

	"github.com/spinfer/spinfer/formats"
)

// fileEntry describes one Parquet file and its expected content.
type fileEntry struct {
	Path     string            `json:"path"`
	Rows     int               `json:"rows"`
	Columns  []column          `json:"columns"`
	Metadata map[string]string `json:"metadata"`
	Values   map[string][]any  `json:"values,omitempty"`
	Digest   map[string]digest `json:"digest,omitempty"`
}

type column struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// digest sums a large integer column: Sum = Σ x_r, WSum = Σ (r+1)·x_r.
type digest struct {
	Sum  string `json:"sum"`
	WSum string `json:"wsum"`
}

// float encodes a double for JSON, spelling out the non-finite values.
func float(x float64) any {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	}
	return x
}

func floats(x []float64) []any {
	out := make([]any, len(x))
	for i, v := range x {
		out[i] = float(v)
	}
	return out
}

// ints encodes int64 values as decimal strings.
func ints(x []int64) []any {
	out := make([]any, len(x))
	for i, v := range x {
		out[i] = strconv.FormatInt(v, 10)
	}
	return out
}

// small encodes integers that fit in a JSON number exactly.
func small(x []int64) []any {
	out := make([]any, len(x))
	for i, v := range x {
		out[i] = v
	}
	return out
}

func strs(x []string) []any {
	out := make([]any, len(x))
	for i, v := range x {
		out[i] = v
	}
	return out
}

// datasetColumns returns column r-major values of d per variable.
func datasetValues(d *formats.Dataset) map[string][]any {
	vals := make(map[string][]any, d.N())
	for i, name := range d.Names {
		col := make([]any, d.Rows)
		for r := range d.Rows {
			col[r] = int64(d.Values[r*d.N()+i])
		}
		vals[name] = col
	}
	return vals
}

// datasetDigest sums the columns of d.
func datasetDigest(d *formats.Dataset) map[string]digest {
	out := make(map[string]digest, d.N())
	for i, name := range d.Names {
		var s, ws int64
		for r := range d.Rows {
			x := int64(d.Values[r*d.N()+i])
			s += x
			ws += int64(r+1) * x
		}
		out[name] = digest{strconv.FormatInt(s, 10), strconv.FormatInt(ws, 10)}
	}
	return out
}

// tableValues encodes the columns of a table read or written by formats;
// int32 names the columns stored as INT32, which stay JSON numbers.
func tableValues(cols []formats.Column, types map[string]string) map[string][]any {
	vals := make(map[string][]any, len(cols))
	for _, c := range cols {
		switch {
		case c.Float64 != nil:
			vals[c.Name] = floats(c.Float64)
		case c.Int64 != nil && types[c.Name] == "int64":
			vals[c.Name] = ints(c.Int64)
		case c.Int64 != nil:
			vals[c.Name] = small(c.Int64)
		default:
			vals[c.Name] = strs(c.String)
		}
	}
	return vals
}
