package formats

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/parquet-go/parquet-go"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// Row groups are sized in cells (rows × columns) so that wide and narrow
// tables both stream: a writer buffers one row group of compressed pages.
const (
	defaultGroupCells = 1 << 22
	maxGroupRows      = 1 << 20
	valueChunk        = 1024 // values handed to a column writer at once
)

// groupCells is the row-group size target; tests lower it to exercise
// files with several row groups.
var groupCells = defaultGroupCells

// groupRows returns the number of rows per row group for a table of
// ncols columns.
func groupRows(ncols int) int {
	r := groupCells / max(ncols, 1)
	return min(max(r, 1), maxGroupRows)
}

// tableWriter writes one flat Parquet table column by column, one row
// group at a time.
type tableWriter struct {
	w    *parquet.Writer
	cols []*parquet.ColumnWriter
	buf  []parquet.Value
}

// newTableWriter starts a zstd-compressed Parquet file on out. Metadata
// keys are written in sorted order so that equal inputs give equal bytes.
func newTableWriter(out io.Writer, cols []colSpec, meta map[string]string) *tableWriter {
	schema := newSchema(cols)
	w := parquet.NewWriter(out, schema, parquet.Compression(&parquet.Zstd))
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		w.SetKeyValueMetadata(k, meta[k])
	}
	return &tableWriter{w: w, cols: w.ColumnWriters(), buf: make([]parquet.Value, valueChunk)}
}

// putInt32 appends n values get(0) … get(n−1) to column c.
func (t *tableWriter) putInt32(c, n int, get func(r int) int32) error {
	return t.put(c, n, func(r int) parquet.Value { return parquet.Int32Value(get(r)) })
}

// put appends n values to column c in chunks of valueChunk.
func (t *tableWriter) put(c, n int, get func(r int) parquet.Value) error {
	for r0 := 0; r0 < n; r0 += valueChunk {
		vals := t.buf[:min(valueChunk, n-r0)]
		for k := range vals {
			vals[k] = get(r0 + k)
		}
		if _, err := t.cols[c].WriteRowValues(vals); err != nil {
			return fmt.Errorf("writing column %d: %w", c, err)
		}
	}
	return nil
}

func (t *tableWriter) putFloat64s(c int, x []float64) error {
	return t.put(c, len(x), func(r int) parquet.Value { return parquet.DoubleValue(x[r]) })
}

func (t *tableWriter) putInt64s(c int, x []int64) error {
	return t.put(c, len(x), func(r int) parquet.Value { return parquet.Int64Value(x[r]) })
}

func (t *tableWriter) putStrings(c int, x []string) error {
	return t.put(c, len(x), func(r int) parquet.Value {
		return parquet.ByteArrayValue([]byte(x[r]))
	})
}

// endGroup closes the current row group.
func (t *tableWriter) endGroup() error { return t.w.Flush() }

// close writes the footer.
func (t *tableWriter) close() error { return t.w.Close() }

// writeAtomic creates path with fill's Parquet content, refusing an
// existing path unless force. Errors name the path.
func writeAtomic(path string, force bool, fill func(w io.Writer) error) error {
	return fileErr(path, atomicfile.Write(path, force, fill))
}

// stdMeta returns the metadata every artifact carries plus extra, which
// must not set reserved keys (checked by the caller's validation).
func stdMeta(artifact string, rows int, extra map[string]string) map[string]string {
	m := make(map[string]string, len(extra)+3)
	maps.Copy(m, extra)
	m[KeyArtifact] = artifact
	m[KeyVersion] = SpinferVersion
	m[KeyRows] = strconv.Itoa(rows)
	return m
}

// checkMetaKeys reports keys of meta that the writer sets itself.
func checkMetaKeys(p *problems, meta map[string]string, reserved ...string) {
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		if k == "" {
			p.addf("metadata key is empty")
		} else if slices.Contains(reserved, k) {
			p.addf("metadata key %s is reserved (the writer sets it)", k)
		}
	}
}
