package formats

import (
	"encoding/json"
	"regexp"
	"slices"

	"github.com/parquet-go/parquet-go"
)

// Wide is a numeric table read from an arbitrary flat Parquet file, the
// way pandas' DataFrame.to_parquet (pyarrow) writes one: Values is
// Rows×len(Names), row-major (row r, column i at Values[r*len(Names)+i]).
// Meta holds the file's key-value metadata as is (pandas, ARROW:schema,
// …). Index lists the columns that were skipped as a pandas index.
type Wide struct {
	Names  []string
	Rows   int
	Values []float64
	Meta   map[string]string
	Index  []string
}

// pandasIndexName matches the column names pandas gives unnamed index
// levels.
var pandasIndexName = regexp.MustCompile(`^__index_level_\d+__$`)

// ReadWide reads the numeric columns of a flat Parquet file as float64:
// BOOLEAN (0/1), signed and unsigned integers of any width, FLOAT and
// DOUBLE. Index columns are skipped: those the "pandas" metadata key names
// in index_columns, and any column called __index_level_N__ (a RangeIndex
// is stored as metadata only and has no column). A string or other
// non-numeric column is an error naming the column; a null is an error
// naming its row and column. NaN and ±Inf are returned as they are (the
// caller decides whether they are acceptable). Integers beyond 2^53 lose
// precision.
func ReadWide(path string) (w *Wide, err error) {
	defer guard(path, &err)
	p, err := openParquet(path)
	if err != nil {
		return nil, err
	}
	defer p.close()
	w = &Wide{Rows: p.rows(), Meta: p.meta()}
	index := pandasIndex(w.Meta)
	var keep []int
	for i, c := range p.cols {
		if slices.Contains(index, c.name) || pandasIndexName.MatchString(c.name) {
			w.Index = append(w.Index, c.name)
			continue
		}
		if _, err := c.numeric(); err != nil {
			return nil, fileErr(path, err)
		}
		keep = append(keep, i)
		w.Names = append(w.Names, c.name)
	}
	if len(keep) == 0 {
		return nil, fileErr(path, badf("no data columns"))
	}
	w.Values = make([]float64, w.Rows*len(keep))
	for j, i := range keep {
		if err := readWideColumn(p, w, i, j); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// pandasIndex returns the index column names recorded in the "pandas"
// metadata key, or nil.
func pandasIndex(meta map[string]string) []string {
	var pm struct {
		IndexColumns []json.RawMessage `json:"index_columns"`
	}
	if json.Unmarshal([]byte(meta["pandas"]), &pm) != nil {
		return nil
	}
	var names []string
	for _, raw := range pm.IndexColumns {
		var name string
		if json.Unmarshal(raw, &name) == nil { // a range index is an object
			names = append(names, name)
		}
	}
	return names
}

// readWideColumn stores file column i as column j of w.
func readWideColumn(p *pqFile, w *Wide, i, j int) error {
	conv, _ := p.cols[i].numeric()
	n := len(w.Names)
	err := p.scan(i, func(row0 int, vals []parquet.Value) error {
		for k, v := range vals {
			if v.IsNull() {
				return cellErr(p.path, row0+k, p.cols[i].name, errNull)
			}
			w.Values[(row0+k)*n+j] = conv(v)
		}
		return nil
	})
	return fileErr(p.path, err)
}
