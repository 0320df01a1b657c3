package formats

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/parquet-go/parquet-go"
)

// pqFile is an open Parquet file with a flat schema.
type pqFile struct {
	path string
	f    *os.File
	pf   *parquet.File
	cols []pqColumn // leaf columns in file order
}

// pqColumn describes one top-level leaf column.
type pqColumn struct {
	name     string
	typ      parquet.Type
	class    int // classBool, …
	optional bool
}

// openParquet opens path and checks that its schema is flat (no groups,
// no repeated columns). The caller closes the file.
func openParquet(path string) (*pqFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(path, err)
	}
	p, err := openParquetFile(path, f)
	if err != nil {
		f.Close()
		return nil, fileErr(path, err)
	}
	return p, nil
}

func openParquetFile(path string, f *os.File) (*pqFile, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, badf("is a directory, not a Parquet file")
	}
	// spinfer needs neither bloom filters nor page indexes; skipping them
	// also avoids decoder paths that panic on some corrupt files.
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true),
		parquet.SkipPageIndex(true))
	if err != nil {
		return nil, badf("not a readable Parquet file: %v", err)
	}
	var sum int64
	for _, rg := range pf.RowGroups() {
		sum += rg.NumRows()
	}
	if sum != pf.NumRows() || sum < 0 {
		return nil, badf("corrupt Parquet footer: %d rows, but its row groups hold %d",
			pf.NumRows(), sum)
	}
	p := &pqFile{path: path, f: f, pf: pf}
	for _, fld := range pf.Schema().Fields() {
		if !fld.Leaf() || fld.Repeated() {
			return nil, badf("column %q is nested or repeated; spinfer reads flat tables only",
				fld.Name())
		}
		p.cols = append(p.cols, pqColumn{
			name: fld.Name(), typ: fld.Type(), class: classify(fld.Type()),
			optional: fld.Optional(),
		})
	}
	return p, nil
}

func (p *pqFile) close() error { return p.f.Close() }

// rows returns the number of rows of the file.
func (p *pqFile) rows() int { return int(p.pf.NumRows()) }

// meta returns the file's key-value metadata.
func (p *pqFile) meta() map[string]string {
	kv := p.pf.Metadata().KeyValueMetadata
	m := make(map[string]string, len(kv))
	for _, e := range kv {
		m[e.Key] = e.Value
	}
	return m
}

// lookup returns the index of the column called name, or −1.
func (p *pqFile) lookup(name string) int {
	for i, c := range p.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

// guard turns a panic inside parquet-go, which some corrupt files
// provoke, into an error wrapping ErrFormat that names path. Every
// exported reader defers it.
func guard(path string, err *error) {
	if r := recover(); r != nil {
		*err = fileErr(path, badf("corrupt Parquet file (decoder failure: %v)", r))
	}
}

// errStop ends a scan early without error.
var errStop = errors.New("stop")

// scan calls fn with consecutive runs of values of column c, row0 being
// the row of vals[0], through every row group in order. fn must not keep
// vals. fn may return errStop to end the scan.
func (p *pqFile) scan(c int, fn func(row0 int, vals []parquet.Value) error) error {
	buf := make([]parquet.Value, valueChunk)
	row := 0
	for g, rg := range p.pf.RowGroups() {
		n, err := scanChunk(rg.ColumnChunks()[c], buf, row, fn)
		row += n
		var fe *FileError
		switch {
		case errors.Is(err, errStop):
			return nil
		case errors.As(err, &fe):
			return err
		case err != nil:
			return fmt.Errorf("column %q, row group %d: %w", p.cols[c].name, g, err)
		}
	}
	if row != p.rows() {
		return badf("column %q has %d values for %d rows", p.cols[c].name, row, p.rows())
	}
	return nil
}

// scanChunk feeds the values of one column chunk to fn and returns how
// many it read.
func scanChunk(cc parquet.ColumnChunk, buf []parquet.Value, row0 int,
	fn func(int, []parquet.Value) error) (int, error) {
	pages := cc.Pages()
	defer pages.Close()
	n := 0
	for {
		pg, err := pages.ReadPage()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		k, err := scanPage(pg, buf, row0+n, fn)
		parquet.Release(pg)
		n += k
		if err != nil {
			return n, err
		}
	}
}

func scanPage(pg parquet.Page, buf []parquet.Value, row0 int,
	fn func(int, []parquet.Value) error) (int, error) {
	vr := pg.Values()
	n := 0
	for {
		k, err := vr.ReadValues(buf)
		if k > 0 {
			if ferr := fn(row0+n, buf[:k]); ferr != nil {
				return n + k, ferr
			}
		}
		n += k
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// errNull is the problem reported for a null cell.
var errNull = badf("value is null (missing); spinfer tables have no missing values")

// numeric converts the values of column c to float64. Integers beyond
// 2^53 lose precision. Null values are reported by the caller.
func (c pqColumn) numeric() (func(v parquet.Value) float64, error) {
	switch c.class {
	case classBool:
		return func(v parquet.Value) float64 { return b2f(v.Boolean()) }, nil
	case classFloat:
		if c.typ.Kind() == parquet.Float {
			return func(v parquet.Value) float64 { return float64(v.Float()) }, nil
		}
		return func(v parquet.Value) float64 { return v.Double() }, nil
	case classInt:
		if c.typ.Kind() == parquet.Int32 {
			return func(v parquet.Value) float64 { return float64(v.Int32()) }, nil
		}
		return func(v parquet.Value) float64 { return float64(v.Int64()) }, nil
	case classUint:
		if c.typ.Kind() == parquet.Int32 {
			return func(v parquet.Value) float64 { return float64(v.Uint32()) }, nil
		}
		return func(v parquet.Value) float64 { return float64(v.Uint64()) }, nil
	}
	return nil, badf("column %q has type %s, not a number", c.name, typeName(c.typ))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// integer converts the values of column c to int64; ok is false for
// unsigned values beyond the int64 range.
func (c pqColumn) integer() (func(v parquet.Value) (x int64, ok bool), error) {
	switch c.class {
	case classBool:
		return func(v parquet.Value) (int64, bool) { return int64(b2f(v.Boolean())), true }, nil
	case classInt:
		if c.typ.Kind() == parquet.Int32 {
			return func(v parquet.Value) (int64, bool) { return int64(v.Int32()), true }, nil
		}
		return func(v parquet.Value) (int64, bool) { return v.Int64(), true }, nil
	case classUint:
		if c.typ.Kind() == parquet.Int32 {
			return func(v parquet.Value) (int64, bool) { return int64(v.Uint32()), true }, nil
		}
		return func(v parquet.Value) (int64, bool) {
			u := v.Uint64()
			return int64(u), u <= math.MaxInt64
		}, nil
	}
	return nil, badf("column %q has type %s, not an integer", c.name, typeName(c.typ))
}

// readFloat64s reads column c as float64 values; NaN is allowed, nulls
// are errors.
func (p *pqFile) readFloat64s(c int) ([]float64, error) {
	conv, err := p.cols[c].numeric()
	if err != nil {
		return nil, fileErr(p.path, err)
	}
	out := make([]float64, 0, p.rows())
	err = p.scan(c, func(row0 int, vals []parquet.Value) error {
		for k, v := range vals {
			if v.IsNull() {
				return cellErr(p.path, row0+k, p.cols[c].name, errNull)
			}
			out = append(out, conv(v))
		}
		return nil
	})
	return out, fileErr(p.path, err)
}

// readInt64s reads integer (or boolean) column c.
func (p *pqFile) readInt64s(c int) ([]int64, error) {
	conv, err := p.cols[c].integer()
	if err != nil {
		return nil, fileErr(p.path, err)
	}
	out := make([]int64, 0, p.rows())
	err = p.scan(c, func(row0 int, vals []parquet.Value) error {
		for k, v := range vals {
			x, ok := conv(v)
			if v.IsNull() || !ok {
				return cellErr(p.path, row0+k, p.cols[c].name, valueProblem(v))
			}
			out = append(out, x)
		}
		return nil
	})
	return out, fileErr(p.path, err)
}

func valueProblem(v parquet.Value) error {
	if v.IsNull() {
		return errNull
	}
	return badf("value %v is out of the int64 range", v)
}

// readStrings reads string column c.
func (p *pqFile) readStrings(c int) ([]string, error) {
	if p.cols[c].class != classString {
		return nil, fileErr(p.path, badf("column %q has type %s, not string",
			p.cols[c].name, typeName(p.cols[c].typ)))
	}
	out := make([]string, 0, p.rows())
	err := p.scan(c, func(row0 int, vals []parquet.Value) error {
		for k, v := range vals {
			if v.IsNull() {
				return cellErr(p.path, row0+k, p.cols[c].name, errNull)
			}
			out = append(out, string(v.ByteArray()))
		}
		return nil
	})
	return out, fileErr(p.path, err)
}
