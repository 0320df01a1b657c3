package importmodel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// Protocol is the training protocol recorded for an imported model.
const Protocol = "imported"

// Source describes one input file as it was read.
type Source struct {
	Role   string // RoleWeights, RoleVisibleBias, …
	Path   string // as given
	Format string // FormatNPY, FormatParquet or FormatText; "" for names
	DType  string // .npy dtype such as "<f4"; "" for other formats
	Shape  []int  // as stored: rows×cols, or (n,) for a 1-D array
	SHA256 string // hex sha256 of the file's bytes
}

// Result reports what an import read and wrote.
type Result struct {
	Output    string // model directory written
	N, M      int    // visible and hidden units
	Visible   string // formats.UnitBernoulli or formats.UnitIsing
	Layout    string // LayoutNM or LayoutMN
	NamesFrom string // file the variable names came from; "" for s0 … s{N−1}
	Sources   []Source
	Notes     []string // choices made for the user (skipped headers, …)
}

// Run reads W, b and c, checks them against each other, and writes the
// model directory (formats.WriteModel) with the training record
//
//	{"protocol": "imported", "layout": …, "source": {"weights": {"file",
//	 "sha256", "format", "dtype", "shape"}, "visible_bias": …,
//	 "hidden_bias": …, "names": …}}
//
// An existing model directory is refused before anything is read unless
// o.Force. Every error caused by the input or the options is an
// [*InputError] or wraps [pipeline.ErrInput]. log receives a summary (nil
// discards it).
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	layout, _ := parseLayout(o.Layout)
	visible, _ := parseVisible(o.Visible)
	res := &Result{Output: o.output(), Layout: layout, Visible: visible}
	if _, err := os.Lstat(res.Output); err == nil && !o.Force {
		return nil, &InputError{File: res.Output, Err: atomicfile.ErrExists,
			Msg: "model directory already exists (use --force to replace it)"}
	}
	m, mats, err := o.readModel(ctx, layout, visible, res)
	if err != nil {
		return nil, err
	}
	if res.Sources, err = o.sources(mats, res.NamesFrom); err != nil {
		return nil, err
	}
	m.Training = trainingRecord(layout, res.Sources)
	if err := formats.WriteModel(res.Output, m, o.Force); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return nil, &InputError{File: res.Output, Err: err,
				Msg: "model directory already exists (use --force to replace it)"}
		}
		return nil, fmt.Errorf("import: writing the model: %w", err)
	}
	log.Info("imported model", "output", res.Output, "visible", res.N, "hidden", res.M,
		"units", visible, "layout", layout)
	return res, nil
}

// readModel reads the three parameter files and the names and assembles
// the model; it fills res with the sizes, names source and notes.
func (o Options) readModel(ctx context.Context, layout, visible string, res *Result) (
	*formats.Model, []*matrix, error) {
	var mats []*matrix
	for _, in := range []struct{ role, path string }{
		{RoleWeights, o.Weights}, {RoleVisibleBias, o.VisibleBias},
		{RoleHiddenBias, o.HiddenBias},
	} {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		mat, err := readMatrix(in.role, in.path)
		if err != nil {
			return nil, nil, err
		}
		mats = append(mats, mat)
		res.Notes = append(res.Notes, mat.notes...)
	}
	m, err := assemble(layout, mats[0], mats[1], mats[2])
	if err != nil {
		return nil, nil, err
	}
	m.Visible, m.Hidden = visible, formats.UnitBernoulli
	res.N, res.M = m.NVisible(), m.NHidden()
	if res.N == res.M {
		res.Notes = append(res.Notes, fmt.Sprintf("the weights are square (N = M = %d): "+
			"their layout cannot be checked against the biases; make sure --layout %s is "+
			"right", res.N, layout))
	}
	if m.VisibleNames, res.NamesFrom, err = o.names(res.N); err != nil {
		return nil, nil, err
	}
	if err := m.Validate(); err != nil {
		role, path := RoleNames, res.NamesFrom
		if o.Names == "" {
			role = RoleDataset
		}
		return nil, nil, fileErr(role, path, err, "%v", err)
	}
	return m, mats, nil
}

// assemble checks the shapes and returns the model parameters.
func assemble(layout string, w, b, c *matrix) (*formats.Model, error) {
	if w.oneD() {
		_, _, _, err := w.weights(layout)
		return nil, err
	}
	vb, err := b.vector()
	if err != nil {
		return nil, err
	}
	vc, err := c.vector()
	if err != nil {
		return nil, err
	}
	if err := checkShapes(layout, w, b, c, len(vb), len(vc)); err != nil {
		return nil, err
	}
	wt, _, _, err := w.weights(layout)
	if err != nil {
		return nil, err
	}
	return &formats.Model{W: wt, B: vb, C: vc}, nil
}

// sources hashes the input files.
func (o Options) sources(mats []*matrix, namesFrom string) ([]Source, error) {
	var out []Source
	for _, m := range mats {
		out = append(out, Source{Role: m.role, Path: m.path, Format: m.format,
			DType: m.dtype, Shape: m.shape})
	}
	if namesFrom != "" {
		role := RoleNames
		if o.Names == "" {
			role = RoleDataset
		}
		out = append(out, Source{Role: role, Path: namesFrom})
	}
	for i := range out {
		sum, _, err := pipeline.HashPath(out[i].Path)
		if err != nil {
			return nil, fmt.Errorf("import: hashing %s: %w", out[i].Path, err)
		}
		out[i].SHA256 = sum
	}
	return out, nil
}

// trainingRecord returns model.json's training object.
func trainingRecord(layout string, srcs []Source) map[string]any {
	files := map[string]any{}
	for _, s := range srcs {
		f := map[string]any{"file": filepath.Base(s.Path), "sha256": s.SHA256}
		if s.Format != "" {
			f["format"], f["shape"] = s.Format, s.Shape
		}
		if s.DType != "" {
			f["dtype"] = s.DType
		}
		files[recordKey(s.Role)] = f
	}
	return map[string]any{"protocol": Protocol, "layout": layout, "source": files}
}

// recordKey spells a role as a JSON key: visible-bias → visible_bias.
func recordKey(role string) string {
	switch role {
	case RoleVisibleBias:
		return "visible_bias"
	case RoleHiddenBias:
		return "hidden_bias"
	}
	return role
}
