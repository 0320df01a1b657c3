package report

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/evaluate"
)

// evalPart is one part of the evaluate stage run for the report.
type evalPart struct {
	ran     bool
	res     *evaluate.Result // nil when not run or failed
	err     error            // why it failed
	figures map[string]bool  // figures copied into the figures directory
}

// evalParts are the parts whose figures the report shows.
type evalParts struct {
	couplings, samples, training evalPart
}

// dataPath is the training data samples are compared with: train.parquet
// when present, else dataset.parquet, else "".
func (b *builder) dataPath() string {
	for _, p := range []string{b.run.Train(), b.run.Dataset()} {
		if exists(p) {
			return p
		}
	}
	return ""
}

// seed is the master seed of the comparison figures (Options.Seed).
func (b *builder) seed() uint64 {
	if b.o.Seed != nil {
		return *b.o.Seed
	}
	if b.manifest != nil {
		if r := b.manifest.Stages["evaluate"]; r != nil && r.Seed != nil {
			return *r.Seed
		}
	}
	return 0
}

// evaluateParts runs, each on its own, the parts of the evaluate stage
// whose inputs are present, so that one failing part leaves the others.
func (b *builder) evaluateParts(ctx context.Context) error {
	c, t, s, m := b.run.Couplings(), b.run.Truth(), b.run.Samples(), b.run.Metrics()
	if exists(c) && exists(t) {
		b.parts.couplings = b.evalPart(ctx, func(o *evaluate.Options) {
			o.Couplings, o.Truth = c, t
		})
	}
	if data := b.dataPath(); exists(s) && data != "" {
		b.parts.samples = b.evalPart(ctx, func(o *evaluate.Options) {
			o.Samples, o.Data = s, data
		})
	}
	if exists(m) {
		b.parts.training = b.evalPart(ctx, func(o *evaluate.Options) { o.Metrics = m })
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// evalPart runs evaluate.Run with a scratch output directory on the inputs
// set sets, and copies the figures it drew into the figures directory.
func (b *builder) evalPart(ctx context.Context, set func(*evaluate.Options)) evalPart {
	part := evalPart{ran: true, figures: map[string]bool{}}
	scratch, err := os.MkdirTemp("", "spinfer-report-*")
	if err != nil {
		part.err = err
		return part
	}
	defer os.RemoveAll(scratch)
	o := evaluate.Options{RunDir: scratch, Likelihood: evaluate.LikelihoodNone,
		Seed: b.seed(), Workers: b.o.Workers}
	set(&o)
	if part.res, part.err = evaluate.Run(ctx, o, b.log); part.err != nil {
		return part
	}
	for _, pl := range part.res.Plots {
		if !pl.Written {
			continue
		}
		err := copyFile(filepath.Join(b.figDir, pl.Name), filepath.Join(scratch, pl.Path))
		if err != nil {
			part.err = fmt.Errorf("copying figure %s: %w", pl.Name, err)
			return part
		}
		part.figures[pl.Name] = true
	}
	return part
}

// evalFigure links a figure of the evaluate stage, or says why it is not
// there.
func (b *builder) evalFigure(p *page, part evalPart, name, alt string) {
	if part.figures[name] {
		b.link(p, name, alt)
		return
	}
	if part.res == nil {
		return
	}
	for _, pl := range part.res.Plots {
		if pl.Name == name && pl.Reason != "" {
			p.note("Figure %s not drawn: %s.", name, pl.Reason)
		}
	}
}

// keyFigures writes the summary of evaluation.json.
func (b *builder) keyFigures(p *page) {
	p.h(2, "Key figures")
	res, err := readEvaluation(b.run.Evaluation())
	switch {
	case isNotExist(err):
		b.missing(p, "evaluation.json", b.cmd("evaluate --run %s"))
		p.para("The sections below show figures computed for this report from the " +
			"run's files; `spinfer evaluate` records them (and the log-likelihood of " +
			"the final model) in evaluation.json.")
		return
	case err != nil:
		b.failed(p, "reading evaluation.json: %v", err)
		return
	}
	p.para("From `evaluation.json` (seed %d, %s). Couplings in units of kT, Ising "+
		"basis; log-likelihoods in nats per configuration.", res.Seed, seconds(res.Seconds))
	if stale := b.stale(res); len(stale) > 0 {
		p.note("**Stale:** evaluation.json was computed from an earlier %s; re-run `%s`.",
			joinAnd(stale), b.cmd("evaluate --run %s --force"))
	}
	rows := summaryRows(res.Summary)
	if len(rows) == 0 {
		p.para("evaluation.json holds no key figure.")
		return
	}
	p.table([]string{"figure", "value"}, rows)
}

func readEvaluation(path string) (*evaluate.Result, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	res := &evaluate.Result{}
	if err := json.Unmarshal(raw, res); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// summaryRows lists the key figures that were evaluated.
func summaryRows(s evaluate.Summary) [][]string {
	var rows [][]string
	for _, f := range s.Figures() {
		rows = append(rows, []string{f.Name, num(f.Value)})
	}
	return rows
}

// stale returns the inputs of an evaluation whose content changed since:
// those whose sha256 differs from the latest output of that path recorded
// in the manifest.
func (b *builder) stale(res *evaluate.Result) []string {
	if b.manifest == nil {
		return nil
	}
	var out []string
	for _, in := range res.Inputs {
		if sum, ok := latestOutput(b.manifest, in.Path); ok && sum != in.SHA256 {
			out = append(out, in.Path)
		}
	}
	sort.Strings(out)
	return out
}

// latestOutput returns the sha256 of path as last written by a stage.
func latestOutput(m *pipeline.Manifest, path string) (string, bool) {
	var best *pipeline.StageRecord
	sum := ""
	for _, r := range m.Stages {
		for _, f := range r.Outputs {
			if f.Path == path && (best == nil || r.End.After(best.End)) {
				best, sum = r, f.SHA256
			}
		}
	}
	return sum, best != nil
}

// joinAnd joins words as "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	out := words[0]
	for _, w := range words[1 : len(words)-1] {
		out += ", " + w
	}
	return out + " and " + words[len(words)-1]
}
