package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spinfer/spinfer/formats"
)

// expected is the content of expected.json.
type expected struct {
	Version string       `json:"spinfer_version"`
	Files   []*fileEntry `json:"files"`
}

// generate writes every artifact kind into dir, which must be empty or
// absent, then dir/expected.json.
func generate(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s: want an empty or new directory", dir)
	}
	exp := &expected{Version: formats.SpinferVersion}
	steps := []func(string) ([]*fileEntry, error){
		genDatasets, genWide, genModel, genCouplings, genTruth, genMetrics,
	}
	for _, step := range steps {
		entries, err := step(dir)
		if err != nil {
			return err
		}
		exp.Files = append(exp.Files, entries...)
	}
	f, err := os.Create(filepath.Join(dir, "expected.json"))
	if err != nil {
		return err
	}
	if err := writeJSON(f, exp); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stdMeta is the metadata every artifact carries.
func stdMeta(artifact string, rows int) map[string]string {
	return map[string]string{formats.KeyArtifact: artifact,
		formats.KeyVersion: formats.SpinferVersion, formats.KeyRows: strconv.Itoa(rows)}
}

// datasetEntry is the expectation for a dataset or samples file.
func datasetEntry(path, artifact string, d *formats.Dataset) *fileEntry {
	e := &fileEntry{Path: path, Rows: d.Rows, Metadata: stdMeta(artifact, d.Rows)}
	e.Metadata[formats.KeyBasis] = string(d.Basis)
	e.Metadata[formats.KeyVars] = strconv.Itoa(d.N())
	for k, v := range d.Meta {
		e.Metadata[k] = v
	}
	for _, name := range d.Names {
		e.Columns = append(e.Columns, column{name, "int8"})
	}
	e.Values = datasetValues(d)
	return e
}

// genDatasets writes a ±1 and a 0/1 dataset and a samples file, with
// column names that need quoting in SQL.
func genDatasets(dir string) ([]*fileEntry, error) {
	ising := &formats.Dataset{
		Names: []string{"s0", "SNP rs123", "gène_ü", "a.b", `say "hi"`},
		Basis: formats.Ising, Rows: 4,
		Values: []int8{1, -1, -1, 1, 1, -1, -1, 1, -1, -1, 1, 1, 1, 1, 1, -1, 1, -1, 1, -1},
		Meta:   map[string]string{formats.KeySource: "ising.txt", formats.KeySHA256: "0f1e"},
	}
	binary := &formats.Dataset{
		Names: []string{"v0", "v1", "v2"}, Basis: formats.Binary, Rows: 5,
		Values: []int8{0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0},
		Meta:   map[string]string{formats.KeySource: "binary.csv"},
	}
	samples := &formats.Dataset{
		Names: []string{"s0", "s1"}, Basis: formats.Ising, Rows: 3,
		Values: []int8{-1, -1, 1, -1, 1, 1},
		Meta: map[string]string{"spinfer.sampler": "gibbs", "spinfer.steps": "100",
			"spinfer.seed": "18446744073709551615"},
	}
	for _, f := range []struct {
		name  string
		d     *formats.Dataset
		write func(string, *formats.Dataset, bool) error
	}{
		{"dataset_ising.parquet", ising, formats.WriteDataset},
		{"dataset_binary.parquet", binary, formats.WriteDataset},
		{"samples.parquet", samples, formats.WriteSamples},
	} {
		if err := f.write(filepath.Join(dir, f.name), f.d, false); err != nil {
			return nil, err
		}
	}
	return []*fileEntry{
		datasetEntry("dataset_ising.parquet", formats.ArtifactDataset, ising),
		datasetEntry("dataset_binary.parquet", formats.ArtifactDataset, binary),
		datasetEntry("samples.parquet", formats.ArtifactSamples, samples),
	}, nil
}

// genWide writes 6000 configurations of 805 variables (the width of the
// HGD data), which spans two row groups; it is checked by digests.
func genWide(dir string) ([]*fileEntry, error) {
	const rows, n = 6000, 805
	rng := rand.New(rand.NewPCG(2026, 805))
	d := &formats.Dataset{Basis: formats.Ising, Rows: rows, Values: make([]int8, rows*n)}
	for i := range n {
		d.Names = append(d.Names, fmt.Sprintf("snp%03d", i))
	}
	for k := range d.Values {
		d.Values[k] = int8(2*rng.IntN(2) - 1)
	}
	const name = "dataset_wide.parquet"
	if err := formats.WriteDataset(filepath.Join(dir, name), d, false); err != nil {
		return nil, err
	}
	e := datasetEntry(name, formats.ArtifactDataset, d)
	e.Values, e.Digest = nil, datasetDigest(d)
	return []*fileEntry{e}, nil
}

// genModel writes a 4×3 model with negative weights.
func genModel(dir string) ([]*fileEntry, error) {
	m := &formats.Model{
		VisibleNames: []string{"a", "b", "c", "d"}, Visible: formats.UnitIsing,
		Hidden: formats.UnitBernoulli,
		W: []float64{0.5, -0.25, 1e-8, -1.5, 0, 2.75, 0.125, -0.0625, -3,
			1.0 / 3, -2.0 / 3, 100},
		B:        []float64{-0.1, 0.2, -0.3, 0.4},
		C:        []float64{0.01, -0.02, 0},
		Training: map[string]any{"protocol": "pcd", "k": 10, "seed": uint64(42)},
	}
	if err := formats.WriteModel(filepath.Join(dir, "model"), m, false); err != nil {
		return nil, err
	}
	n, nh := m.NVisible(), m.NHidden()
	w := &fileEntry{Path: "model/weights.parquet", Rows: n,
		Metadata: stdMeta(formats.ArtifactWeights, n), Values: map[string][]any{}}
	for a := range nh {
		col := make([]float64, n)
		for i := range n {
			col[i] = m.W[i*nh+a]
		}
		name := formats.HiddenName(a)
		w.Columns = append(w.Columns, column{name, "double"})
		w.Values[name] = floats(col)
	}
	hidden := []string{"h0", "h1", "h2"}
	return []*fileEntry{w,
		biasEntry("model/visible.parquet", formats.ArtifactVisible, "variable",
			m.VisibleNames, m.B),
		biasEntry("model/hidden.parquet", formats.ArtifactHidden, "hidden", hidden, m.C),
	}, nil
}

func biasEntry(path, artifact, label string, names []string, bias []float64) *fileEntry {
	return &fileEntry{Path: path, Rows: len(names), Metadata: stdMeta(artifact, len(names)),
		Columns: []column{{label, "string"}, {"bias", "double"}},
		Values:  map[string][]any{label: strs(names), "bias": floats(bias)}}
}

// sampleCouplings has every order, negative values and a −0 field.
func sampleCouplings() *formats.Couplings {
	return &formats.Couplings{
		Names:  []string{"x0", "x1", "x2", "x3", "x4"},
		Fields: []float64{0.1, -0.2, math.Copysign(0, -1), 0.3, -1e-9},
		Orders: map[int][]formats.Term{
			2: {{Sites: [4]int32{0, 1}, Value: 0.4406}, {Sites: [4]int32{3, 4}, Value: -0.25}},
			3: {{Sites: [4]int32{0, 2, 4}, Value: -0.000367}, {Sites: [4]int32{1, 2, 3},
				Value: 0.031718}},
			4: {{Sites: [4]int32{0, 1, 2, 4}, Value: -0.0125}},
		},
		Meta: map[string]string{"spinfer.method": "gaussian", "spinfer.model": "model"},
	}
}

func genCouplings(dir string) ([]*fileEntry, error) {
	c := sampleCouplings()
	if err := formats.WriteCouplings(filepath.Join(dir, "couplings"), c, false); err != nil {
		return nil, err
	}
	return couplingEntries("couplings", c)
}

// genTruth writes pairs only and an empty (computed, nothing found)
// triplets file.
func genTruth(dir string) ([]*fileEntry, error) {
	c := &formats.Couplings{
		Names:  []string{"x0", "x1", "x2"},
		Orders: map[int][]formats.Term{2: {{Sites: [4]int32{0, 2}, Value: 0.4406}}, 3: {}},
	}
	if err := formats.WriteCouplings(filepath.Join(dir, "truth"), c, false); err != nil {
		return nil, err
	}
	return couplingEntries("truth", c)
}

// couplingEntries lists the files WriteCouplings wrote for c under sub.
func couplingEntries(sub string, c *formats.Couplings) ([]*fileEntry, error) {
	names, err := json.Marshal(c.Names)
	if err != nil {
		return nil, err
	}
	meta := func(artifact string, rows int) map[string]string {
		m := stdMeta(artifact, rows)
		m[formats.KeyVars] = strconv.Itoa(len(c.Names))
		m[formats.KeyNames] = string(names)
		for k, v := range c.Meta {
			m[k] = v
		}
		return m
	}
	var out []*fileEntry
	if c.Fields != nil {
		out = append(out, fieldsEntry(sub, c, meta(formats.ArtifactFields, len(c.Names))))
	}
	files := map[int][2]string{2: {"pairs.parquet", formats.ArtifactPairs},
		3: {"triplets.parquet", formats.ArtifactTriplets},
		4: {"quadruplets.parquet", formats.ArtifactQuadruplets}}
	for k := 2; k <= 4; k++ {
		if terms, ok := c.Orders[k]; ok {
			e := termsEntry(sub+"/"+files[k][0], k, terms)
			e.Metadata = meta(files[k][1], len(terms))
			out = append(out, e)
		}
	}
	return out, nil
}

func fieldsEntry(sub string, c *formats.Couplings, meta map[string]string) *fileEntry {
	idx := make([]any, len(c.Names))
	for i := range idx {
		idx[i] = int64(i)
	}
	return &fileEntry{Path: sub + "/fields.parquet", Rows: len(c.Names), Metadata: meta,
		Columns: []column{{"i", "int32"}, {"variable", "string"}, {"value", "double"}},
		Values: map[string][]any{"i": idx, "variable": strs(c.Names),
			"value": floats(c.Fields)}}
}

// termsEntry expects k INT32 index columns i, j, k, l and a value.
func termsEntry(path string, k int, terms []formats.Term) *fileEntry {
	e := &fileEntry{Path: path, Rows: len(terms), Values: map[string][]any{}}
	for a, site := range []string{"i", "j", "k", "l"}[:k] {
		col := make([]any, len(terms))
		for t := range terms {
			col[t] = int64(terms[t].Sites[a])
		}
		e.Columns = append(e.Columns, column{site, "int32"})
		e.Values[site] = col
	}
	vals := make([]float64, len(terms))
	for t := range terms {
		vals[t] = terms[t].Value
	}
	e.Columns = append(e.Columns, column{"value", "double"})
	e.Values["value"] = floats(vals)
	return e
}

// genMetrics writes a metrics table with int64 values beyond 2^53, NaN,
// infinities, −0 and strings.
func genMetrics(dir string) ([]*fileEntry, error) {
	cols := []formats.Column{
		{Name: "update", Int64: []int64{0, 1, 1 << 53, 1<<53 + 1, math.MaxInt64, math.MinInt64}},
		{Name: "loglik", Float64: []float64{-1.25, math.NaN(), math.Inf(1), math.Inf(-1),
			math.Copysign(0, -1), 1e-300}},
		{Name: "protocol", String: []string{"pcd", "", "ünï", "a b", "x,y", "\"q\""}},
	}
	meta := map[string]string{"spinfer.stage": "train"}
	const name = "metrics.parquet"
	err := formats.WriteTable(filepath.Join(dir, name), formats.ArtifactMetrics, cols, meta, false)
	if err != nil {
		return nil, err
	}
	m := stdMeta(formats.ArtifactMetrics, 6)
	m["spinfer.stage"] = "train"
	types := map[string]string{"update": "int64"}
	return []*fileEntry{{Path: name, Rows: 6, Metadata: m,
		Columns: []column{{"update", "int64"}, {"loglik", "double"}, {"protocol", "string"}},
		Values:  tableValues(cols, types)}}, nil
}
