package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spinfer/spinfer/formats"
)

// readParquet reads a Parquet file: spinfer's own dataset and samples
// files (recognised by their spinfer.artifact metadata) through
// formats.ReadDataset, any other flat numeric table (as pandas writes
// them) through formats.ReadWide.
func readParquet(path string, o ReadOptions) (*Parsed, error) {
	w, err := formats.ReadWide(path)
	if err != nil {
		return nil, formatsErr(path, err)
	}
	switch w.Meta[formats.KeyArtifact] {
	case formats.ArtifactDataset, formats.ArtifactSamples:
		d, err := formats.ReadDataset(path)
		if err != nil {
			return nil, formatsErr(path, err)
		}
		return fromDataset(d, path, "spinfer-"+w.Meta[formats.KeyArtifact], o)
	}
	a := newAlphabet(path, o)
	m := &matrix{rows: w.Rows, cols: len(w.Names), names: w.Names, alpha: a,
		vals: make([]int8, len(w.Values))}
	for k, x := range w.Values {
		v, err := a.real(x, pos{row: k/m.cols + 1, col: k%m.cols + 1})
		if err != nil {
			return nil, err
		}
		m.vals[k] = v
	}
	if m.rows == 0 {
		return nil, &InputError{File: path, Msg: "table has no rows"}
	}
	p, err := m.finish(path, "parquet", o, o.Transpose)
	if err == nil && len(w.Index) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("skipped the pandas index "+
			"column(s) %s", strings.Join(w.Index, ", ")))
	}
	return p, err
}

// readIPC reads a spinfer dataset sent as an Arrow IPC stream.
func readIPC(r io.Reader, name, format string, o ReadOptions) (*Parsed, error) {
	d, err := formats.ReadDatasetIPC(r, name)
	if err != nil {
		return nil, formatsErr(name, err)
	}
	return fromDataset(d, name, format, o)
}

// fromDataset passes a spinfer dataset through the same rules as every
// other input, so that the options (basis, threshold, transpose, names)
// mean the same; an all-(+1) dataset keeps the basis its file states.
func fromDataset(d *formats.Dataset, name, format string, o ReadOptions) (
	*Parsed, error) {
	a := newAlphabet(name, o)
	a.hint = d.Basis
	n := d.N()
	m := &matrix{rows: d.Rows, cols: n, names: d.Names, alpha: a,
		vals: make([]int8, len(d.Values))}
	for k, x := range d.Values {
		v, err := a.integer(int64(x), pos{row: k/n + 1, col: k%n + 1})
		if err != nil {
			return nil, err
		}
		m.vals[k] = v
	}
	if m.rows == 0 {
		return nil, &InputError{File: name, Msg: "dataset has no rows"}
	}
	return m.finish(name, format, o, o.Transpose)
}

// formatsErr turns an error of package formats about the content of a
// file into an *InputError; other errors are wrapped.
func formatsErr(name string, err error) error {
	var fe *formats.FileError
	if !errors.Is(err, formats.ErrFormat) || !errors.As(err, &fe) {
		return fmt.Errorf("ingest: %w", err)
	}
	ie := &InputError{File: fe.Path, Msg: fe.Err.Error(), Err: err}
	if fe.Row >= 0 {
		ie.Row = fe.Row + 1
	}
	if fe.Column != "" {
		ie.Msg = fmt.Sprintf("column %q: %s", fe.Column, ie.Msg)
	}
	return ie
}
