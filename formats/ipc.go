package formats

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// WriteDatasetIPC writes d to w as an Arrow IPC stream (the streaming
// format, suited to pipes): one Int8 field per variable, named and
// ordered as d.Names, non-nullable, in record batches of at most a few
// million cells. The schema metadata holds the same pairs as a dataset
// file (spinfer.artifact = dataset, spinfer.version, spinfer.basis,
// spinfer.rows, spinfer.variables and d.Meta). An invalid d wraps
// ErrInvalid and nothing is written.
func WriteDatasetIPC(w io.Writer, d *Dataset) error {
	return writeDatasetIPC(w, d, ArtifactDataset)
}

// WriteSamplesIPC is [WriteDatasetIPC] with spinfer.artifact = samples.
func WriteSamplesIPC(w io.Writer, d *Dataset) error {
	return writeDatasetIPC(w, d, ArtifactSamples)
}

func writeDatasetIPC(w io.Writer, d *Dataset, artifact string) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("formats: arrow stream: %w", err)
	}
	meta := stdMeta(artifact, d.Rows, d.Meta)
	meta[KeyBasis] = string(d.Basis)
	meta[KeyVars] = strconv.Itoa(d.N())
	keys := slices.Sorted(maps.Keys(meta))
	vals := make([]string, len(keys))
	for k, key := range keys {
		vals[k] = meta[key]
	}
	md := arrow.NewMetadata(keys, vals)
	fields := make([]arrow.Field, d.N())
	for i, name := range d.Names {
		fields[i] = arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int8}
	}
	schema := arrow.NewSchema(fields, &md)
	mem := memory.NewGoAllocator()
	wr := ipc.NewWriter(w, ipc.WithSchema(schema), ipc.WithAllocator(mem))
	step := groupRows(d.N())
	for r0 := 0; r0 < d.Rows; r0 += step {
		if err := writeBatch(wr, schema, mem, d, r0, min(r0+step, d.Rows)); err != nil {
			wr.Close()
			return fmt.Errorf("formats: arrow stream: %w", err)
		}
	}
	if err := wr.Close(); err != nil {
		return fmt.Errorf("formats: arrow stream: %w", err)
	}
	return nil
}

// writeBatch writes rows [r0, r1) of d as one record batch.
func writeBatch(wr *ipc.Writer, schema *arrow.Schema, mem memory.Allocator,
	d *Dataset, r0, r1 int) error {
	n := d.N()
	cols := make([]arrow.Array, n)
	b := array.NewInt8Builder(mem)
	defer b.Release()
	for i := range cols {
		b.Reserve(r1 - r0)
		for r := r0; r < r1; r++ {
			b.UnsafeAppend(d.Values[r*n+i])
		}
		cols[i] = b.NewArray()
	}
	rec := array.NewRecordBatch(schema, cols, int64(r1-r0))
	for _, c := range cols {
		c.Release()
	}
	defer rec.Release()
	return wr.Write(rec)
}

// ReadDatasetIPC reads an Arrow IPC stream written by [WriteDatasetIPC]
// (or any stream with the same metadata whose fields are Int8, Int16,
// Int32, Int64, Uint8 or Bool). name labels the stream in errors ("-",
// "stdin", a file name). The checks are those of [ReadDataset]: artifact,
// basis, counts, and every value in the basis, reported with its row and
// column.
func ReadDatasetIPC(r io.Reader, name string) (*Dataset, error) {
	mem := memory.NewGoAllocator()
	rd, err := ipc.NewReader(r, ipc.WithAllocator(mem))
	if err != nil {
		return nil, fileErr(name, badf("not an Arrow IPC stream: %v", err))
	}
	defer rd.Release()
	d, err := ipcHeader(rd.Schema())
	if err != nil {
		return nil, fileErr(name, err)
	}
	for rd.Next() {
		if err := appendBatch(d, rd.RecordBatch(), name); err != nil {
			return nil, err
		}
	}
	if err := rd.Err(); err != nil {
		return nil, fileErr(name, badf("reading the Arrow stream: %v", err))
	}
	if err := checkCount(d.Meta, KeyRows, d.Rows); err != nil {
		return nil, fileErr(name, err)
	}
	d.Meta = extraMeta(d.Meta, datasetReserved)
	return d, nil
}

// ipcHeader checks the schema of a dataset stream. The returned Meta
// still holds every key; the caller strips the reserved ones.
func ipcHeader(s *arrow.Schema) (*Dataset, error) {
	md := s.Metadata()
	meta := md.ToMap()
	if err := checkArtifact(meta, ArtifactDataset, ArtifactSamples); err != nil {
		return nil, err
	}
	d := &Dataset{Basis: Basis(meta[KeyBasis]), Meta: meta}
	if _, _, ok := d.Basis.Values(); !ok {
		return nil, badf("%s is %q, want %q or %q", KeyBasis, d.Basis, Ising, Binary)
	}
	for _, f := range s.Fields() {
		switch f.Type.ID() {
		case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.BOOL:
		default:
			return nil, badf("field %q has type %s; dataset fields are integers", f.Name, f.Type)
		}
		d.Names = append(d.Names, f.Name)
	}
	p := &problems{what: "dataset"}
	checkNames(p, "field", d.Names)
	if err := p.err(); err != nil {
		return nil, badf("%v", err)
	}
	return d, checkCount(meta, KeyVars, d.N())
}

// appendBatch appends the rows of rec to d, checking every value.
func appendBatch(d *Dataset, rec arrow.RecordBatch, name string) error {
	n, rows := d.N(), int(rec.NumRows())
	r0 := d.Rows
	d.Values = slices.Grow(d.Values, rows*n)[:(r0+rows)*n]
	lo, hi, _ := d.Basis.Values()
	for i := range n {
		col := rec.Column(i)
		for r := range rows {
			x, ok := arrowInt(col, r)
			if !ok || (x != int64(lo) && x != int64(hi)) {
				return cellErr(name, r0+r, d.Names[i], arrowValueProblem(col, r, d.Basis))
			}
			d.Values[(r0+r)*n+i] = int8(x)
		}
	}
	d.Rows += rows
	return nil
}

// arrowInt returns value r of an integer or boolean array; ok is false
// for a null.
func arrowInt(col arrow.Array, r int) (int64, bool) {
	if col.IsNull(r) {
		return 0, false
	}
	switch a := col.(type) {
	case *array.Int8:
		return int64(a.Value(r)), true
	case *array.Int16:
		return int64(a.Value(r)), true
	case *array.Int32:
		return int64(a.Value(r)), true
	case *array.Int64:
		return a.Value(r), true
	case *array.Uint8:
		return int64(a.Value(r)), true
	case *array.Boolean:
		return int64(b2f(a.Value(r))), true
	}
	return 0, false
}

func arrowValueProblem(col arrow.Array, r int, b Basis) error {
	if col.IsNull(r) {
		return errNull
	}
	return badf("value %s is not in the %s", col.ValueStr(r), b.describe())
}
