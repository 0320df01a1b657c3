package formats

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// Files of a couplings directory. A file is absent when its order was not
// computed.
const (
	FieldsFile      = "fields.parquet"      // i (int32), variable (string), value (float64)
	PairsFile       = "pairs.parquet"       // i, j (int32), value (float64)
	TripletsFile    = "triplets.parquet"    // i, j, k (int32), value (float64)
	QuadrupletsFile = "quadruplets.parquet" // i, j, k, l (int32), value (float64)
)

// KeyNames holds, on every couplings file, the JSON array of the
// variable names in dataset order, so that any one file maps indices to
// names.
const KeyNames = "spinfer.variable_names"

// couplingsReserved lists the metadata keys the couplings writer sets.
var couplingsReserved = []string{KeyArtifact, KeyVersion, KeyRows, KeyVars, KeyNames}

// siteNames are the index columns of the k-body files.
var siteNames = [4]string{"i", "j", "k", "l"}

// orderFile returns the file and artifact kind of the k-body terms.
func orderFile(k int) (file, artifact string) {
	switch k {
	case 2:
		return PairsFile, ArtifactPairs
	case 3:
		return TripletsFile, ArtifactTriplets
	case 4:
		return QuadrupletsFile, ArtifactQuadruplets
	}
	panic(fmt.Sprintf("formats: no file for coupling order %d", k))
}

// Validate reports every problem of c at once: invalid names, Fields of
// the wrong length, orders other than 2, 3, 4, sites out of range or not
// strictly increasing, duplicated terms, non-finite values, and nothing
// to write. The error wraps ErrInvalid.
func (c *Couplings) Validate() error {
	p := &problems{what: "couplings"}
	n := len(c.Names)
	checkNames(p, "variable", c.Names)
	if c.Fields != nil && len(c.Fields) != n {
		p.addf("%d fields for %d variables", len(c.Fields), n)
	}
	checkFinite(p, "field", c.Fields, 0)
	computed := c.Fields != nil
	for _, terms := range c.Orders {
		computed = computed || terms != nil
	}
	if !computed {
		p.addf("nothing to write: no fields and no coupling order")
	}
	for _, k := range slices.Sorted(maps.Keys(c.Orders)) {
		if k < 2 || k > 4 {
			p.addf("order %d is not 2, 3 or 4", k)
			continue
		}
		checkTerms(p, k, n, c.Orders[k])
	}
	checkMetaKeys(p, c.Meta, couplingsReserved...)
	return p.err()
}

// checkTerms checks the k-body terms of a model with n variables.
func checkTerms(p *problems, k, n int, terms []Term) {
	seen := make(map[[4]int32]int, len(terms))
	for t, term := range terms {
		s := term.Sites[:k]
		for a, v := range s {
			if v < 0 || int(v) >= n {
				p.addf("order %d term %d: site %d is out of range [0, %d)", k, t, v, n)
			} else if a > 0 && s[a-1] >= v {
				p.addf("order %d term %d: sites %v are not strictly increasing", k, t, s)
			}
		}
		if math.IsNaN(term.Value) || math.IsInf(term.Value, 0) {
			p.addf("order %d term %d %v: value is %v", k, t, s, term.Value)
		}
		var key [4]int32
		copy(key[:], s)
		if u, dup := seen[key]; dup {
			p.addf("order %d terms %d and %d both have sites %v", k, u, t, s)
		}
		seen[key] = t
	}
}

// WriteCouplings writes c as the couplings directory dir (also used for
// truth/): fields.parquet when Fields is non-nil, and pairs.parquet,
// triplets.parquet, quadruplets.parquet for each non-nil Orders[k] (an
// empty non-nil slice writes a file with no rows: computed, nothing
// kept). Every file carries spinfer.variables, spinfer.variable_names and
// c.Meta. The directory appears atomically; an existing dir is refused
// unless force. An invalid c wraps ErrInvalid.
func WriteCouplings(dir string, c *Couplings, force bool) error {
	if err := c.Validate(); err != nil {
		return fileErr(dir, err)
	}
	names, err := json.Marshal(c.Names)
	if err != nil {
		return fileErr(dir, err)
	}
	meta := maps.Clone(c.Meta)
	if meta == nil {
		meta = map[string]string{}
	}
	meta[KeyVars] = strconv.Itoa(len(c.Names))
	meta[KeyNames] = string(names)
	err = atomicfile.WriteDir(dir, force, func(tmp string) error {
		return writeCouplingsFiles(tmp, c, meta)
	})
	return fileErr(dir, err)
}

func writeCouplingsFiles(dir string, c *Couplings, meta map[string]string) error {
	if c.Fields != nil {
		idx := make([]int64, len(c.Names))
		for i := range idx {
			idx[i] = int64(i)
		}
		cols := []Column{{Name: "i", Int64: idx}, {Name: "variable", String: c.Names},
			{Name: "value", Float64: c.Fields}}
		specs := []colSpec{{"i", colInt32}, {"variable", colString}, {"value", colFloat64}}
		path := filepath.Join(dir, FieldsFile)
		if err := writeTable(path, ArtifactFields, specs, cols, meta, false); err != nil {
			return err
		}
	}
	for k := 2; k <= 4; k++ {
		terms := c.Orders[k]
		if terms == nil {
			continue // not computed
		}
		file, artifact := orderFile(k)
		specs, cols := termColumns(k, terms)
		path := filepath.Join(dir, file)
		if err := writeTable(path, artifact, specs, cols, meta, false); err != nil {
			return err
		}
	}
	return nil
}

// termColumns lays k-body terms out as k INT32 index columns and a value.
func termColumns(k int, terms []Term) ([]colSpec, []Column) {
	specs := make([]colSpec, k+1)
	cols := make([]Column, k+1)
	for a := range k {
		idx := make([]int64, len(terms))
		for t := range terms {
			idx[t] = int64(terms[t].Sites[a])
		}
		specs[a] = colSpec{siteNames[a], colInt32}
		cols[a] = Column{Name: siteNames[a], Int64: idx}
	}
	vals := make([]float64, len(terms))
	for t := range terms {
		vals[t] = terms[t].Value
	}
	specs[k] = colSpec{"value", colFloat64}
	cols[k] = Column{Name: "value", Float64: vals}
	return specs, cols
}

// ReadCouplings reads a couplings directory. Absent files leave Fields or
// Orders[k] nil. The variable names come from spinfer.variable_names,
// which every file must carry and agree on; indices are checked against
// them (range, i<j<k<l, no duplicates). Meta holds the extra metadata of
// the first file present.
func ReadCouplings(dir string) (*Couplings, error) {
	c := &Couplings{Orders: map[int][]Term{}}
	found := false
	files := []string{FieldsFile, PairsFile, TripletsFile, QuadrupletsFile}
	for k, file := range files {
		path := filepath.Join(dir, file)
		t, err := readCouplingsTable(path, k+1)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := mergeCouplings(c, t, k+1, !found); err != nil {
			return nil, fileErr(path, err)
		}
		found = true
	}
	if !found {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fileErr(dir, errors.Join(err, badf("not a couplings directory")))
		}
		return nil, fileErr(dir, badf("no couplings files (%s, %s, %s, %s)", files[0],
			files[1], files[2], files[3]))
	}
	if err := c.Validate(); err != nil {
		return nil, fileErr(dir, badf("%v", err))
	}
	return c, nil
}

// readCouplingsTable reads one couplings file of order k (1 = fields)
// and checks its columns.
func readCouplingsTable(path string, k int) (*Table, error) {
	t, err := ReadTable(path)
	if err != nil {
		return nil, err
	}
	want := []string{"i", "variable", "value"}
	if k > 1 {
		want = append(slices.Clone(siteNames[:k]), "value")
	}
	got := make([]string, len(t.Columns))
	for a, col := range t.Columns {
		got[a] = col.Name
		wantString := col.Name == "variable"
		wantFloat := col.Name == "value"
		ok := (wantString && col.String != nil) || (wantFloat && col.Float64 != nil) ||
			(!wantString && !wantFloat && col.Int64 != nil)
		if !ok {
			return nil, fileErr(path, badf("column %q has the wrong type", col.Name))
		}
	}
	if !slices.Equal(got, want) {
		return nil, fileErr(path, badf("columns %q, want %q", got, want))
	}
	return t, nil
}

// mergeCouplings adds the order-k table t (k = 1: fields) to c; first
// says that t is the first file read, which sets Names and Meta.
func mergeCouplings(c *Couplings, t *Table, k int, first bool) error {
	if _, artifact := couplingsArtifact(k); t.Artifact != artifact {
		return badf("%s is %q, want %q", KeyArtifact, t.Artifact, artifact)
	}
	var names []string
	if err := json.Unmarshal([]byte(t.Meta[KeyNames]), &names); err != nil {
		return badf("%s is not a JSON list of names: %v", KeyNames, err)
	}
	if err := checkCount(t.Meta, KeyVars, len(names)); err != nil {
		return err
	}
	if first {
		c.Names, c.Meta = names, extraMeta(t.Meta, couplingsReserved)
	} else if !slices.Equal(names, c.Names) {
		return badf("%s differs from the other couplings files", KeyNames)
	}
	if k == 1 {
		return mergeFields(c, t)
	}
	terms := make([]Term, t.Rows)
	for a := range k {
		for r, v := range t.Columns[a].Int64 {
			if v < math.MinInt32 || v > math.MaxInt32 {
				return badf("row %d: %s = %d is out of range", r, siteNames[a], v)
			}
			terms[r].Sites[a] = int32(v)
		}
	}
	for r, v := range t.Columns[k].Float64 {
		terms[r].Value = v
	}
	c.Orders[k] = terms
	return nil
}

// mergeFields sets c.Fields from a fields table, which must list every
// variable once.
func mergeFields(c *Couplings, t *Table) error {
	n := len(c.Names)
	if t.Rows != n {
		return badf("%d fields for %d variables", t.Rows, n)
	}
	c.Fields = make([]float64, n)
	seen := make([]bool, n)
	for r, i := range t.Columns[0].Int64 {
		if i < 0 || i >= int64(n) || seen[i] {
			return badf("row %d: i = %d is out of range or repeated", r, i)
		}
		if v := t.Columns[1].String[r]; v != c.Names[i] {
			return badf("row %d: variable %q but variable %d is %q", r, v, i, c.Names[i])
		}
		seen[i] = true
		c.Fields[i] = t.Columns[2].Float64[r]
	}
	return nil
}

// couplingsArtifact returns the file and artifact of order k (1 = fields).
func couplingsArtifact(k int) (file, artifact string) {
	if k == 1 {
		return FieldsFile, ArtifactFields
	}
	return orderFile(k)
}
