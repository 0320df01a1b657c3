package formats

import "io"

// Column is one column of a generic table: exactly one of Float64, Int64
// and String is non-nil (an empty non-nil slice makes a column of zero
// rows). Float64 columns may hold NaN and ±Inf, written as IEEE values:
// spinfer uses NaN for "not measured at this update", never nulls.
type Column struct {
	Name    string
	Float64 []float64
	Int64   []int64
	String  []string
}

// Len returns the number of values of c.
func (c *Column) Len() int {
	switch {
	case c.Float64 != nil:
		return len(c.Float64)
	case c.Int64 != nil:
		return len(c.Int64)
	}
	return len(c.String)
}

// kinds counts the non-nil slices of c.
func (c *Column) kinds() int {
	n := 0
	for _, set := range []bool{c.Float64 != nil, c.Int64 != nil, c.String != nil} {
		if set {
			n++
		}
	}
	return n
}

func (c *Column) spec() colSpec {
	switch {
	case c.Float64 != nil:
		return colSpec{c.Name, colFloat64}
	case c.Int64 != nil:
		return colSpec{c.Name, colInt64}
	}
	return colSpec{c.Name, colString}
}

// Table is a generic flat table such as metrics.parquet: Columns in file
// order, all of length Rows. Artifact is the spinfer.artifact value ("" for
// a file spinfer did not write) and Meta holds the other metadata pairs
// except spinfer.version and spinfer.rows.
type Table struct {
	Artifact string
	Columns  []Column
	Rows     int
	Meta     map[string]string
}

// Lookup returns the column called name, or nil.
func (t *Table) Lookup(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// tableReserved lists the metadata keys WriteTable sets itself.
var tableReserved = []string{KeyArtifact, KeyVersion, KeyRows}

// validateTable reports every problem of a table about to be written.
func validateTable(artifact string, cols []Column, meta map[string]string) error {
	p := &problems{what: "table"}
	if artifact == "" {
		p.addf("artifact kind is empty")
	}
	names := make([]string, len(cols))
	for i := range cols {
		c := &cols[i]
		names[i] = c.Name
		if k := c.kinds(); k != 1 {
			p.addf("column %q sets %d of Float64, Int64, String; want exactly one", c.Name, k)
		}
		if c.Len() != cols[0].Len() {
			p.addf("column %q has %d values, column %q has %d",
				c.Name, c.Len(), cols[0].Name, cols[0].Len())
		}
	}
	checkNames(p, "column", names)
	checkMetaKeys(p, meta, tableReserved...)
	return p.err()
}

// WriteTable writes cols to path as a Parquet table: float64 columns as
// DOUBLE, int64 as INT64, strings as UTF-8 BYTE_ARRAY, all required, in
// the order given. Metadata: spinfer.artifact = artifact, spinfer.version,
// spinfer.rows, and meta. Atomic; an existing path is refused unless
// force; an invalid table (see [Column]) wraps ErrInvalid.
func WriteTable(path, artifact string, cols []Column, meta map[string]string, force bool) error {
	if err := validateTable(artifact, cols, meta); err != nil {
		return fileErr(path, err)
	}
	specs := make([]colSpec, len(cols))
	for i := range cols {
		specs[i] = cols[i].spec()
	}
	return writeTable(path, artifact, specs, cols, meta, force)
}

// writeTable writes a validated table with the given physical columns
// (a colInt32 spec stores an Int64 column whose values fit in int32).
func writeTable(path, artifact string, specs []colSpec, cols []Column,
	meta map[string]string, force bool) error {
	rows := cols[0].Len()
	return writeAtomic(path, force, func(w io.Writer) error {
		return encodeTable(w, specs, cols, stdMeta(artifact, rows, meta))
	})
}

// encodeTable streams cols into w one row group at a time.
func encodeTable(w io.Writer, specs []colSpec, cols []Column, meta map[string]string) error {
	tw := newTableWriter(w, specs, meta)
	rows, step := cols[0].Len(), groupRows(len(cols))
	for r0 := 0; r0 < rows; r0 += step {
		r1 := min(r0+step, rows)
		for i := range cols {
			if err := putColumn(tw, i, specs[i].kind, &cols[i], r0, r1); err != nil {
				return err
			}
		}
		if err := tw.endGroup(); err != nil {
			return err
		}
	}
	return tw.close()
}

func putColumn(tw *tableWriter, i, kind int, c *Column, r0, r1 int) error {
	switch {
	case kind == colInt32:
		x := c.Int64[r0:r1]
		return tw.putInt32(i, len(x), func(r int) int32 { return int32(x[r]) })
	case c.Float64 != nil:
		return tw.putFloat64s(i, c.Float64[r0:r1])
	case c.Int64 != nil:
		return tw.putInt64s(i, c.Int64[r0:r1])
	}
	return tw.putStrings(i, c.String[r0:r1])
}

// ReadTable reads a flat Parquet table: integer and boolean columns come
// back as Int64 (false = 0, true = 1), FLOAT and DOUBLE as Float64, UTF-8
// strings as String. Other types and null values are errors naming the
// column (and row). Any flat file is accepted; Artifact is "" when the
// file has no spinfer.artifact.
func ReadTable(path string) (t *Table, err error) {
	defer guard(path, &err)
	p, err := openParquet(path)
	if err != nil {
		return nil, err
	}
	defer p.close()
	meta := p.meta()
	if err := checkCount(meta, KeyRows, p.rows()); err != nil {
		return nil, fileErr(path, err)
	}
	t = &Table{Artifact: meta[KeyArtifact], Rows: p.rows(), Meta: extraMeta(meta, tableReserved)}
	for i := range p.cols {
		c, err := readTableColumn(p, i)
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, c)
	}
	return t, nil
}

func readTableColumn(p *pqFile, i int) (Column, error) {
	c := Column{Name: p.cols[i].name}
	var err error
	switch p.cols[i].class {
	case classFloat:
		c.Float64, err = p.readFloat64s(i)
	case classInt, classUint, classBool:
		c.Int64, err = p.readInt64s(i)
	case classString:
		c.String, err = p.readStrings(i)
	default:
		err = fileErr(p.path, badf("column %q has type %s, which spinfer tables do not use",
			p.cols[i].name, typeName(p.cols[i].typ)))
	}
	return c, err
}
