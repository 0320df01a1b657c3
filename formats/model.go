package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// Files of a model directory.
const (
	WeightsFile   = "weights.parquet" // N rows, FLOAT64 columns h0 … h{M−1}
	VisibleFile   = "visible.parquet" // variable (string), bias (float64); N rows
	HiddenFile    = "hidden.parquet"  // hidden (string h0 …), bias (float64); M rows
	ModelJSONFile = "model.json"      // unit types, sizes and how the model was trained
)

// modelJSON is the content of model.json.
type modelJSON struct {
	Version  string         `json:"spinfer_version"`
	Visible  string         `json:"visible"`
	Hidden   string         `json:"hidden"`
	NVisible int            `json:"n_visible"`
	NHidden  int            `json:"n_hidden"`
	Training map[string]any `json:"training"`
}

// HiddenName returns the name of hidden unit a: "h0", "h1", ….
func HiddenName(a int) string { return fmt.Sprintf("h%d", a) }

// Validate reports every problem of m at once: no visible or hidden
// units, names that are empty, duplicated or not N, len(W) ≠ N×M, unknown
// unit types, and non-finite parameters (the first few are named). The
// error wraps ErrInvalid.
func (m *Model) Validate() error {
	p := &problems{what: "model"}
	n, nh := m.NVisible(), m.NHidden()
	if nh == 0 {
		p.addf("no hidden units (C is empty)")
	}
	if nh > MaxColumns {
		p.addf("%d hidden units: weights.parquet holds at most %d columns", nh, MaxColumns)
	}
	checkNames(p, "variable", m.VisibleNames)
	if len(m.VisibleNames) != n {
		p.addf("%d visible names for %d visible biases", len(m.VisibleNames), n)
	}
	if len(m.W) != n*nh {
		p.addf("W has %d entries, want N×M = %d×%d", len(m.W), n, nh)
	}
	if m.Visible != UnitBernoulli && m.Visible != UnitIsing {
		p.addf("visible unit type %q is neither %q nor %q", m.Visible, UnitBernoulli, UnitIsing)
	}
	if m.Hidden != UnitBernoulli {
		p.addf("hidden unit type %q is not %q", m.Hidden, UnitBernoulli)
	}
	checkFinite(p, "W", m.W, max(nh, 1))
	checkFinite(p, "B", m.B, 0)
	checkFinite(p, "C", m.C, 0)
	return p.err()
}

// checkFinite reports NaN and ±Inf entries of x; cols > 0 names entries
// of a row-major matrix as x[i,a].
func checkFinite(p *problems, name string, x []float64, cols int) {
	for k, v := range x {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			continue
		}
		if cols > 0 {
			p.addf("%s[%d,%d] is %v", name, k/cols, k%cols, v)
		} else {
			p.addf("%s[%d] is %v", name, k, v)
		}
	}
}

// WriteModel writes m as the model directory dir: weights.parquet,
// visible.parquet, hidden.parquet and model.json. The directory appears
// atomically (built in a temporary sibling, then renamed); an existing
// dir is refused unless force, in which case it is replaced only after
// the new one is complete. An invalid m wraps ErrInvalid.
func WriteModel(dir string, m *Model, force bool) error {
	if err := m.Validate(); err != nil {
		return fileErr(dir, err)
	}
	err := atomicfile.WriteDir(dir, force, func(tmp string) error {
		return WriteModelFiles(tmp, m)
	})
	return fileErr(dir, err)
}

// WriteModelFiles writes the four files of a model directory into the
// existing directory dir, refusing files that already exist. It is meant
// for a temporary directory that the caller completes (a checkpoint adds
// its training state) and renames into place; use [WriteModel] otherwise.
func WriteModelFiles(dir string, m *Model) error {
	if err := m.Validate(); err != nil {
		return fileErr(dir, err)
	}
	n, nh := m.NVisible(), m.NHidden()
	if err := writeModelJSON(filepath.Join(dir, ModelJSONFile), m); err != nil {
		return err
	}
	wcols := make([]Column, nh)
	for a := range wcols {
		col := make([]float64, n)
		for i := range col {
			col[i] = m.W[i*nh+a]
		}
		wcols[a] = Column{Name: HiddenName(a), Float64: col}
	}
	hidden := make([]string, nh)
	for a := range hidden {
		hidden[a] = HiddenName(a)
	}
	files := []struct {
		name, artifact string
		cols           []Column
	}{
		{WeightsFile, ArtifactWeights, wcols},
		{VisibleFile, ArtifactVisible, []Column{{Name: "variable", String: m.VisibleNames},
			{Name: "bias", Float64: m.B}}},
		{HiddenFile, ArtifactHidden, []Column{{Name: "hidden", String: hidden},
			{Name: "bias", Float64: m.C}}},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := WriteTable(path, f.artifact, f.cols, nil, false); err != nil {
			return err
		}
	}
	return nil
}

func writeModelJSON(path string, m *Model) error {
	mj := modelJSON{
		Version: SpinferVersion, Visible: m.Visible, Hidden: m.Hidden,
		NVisible: m.NVisible(), NHidden: m.NHidden(), Training: m.Training,
	}
	if mj.Training == nil {
		mj.Training = map[string]any{}
	}
	b, err := json.MarshalIndent(mj, "", "  ")
	if err != nil {
		return fileErr(path, fmt.Errorf("encoding training record: %w", err))
	}
	return writeAtomic(path, false, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// ReadModel reads a model directory (or a checkpoint directory, which
// holds the same files) and checks that the files agree with each other
// and with model.json: weights.parquet has n_visible rows and columns h0 …
// h{n_hidden−1}, visible.parquet n_visible rows, hidden.parquet n_hidden
// rows named h0 …. Numbers in Training come back as json.Number so that
// 64-bit seeds keep every digit.
func ReadModel(dir string) (*Model, error) {
	mj, err := readModelJSON(filepath.Join(dir, ModelJSONFile))
	if err != nil {
		return nil, err
	}
	m := &Model{Visible: mj.Visible, Hidden: mj.Hidden, Training: mj.Training}
	n, nh := mj.NVisible, mj.NHidden
	wpath := filepath.Join(dir, WeightsFile)
	w, err := readModelTable(wpath, ArtifactWeights, n, hiddenNames(nh), "n_visible")
	if err != nil {
		return nil, err
	}
	m.W = make([]float64, n*nh)
	for a, c := range w.Columns {
		for i, v := range c.Float64 {
			m.W[i*nh+a] = v
		}
	}
	vis, err := readModelTable(filepath.Join(dir, VisibleFile), ArtifactVisible, n,
		[]string{"variable", "bias"}, "n_visible")
	if err != nil {
		return nil, err
	}
	m.VisibleNames, m.B = vis.Columns[0].String, vis.Columns[1].Float64
	hpath := filepath.Join(dir, HiddenFile)
	hid, err := readModelTable(hpath, ArtifactHidden, nh, []string{"hidden", "bias"}, "n_hidden")
	if err != nil {
		return nil, err
	}
	if !slices.Equal(hid.Columns[0].String, hiddenNames(nh)) {
		return nil, fileErr(hpath, badf("column \"hidden\" is not h0 … h%d in order", nh-1))
	}
	m.C = hid.Columns[1].Float64
	if err := m.Validate(); err != nil {
		return nil, fileErr(dir, badf("%v", err))
	}
	return m, nil
}

func hiddenNames(nh int) []string {
	names := make([]string, nh)
	for a := range names {
		names[a] = HiddenName(a)
	}
	return names
}

func readModelJSON(path string) (*modelJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr(path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var mj modelJSON
	if err := dec.Decode(&mj); err != nil {
		return nil, fileErr(path, badf("not a model description: %v", err))
	}
	if mj.NVisible < 1 || mj.NHidden < 1 {
		return nil, fileErr(path, badf("n_visible = %d and n_hidden = %d; both must be ≥ 1",
			mj.NVisible, mj.NHidden))
	}
	return &mj, nil
}

// readModelTable reads one Parquet file of a model directory and checks
// its artifact kind, row count and column names; the string columns are
// "variable" and "hidden", every other column is float.
func readModelTable(path, artifact string, rows int, names []string,
	rowsKey string) (*Table, error) {
	t, err := ReadTable(path)
	if err != nil {
		return nil, err
	}
	if t.Artifact != artifact {
		return nil, fileErr(path, badf("%s is %q, want %q", KeyArtifact, t.Artifact, artifact))
	}
	if t.Rows != rows {
		return nil, fileErr(path, badf("%d rows but model.json says %s = %d",
			t.Rows, rowsKey, rows))
	}
	got := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		got[i] = c.Name
	}
	if !slices.Equal(got, names) {
		return nil, fileErr(path, badf("columns %s, want %s", abbrev(got), abbrev(names)))
	}
	for _, c := range t.Columns {
		isString := c.Name == "variable" || c.Name == "hidden"
		if (isString && c.String == nil) || (!isString && c.Float64 == nil) {
			return nil, fileErr(path, badf("column %q has the wrong type", c.Name))
		}
	}
	return t, nil
}

// abbrev lists names, eliding the middle of long lists.
func abbrev(names []string) string {
	const head, tail = 6, 3
	if len(names) <= head+tail+1 {
		return fmt.Sprintf("%q", names)
	}
	return fmt.Sprintf("%q … %q (%d)", names[:head], names[len(names)-tail:], len(names))
}
