package formats

import (
	"fmt"
	"io"
	"maps"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// datasetReserved lists the metadata keys a dataset writer sets itself.
var datasetReserved = []string{KeyArtifact, KeyVersion, KeyBasis, KeyRows, KeyVars}

// Values returns the two values of the basis (−1, +1 or 0, 1); ok is
// false for an unknown basis.
func (b Basis) Values() (lo, hi int8, ok bool) {
	switch b {
	case Ising:
		return -1, 1, true
	case Binary:
		return 0, 1, true
	}
	return 0, 0, false
}

// describe spells the basis and its values for messages.
func (b Basis) describe() string {
	if b == Ising {
		return "ising basis (-1 or +1)"
	}
	return fmt.Sprintf("%s basis (0 or 1)", b)
}

// Validate reports every problem of d at once (up to a bound): no
// variables, empty or duplicate names, an unknown basis, a negative row
// count, len(Values) ≠ Rows×N, values outside the basis, and Meta keys
// the writer sets itself. The error wraps ErrInvalid.
func (d *Dataset) Validate() error {
	p := &problems{what: "dataset"}
	checkNames(p, "variable", d.Names)
	if len(d.Names) > MaxColumns {
		p.addf("%d variables: a Parquet table here holds at most %d columns", len(d.Names), MaxColumns)
	}
	lo, hi, ok := d.Basis.Values()
	if !ok {
		p.addf("basis %q is neither %q nor %q", d.Basis, Ising, Binary)
	}
	switch {
	case d.Rows < 0:
		p.addf("negative row count %d", d.Rows)
	case len(d.Values) != d.Rows*len(d.Names):
		p.addf("%d values for %d rows × %d variables", len(d.Values), d.Rows, len(d.Names))
	case ok:
		for k, v := range d.Values {
			if v != lo && v != hi {
				p.addf("row %d, variable %q: value %d is not in the %s",
					k/len(d.Names), d.Names[k%len(d.Names)], v, d.Basis.describe())
			}
		}
	}
	checkMetaKeys(p, d.Meta, datasetReserved...)
	return p.err()
}

// checkNames reports an empty list, empty names and duplicates.
func checkNames(p *problems, what string, names []string) {
	if len(names) == 0 {
		p.addf("no %ss", what)
	}
	seen := make(map[string]int, len(names))
	for i, name := range names {
		if name == "" {
			p.addf("%s %d has an empty name", what, i)
			continue
		}
		if j, dup := seen[name]; dup {
			p.addf("%ss %d and %d are both named %q", what, j, i, name)
			continue
		}
		seen[name] = i
	}
}

// WriteDataset writes d to path as a dataset artifact: one row per
// configuration, one INT8 column per variable named d.Names[i], in order,
// and no other column. The metadata holds spinfer.artifact = dataset,
// spinfer.version, spinfer.basis, spinfer.rows, spinfer.variables and
// every pair of d.Meta (spinfer.source, spinfer.source_sha256, …).
//
// The file appears atomically; an existing path is refused unless force.
// An invalid d (see [Dataset.Validate]) is an error wrapping ErrInvalid
// and leaves no file.
func WriteDataset(path string, d *Dataset, force bool) error {
	return writeDataset(path, d, ArtifactDataset, force)
}

// WriteSamples writes generated configurations to path with exactly the
// layout of [WriteDataset], so that samples can be re-read as a dataset
// and compared with it; spinfer.artifact is samples and d.Meta records
// how they were drawn.
func WriteSamples(path string, d *Dataset, force bool) error {
	return writeDataset(path, d, ArtifactSamples, force)
}

func writeDataset(path string, d *Dataset, artifact string, force bool) error {
	if err := d.Validate(); err != nil {
		return fileErr(path, err)
	}
	meta := stdMeta(artifact, d.Rows, d.Meta)
	meta[KeyBasis] = string(d.Basis)
	meta[KeyVars] = strconv.Itoa(d.N())
	return writeAtomic(path, force, func(w io.Writer) error {
		return encodeDataset(w, d, meta)
	})
}

// encodeDataset streams d into w one row group at a time.
func encodeDataset(w io.Writer, d *Dataset, meta map[string]string) error {
	n := d.N()
	cols := make([]colSpec, n)
	for i, name := range d.Names {
		cols[i] = colSpec{name: name, kind: colInt8}
	}
	tw := newTableWriter(w, cols, meta)
	step := groupRows(n)
	for r0 := 0; r0 < d.Rows; r0 += step {
		rows := min(step, d.Rows-r0)
		for i := range n {
			base := r0*n + i
			err := tw.putInt32(i, rows, func(r int) int32 { return int32(d.Values[base+r*n]) })
			if err != nil {
				return err
			}
		}
		if err := tw.endGroup(); err != nil {
			return err
		}
	}
	return tw.close()
}

// ReadDataset reads a dataset or samples file written by spinfer (or any
// Parquet file with the same layout and metadata). Columns may be INT8,
// INT16, INT32, INT64 or BOOLEAN (false = 0, true = 1). It checks
// spinfer.artifact, spinfer.basis, and spinfer.rows and
// spinfer.variables when present, and that every value is in the basis;
// a bad value is reported with its row and column. Meta receives every
// metadata pair except the keys the writer sets itself.
func ReadDataset(path string) (d *Dataset, err error) {
	defer guard(path, &err)
	p, err := openParquet(path)
	if err != nil {
		return nil, err
	}
	defer p.close()
	d, err = datasetHeader(p)
	if err != nil {
		return nil, fileErr(path, err)
	}
	d.Values = make([]int8, d.Rows*d.N())
	for i := range d.Names {
		if err := readDatasetColumn(p, d, i); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// datasetHeader checks the metadata and schema of a dataset file and
// returns the dataset without values.
func datasetHeader(p *pqFile) (*Dataset, error) {
	meta := p.meta()
	if err := checkArtifact(meta, ArtifactDataset, ArtifactSamples); err != nil {
		return nil, err
	}
	d := &Dataset{Basis: Basis(meta[KeyBasis]), Rows: p.rows()}
	if _, _, ok := d.Basis.Values(); !ok {
		return nil, badf("%s is %q, want %q or %q", KeyBasis, d.Basis, Ising, Binary)
	}
	for _, c := range p.cols {
		if c.class != classInt && c.class != classUint && c.class != classBool {
			return nil, badf("column %q has type %s; dataset columns are integers",
				c.name, typeName(c.typ))
		}
		d.Names = append(d.Names, c.name)
	}
	if err := checkCount(meta, KeyRows, d.Rows); err != nil {
		return nil, err
	}
	if err := checkCount(meta, KeyVars, d.N()); err != nil {
		return nil, err
	}
	pr := &problems{what: "dataset"}
	checkNames(pr, "column", d.Names)
	if err := pr.err(); err != nil {
		return nil, badf("%v", err)
	}
	d.Meta = extraMeta(meta, datasetReserved)
	return d, nil
}

// checkArtifact checks that spinfer.artifact is one of want.
func checkArtifact(meta map[string]string, want ...string) error {
	got, ok := meta[KeyArtifact]
	if !ok {
		return badf("no %s metadata: not a spinfer %s file (ingest other files first)",
			KeyArtifact, want[0])
	}
	for _, w := range want {
		if got == w {
			return nil
		}
	}
	return badf("%s is %q, want %q", KeyArtifact, got, want)
}

// checkCount compares the count stored under key, when present, with
// the table's.
func checkCount(meta map[string]string, key string, want int) error {
	s, ok := meta[key]
	if !ok {
		return nil
	}
	if got, err := strconv.Atoi(s); err != nil || got != want {
		return badf("%s is %q but the table has %d", key, s, want)
	}
	return nil
}

// extraMeta returns a copy of meta without the reserved keys.
func extraMeta(meta map[string]string, reserved []string) map[string]string {
	m := maps.Clone(meta)
	for _, k := range reserved {
		delete(m, k)
	}
	return m
}

// readDatasetColumn fills variable i of d, checking every value.
func readDatasetColumn(p *pqFile, d *Dataset, i int) error {
	conv, err := p.cols[i].integer()
	if err != nil {
		return fileErr(p.path, err)
	}
	lo, hi, _ := d.Basis.Values()
	n := d.N()
	err = p.scan(i, func(row0 int, vals []parquet.Value) error {
		for k, v := range vals {
			x, ok := conv(v)
			if v.IsNull() || !ok || (x != int64(lo) && x != int64(hi)) {
				return cellErr(p.path, row0+k, d.Names[i], datasetValueProblem(v, d.Basis))
			}
			d.Values[(row0+k)*n+i] = int8(x)
		}
		return nil
	})
	return fileErr(p.path, err)
}

func datasetValueProblem(v parquet.Value, b Basis) error {
	if v.IsNull() {
		return errNull
	}
	return badf("value %v is not in the %s", v, b.describe())
}
