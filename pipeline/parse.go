package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Schema tells [Parse] what each stage accepts. The command builds it from
// its flag definitions, so a pipeline file and the command line share one
// vocabulary.
type Schema struct {
	// Keys lists the settings (flag names without dashes) of each stage.
	Keys map[string][]string
	// Fixtures lists the names `fixture:` accepts.
	Fixtures []string
	// Check validates one stage's settings (key → value, as in the file)
	// for the run directory run. A problem with Key "" concerns the block
	// as a whole. Nil skips the check.
	Check func(stage, run string, settings map[string]string) []Problem
}

// Problem is one invalid setting found by [Schema.Check].
type Problem struct{ Key, Msg string }

// topKeys are the keys a pipeline file may have at its top level.
var topKeys = []string{"description", "run", "data", "fixture", "truth", "ingest", "generate",
	"train", "mixing", "sample", "couplings", "evaluate", "sweep"}

// parser collects every problem of one file.
type parser struct {
	path   string
	dir    string
	schema Schema
	errs   FileErrors
	f      *File
}

func (p *parser) errorf(pos Pos, format string, a ...any) {
	p.errs = append(p.errs, FileError{File: p.path, Pos: pos, Msg: fmt.Sprintf(format, a...)})
}

func posOf(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

// Parse reads and validates the pipeline file at path, reporting every
// problem at once as [FileErrors] ("file:line:col: message"). Relative
// paths in the file are resolved against its directory. run, when not
// empty, replaces the file's run directory (and is resolved against the
// working directory). Parse writes nothing.
func Parse(path, run string, s Schema) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, FileErrors{{File: path, Msg: err.Error()}}
	}
	p := &parser{path: path, dir: filepath.Dir(path), schema: s,
		f: &File{Path: path, Blocks: map[string]Block{}}}
	root, ferr := decodeOne(path, b)
	if ferr != nil {
		return nil, FileErrors{*ferr}
	}
	p.top(root)
	if run != "" {
		p.f.Run = run
	}
	p.crossChecks(root)
	if p.checkGridSize() {
		p.checkStages()
	}
	if len(p.errs) > 0 {
		return nil, p.errs.sorted()
	}
	return p.f, nil
}

// decodeOne returns the top-level mapping of the file's single YAML
// document. A second document ("---") is refused rather than ignored.
func decodeOne(path string, b []byte) (*yaml.Node, *FileError) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var root, extra yaml.Node
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		fe := yamlError(path, err)
		return nil, &fe
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, &FileError{File: path, Pos: Pos{1, 1},
			Msg: "a pipeline file is a mapping of keys (run:, data:, train:, …)"}
	}
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
		return root.Content[0], nil
	case err != nil:
		fe := yamlError(path, err)
		return nil, &fe
	}
	at := Pos{extra.Line, 1}
	if len(extra.Content) > 0 {
		at = posOf(extra.Content[0])
	}
	return nil, &FileError{File: path, Pos: at,
		Msg: "a second YAML document (after ---): a pipeline file holds one"}
}

// deref returns the node an alias (*name) stands for, else n itself.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a YAML syntax error into a positioned file error.
func yamlError(path string, err error) FileError {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return FileError{File: path, Pos: Pos{line, 1}, Msg: m[2]}
	}
	return FileError{File: path, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// top reads the top-level mapping.
func (p *parser) top(doc *yaml.Node) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], deref(doc.Content[i+1])
		switch {
		case seen[k.Value]:
			p.errorf(posOf(k), "%s: given twice", k.Value)
			continue
		case !slices.Contains(topKeys, k.Value):
			p.errorf(posOf(k), "unknown key %q%s", k.Value, didYouMean(k.Value, topKeys))
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "description":
			p.f.Description = p.scalar(k, v)
		case "run":
			p.f.Run = p.path1(k, v)
		case "data":
			p.f.Data = p.path1(k, v)
		case "truth":
			p.f.Truth = p.path1(k, v)
		case "fixture":
			p.f.Fixture = p.scalar(k, v)
		case "sweep":
			p.sweep(v)
		default:
			p.f.Blocks[k.Value] = p.block(k, v)
		}
	}
}

// scalar returns the value of a scalar node, reporting anything else.
func (p *parser) scalar(k, v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		p.errorf(posOf(v), "%s: want a single value", k.Value)
		return ""
	}
	return v.Value
}

// path1 returns a scalar path resolved against the file's directory.
func (p *parser) path1(k, v *yaml.Node) string {
	s := p.scalar(k, v)
	if s == "" || filepath.IsAbs(s) {
		return s
	}
	return filepath.Join(p.dir, s)
}

// block reads one stage's settings.
func (p *parser) block(k, v *yaml.Node) Block {
	b := Block{Present: true, Pos: posOf(k)}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return b // "mixing:" alone runs the stage with its defaults
	}
	if v.Kind != yaml.MappingNode {
		p.errorf(posOf(v), "%s: want a mapping of settings (flag: value)", k.Value)
		return b
	}
	known := p.schema.Keys[k.Value]
	for i := 0; i+1 < len(v.Content); i += 2 {
		sk, sv := v.Content[i], deref(v.Content[i+1])
		switch {
		case sk.Tag == "!!merge":
			p.errorf(posOf(sk), "%s: merge keys (<<) are not supported: write the settings out",
				k.Value)
			continue
		case !slices.Contains(known, sk.Value):
			p.errorf(posOf(sk), "%s: unknown setting %q%s", k.Value, sk.Value,
				didYouMean(sk.Value, known))
			continue
		case slices.ContainsFunc(b.Settings, func(s Setting) bool { return s.Key == sk.Value }):
			p.errorf(posOf(sk), "%s: %s given twice", k.Value, sk.Value)
			continue
		}
		val := p.scalar(&yaml.Node{Value: k.Value + "." + sk.Value}, sv)
		if sv.Kind != yaml.ScalarNode || sv.Tag == "!!null" {
			continue // reported; the stage check would only repeat it
		}
		b.Settings = append(b.Settings, Setting{Key: sk.Value, Value: val,
			KeyPos: posOf(sk), ValuePos: posOf(sv)})
	}
	return b
}

// sweep reads the grid: "stage.key: [values]" in file order.
func (p *parser) sweep(v *yaml.Node) {
	if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
		p.errorf(posOf(v), "sweep: want a mapping of stage.setting: [values]")
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, vals := v.Content[i], deref(v.Content[i+1])
		if a, ok := p.axis(k, vals); ok {
			p.f.Sweep = append(p.f.Sweep, a)
		}
	}
}

// axis reads one grid dimension.
func (p *parser) axis(k, vals *yaml.Node) (Axis, bool) {
	stage, key, ok := strings.Cut(k.Value, ".")
	a := Axis{Stage: stage, Key: key, Pos: posOf(k)}
	switch {
	case !ok:
		p.errorf(posOf(k), "sweep: %q: want stage.setting, e.g. train.hidden", k.Value)
		return a, false
	case slices.Contains(UpstreamStages, stage):
		p.errorf(posOf(k), "sweep: %s settings cannot vary: the upstream stages (ingest, "+
			"generate, truth) run once and are shared by every grid point", stage)
		return a, false
	case !slices.Contains(DownstreamStages, stage):
		p.errorf(posOf(k), "sweep: unknown stage %q%s", stage, didYouMean(stage, DownstreamStages))
		return a, false
	case !slices.Contains(p.schema.Keys[stage], key):
		p.errorf(posOf(k), "sweep: %s: unknown setting %q%s", stage, key,
			didYouMean(key, p.schema.Keys[stage]))
		return a, false
	case slices.ContainsFunc(p.f.Sweep, func(b Axis) bool { return b.Name() == a.Name() }):
		p.errorf(posOf(k), "sweep: %s given twice", k.Value)
		return a, false
	case vals.Kind != yaml.SequenceNode || len(vals.Content) == 0:
		p.errorf(posOf(vals), "sweep: %s: want a non-empty list of values", k.Value)
		return a, false
	}
	for _, n := range vals.Content {
		n = deref(n)
		s := p.scalar(k, n)
		if slices.Contains(a.Values, s) {
			p.errorf(posOf(n), "sweep: %s: value %q given twice", k.Value, s)
			continue
		}
		a.Values = append(a.Values, s)
		a.ValuePos = append(a.ValuePos, posOf(n))
	}
	return a, true
}

// crossChecks checks what involves several keys, and the files named.
func (p *parser) crossChecks(doc *yaml.Node) {
	f, at := p.f, Pos{doc.Line, doc.Column}
	if f.Run == "" {
		p.noRun(doc)
	}
	inputs := 0
	for _, set := range []bool{f.Data != "", f.Fixture != "", f.Blocks[StageGenerate].Present} {
		if set {
			inputs++
		}
	}
	if inputs != 1 {
		p.errorf(at, "give exactly one input: data: FILE, fixture: NAME or a generate: block")
	}
	if f.Blocks[StageGenerate].Present && f.Blocks[StageIngest].Present {
		p.errorf(f.Blocks[StageIngest].Pos, "ingest: settings apply to data:, not to generate:")
	}
	if f.Blocks[StageGenerate].Present && f.Truth != "" {
		p.errorf(p.keyPos(doc, "truth"), "truth: generate writes the truth of the data it draws")
	}
	if f.Fixture != "" && !slices.Contains(p.schema.Fixtures, f.Fixture) {
		p.errorf(p.keyPos(doc, "fixture"), "fixture %q: want one of %v%s", f.Fixture,
			p.schema.Fixtures, didYouMean(f.Fixture, p.schema.Fixtures))
	}
	for _, a := range f.Sweep {
		if s, ok := f.Blocks[a.Stage].Get(a.Key); ok {
			p.errorf(s.KeyPos, "%s: %s is a sweep axis (line %d): its value here would never "+
				"be used", a.Stage, a.Key, a.Pos.Line)
		}
	}
	p.checkPath(doc, "data", f.Data, false)
	p.checkPath(doc, "truth", f.Truth, true)
	p.checkRunDir(doc)
	p.checkNames()
}

// MaxPoints is the largest grid a pipeline file may have: beyond it a
// sweep is split into several files (it would also exceed what a Slurm
// job array commonly accepts).
const MaxPoints = 10000

// checkGridSize reports a grid of more than [MaxPoints] points; it returns
// whether the grid is small enough for the stage checks to visit.
func (p *parser) checkGridSize() bool {
	if len(p.f.Sweep) == 0 {
		return true
	}
	n, sizes := 1.0, make([]string, len(p.f.Sweep))
	for i, a := range p.f.Sweep {
		n *= float64(len(a.Values))
		sizes[i] = strconv.Itoa(len(a.Values))
	}
	if n <= MaxPoints {
		return true
	}
	p.errorf(p.f.Sweep[0].Pos, "sweep: %s = %.0f points, more than %d: split the grid into "+
		"several files", strings.Join(sizes, " × "), n, MaxPoints)
	return false
}

// checkRunDir reports a run directory that exists as a file, and inputs
// inside the run directory, where the stages would write over them (a
// data file named dataset.parquet, a truth directory named truth).
func (p *parser) checkRunDir(doc *yaml.Node) {
	run := p.f.Run
	if run == "" {
		return
	}
	if st, err := os.Stat(run); err == nil && !st.IsDir() {
		p.errorf(p.keyPos(doc, "run"), "run: %s exists and is not a directory", run)
		return
	}
	for _, in := range []struct{ key, path string }{{"data", p.f.Data}, {"truth", p.f.Truth}} {
		if in.path != "" && within(run, in.path) {
			p.errorf(p.keyPos(doc, in.key), "%s: %s is inside the run directory %s, where "+
				"the stages write their outputs: give run: a directory of its own", in.key,
				in.path, run)
		}
	}
}

// within reports whether path is dir or lies below it, after resolving
// both to absolute paths without symbolic links (as far as they exist).
func within(dir, path string) bool {
	d, p := realPath(dir), realPath(path)
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath returns the absolute form of path with the symbolic links of
// its longest existing prefix resolved.
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		if cur == filepath.Dir(cur) {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// noRun reports a file without a run directory: an absent run: at the
// top of the file, an empty one at its value. A null or non-scalar value
// was reported by scalar already.
func (p *parser) noRun(doc *yaml.Node) {
	v := topValue(doc, "run")
	switch {
	case v == nil:
		p.errorf(Pos{doc.Line, doc.Column},
			"run: missing (the run directory, or the sweep directory with sweep:)")
	case deref(v).Kind == yaml.ScalarNode && deref(v).Tag != "!!null":
		p.errorf(posOf(v), "run: %q: want the run directory, or the sweep directory with sweep:",
			deref(v).Value)
	}
}

// keyPos returns the position of a top-level key's value.
func (p *parser) keyPos(doc *yaml.Node, key string) Pos {
	if v := topValue(doc, key); v != nil {
		return posOf(v)
	}
	return Pos{}
}

// topValue returns the value node of a top-level key, or nil.
func topValue(doc *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == key {
			return doc.Content[i+1]
		}
	}
	return nil
}

// checkPath reports a named file or directory that is missing or of the
// wrong kind.
func (p *parser) checkPath(doc *yaml.Node, key, path string, dir bool) {
	if path == "" {
		return
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		p.errorf(p.keyPos(doc, key), "%s: %s does not exist", key, path)
	case dir && !st.IsDir():
		p.errorf(p.keyPos(doc, key), "%s: %s is not a directory", key, path)
	case !dir && st.IsDir():
		p.errorf(p.keyPos(doc, key), "%s: %s is a directory, want a data file", key, path)
	}
}

// checkNames reports grid values that would give two points one directory.
func (p *parser) checkNames() {
	for _, a := range p.f.Sweep {
		seen := map[string]string{}
		for i, v := range a.Values {
			n := cleanName(v)
			if prev, ok := seen[n]; ok {
				p.errorf(a.ValuePos[i], "sweep: %s: values %q and %q give the same "+
					"directory name %q", a.Name(), prev, v, n)
			}
			seen[n] = v
		}
	}
}

// checkStages runs the schema's check on each stage's settings, once for
// every combination of the values its sweep axes take.
func (p *parser) checkStages() {
	if p.schema.Check == nil {
		return
	}
	run := p.f.Run
	if run == "" {
		run = "RUN" // reported missing already; the stages' checks need one
	}
	for _, stage := range settingStages {
		if !p.f.HasStage(stage) {
			continue
		}
		var axes []int
		for i, a := range p.f.Sweep {
			if a.Stage == stage {
				axes = append(axes, i)
			}
		}
		for _, pt := range gridPoints(p.f.Sweep, axes) {
			settings := p.f.Settings(stage, Point{Values: pt.values})
			for _, pr := range p.schema.Check(stage, run, settings) {
				p.problem(stage, pr, pt)
			}
		}
	}
}

// problem positions a stage check's problem: at the sweep value that set
// the key, at the key's value in the block, or at the block.
func (p *parser) problem(stage string, pr Problem, pt gridPoint) {
	b := p.f.Blocks[stage]
	pos := b.Pos
	for i, a := range p.f.Sweep {
		if a.Stage == stage && a.Key == pr.Key {
			pos = a.ValuePos[pt.index[i]]
			p.errorf(pos, "%s", pr.Msg)
			return
		}
	}
	if s, ok := b.Get(pr.Key); ok {
		pos = s.ValuePos
	}
	p.errorf(pos, "%s", pr.Msg)
}

// gridPoint is one combination of some axes' values; values[i] is "" for
// an axis not in the combination.
type gridPoint struct {
	values []string
	index  []int
}

// gridPoints returns every combination of the values of the axes listed
// (the last one varying fastest); one empty point when none is listed.
func gridPoints(all []Axis, axes []int) []gridPoint {
	pts := []gridPoint{{values: make([]string, len(all)), index: make([]int, len(all))}}
	for _, ai := range axes {
		var next []gridPoint
		for _, pt := range pts {
			for vi, v := range all[ai].Values {
				q := gridPoint{values: slices.Clone(pt.values), index: slices.Clone(pt.index)}
				q.values[ai], q.index[ai] = v, vi
				next = append(next, q)
			}
		}
		pts = next
	}
	return pts
}
