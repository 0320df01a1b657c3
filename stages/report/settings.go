package report

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// readManifest loads manifest.json; an unreadable one is reported in the
// settings section.
func (b *builder) readManifest() {
	if !exists(b.run.Manifest()) {
		return
	}
	m, err := readManifest(b.run.Manifest())
	if err != nil {
		b.res.Notes = append(b.res.Notes, err.Error())
		return
	}
	b.manifest = m
}

// readManifest decodes manifest.json keeping parameter numbers exact
// (seeds may exceed 2⁵³).
func readManifest(path string) (*pipeline.Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber()
	m := &pipeline.Manifest{}
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("report: reading %s: %w", path, err)
	}
	if m.Stages == nil {
		m.Stages = map[string]*pipeline.StageRecord{}
	}
	return m, nil
}

// settings writes what ran with which parameters, then the data and model.
func (b *builder) settings(p *page) {
	p.h(2, "Settings")
	switch {
	case b.manifest != nil:
		b.stages(p)
	case exists(b.run.Manifest()):
		b.failed(p, "manifest.json cannot be read")
	default:
		b.missing(p, "manifest.json (what ran, with which settings; every stage run "+
			"from the command line records itself)", b.cmd("ingest INPUT --run %s"))
	}
	b.dataShape(p)
	b.modelShape(p)
}

// stages writes one row per recorded stage, in start order, then each
// stage's parameters.
func (b *builder) stages(p *page) {
	recs := make([]*pipeline.StageRecord, 0, len(b.manifest.Stages))
	for _, r := range b.manifest.Stages {
		recs = append(recs, r)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Start.Before(recs[j].Start) })
	var rows [][]string
	for _, r := range recs {
		seed := "—"
		if r.Seed != nil {
			seed = strconv.FormatUint(*r.Seed, 10)
		}
		status := r.Status
		if r.Error != "" {
			status += ": " + r.Error
		}
		rows = append(rows, []string{r.Stage, status, r.Start.UTC().Format("2006-01-02 15:04:05"),
			seconds(r.Seconds), seed, r.Version, short(r.Key)})
	}
	p.para("From `manifest.json` (spinfer %s). Times are UTC.", b.manifest.Version)
	p.table([]string{"stage", "status", "start", "time", "seed", "version", "key"}, rows)
	p.open("Parameters of each stage")
	defer p.close()
	for _, r := range recs {
		p.h(3, "Stage "+r.Stage)
		params := flatten(r.Params)
		if len(params) == 0 {
			p.para("No parameters recorded.")
			continue
		}
		p.table([]string{"parameter", "value"}, params)
	}
}

// short abbreviates a hash.
func short(key string) string {
	if len(key) > 12 {
		return code(key[:12])
	}
	return code(key)
}

// flatten lists the leaves of decoded JSON as sorted (dotted key, value)
// rows; lists are written as compact JSON.
func flatten(v any) [][]string {
	var rows [][]string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			rows = append(rows, []string{prefix, leaf(v)})
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			walk(name, m[k])
		}
	}
	if v != nil {
		walk("", v)
	}
	return rows
}

// leaf formats one JSON value.
func leaf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		if x == "" {
			return `""`
		}
		return x
	case float64:
		return num(x)
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return x.String()
		}
		if _, err := strconv.ParseUint(x.String(), 10, 64); err == nil {
			return x.String()
		}
		if f, err := x.Float64(); err == nil {
			return num(f)
		}
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(raw)
}

// dataShape describes the dataset and its split from their metadata.
func (b *builder) dataShape(p *page) {
	p.h(3, "Data")
	var rows [][]string
	for _, path := range []string{b.run.Dataset(), b.run.Train(), b.run.Test()} {
		if !exists(path) {
			continue
		}
		fi, err := formats.ReadFileInfo(path)
		if err != nil {
			b.failed(p, "reading %s: %v", filepath.Base(path), err)
			continue
		}
		rows = append(rows, []string{code(filepath.Base(path)), strconv.Itoa(fi.Rows),
			strconv.Itoa(len(fi.Columns)), fi.Meta["spinfer.basis"],
			fi.Meta["spinfer.source"]})
	}
	if len(rows) == 0 {
		b.missing(p, "dataset.parquet", b.cmd("ingest INPUT --run %s"))
		return
	}
	p.table([]string{"file", "rows", "variables", "basis", "source"}, rows)
}

// modelShape describes model/model.json.
func (b *builder) modelShape(p *page) {
	p.h(3, "Model")
	path := b.run.Path(pipeline.ModelDir, "model.json")
	raw, err := os.ReadFile(path)
	if isNotExist(err) {
		b.missing(p, "model/", b.cmd("train --run %s"))
		return
	}
	var m struct {
		Visible  string         `json:"visible"`
		Hidden   string         `json:"hidden"`
		N        int            `json:"n_visible"`
		M        int            `json:"n_hidden"`
		Training map[string]any `json:"training"`
	}
	if err == nil {
		err = json.Unmarshal(raw, &m)
	}
	if err != nil {
		b.failed(p, "reading model/model.json: %v", err)
		return
	}
	p.para("RBM with %d %s visible and %d %s hidden units; trained with protocol %s "+
		"(model/model.json).", m.N, m.Visible, m.M, m.Hidden, code(leaf(m.Training["protocol"])))
}
