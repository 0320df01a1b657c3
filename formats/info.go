package formats

// ColumnInfo describes one column of a Parquet file.
type ColumnInfo struct {
	Name     string
	Type     string // int8 … int64, uint8 … uint64, float, double, bool, string, or other
	Nullable bool   // declared optional (spinfer writes required columns only)
}

// FileInfo is what a Parquet file's footer says about it.
type FileInfo struct {
	Columns   []ColumnInfo
	Rows      int
	RowGroups int
	Bytes     int64
	Meta      map[string]string // every key-value pair, spinfer's included
}

// ReadFileInfo reads the footer of a flat Parquet file: columns and their
// types, row and row-group counts, size and key-value metadata. It reads
// no data.
func ReadFileInfo(path string) (fi *FileInfo, err error) {
	defer guard(path, &err)
	p, err := openParquet(path)
	if err != nil {
		return nil, err
	}
	defer p.close()
	fi = &FileInfo{Rows: p.rows(), RowGroups: len(p.pf.RowGroups()), Bytes: p.pf.Size(),
		Meta: p.meta()}
	for _, c := range p.cols {
		fi.Columns = append(fi.Columns, ColumnInfo{Name: c.name, Type: typeName(c.typ),
			Nullable: c.optional})
	}
	return fi, nil
}
