package baseline

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/analysis"
	"github.com/spinfer/spinfer/baselines"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/generate"
)

// writeGenerated runs the generate stage on a small model and returns the
// run directory (dataset.parquet and truth/).
func writeGenerated(t *testing.T, o generate.Options) string {
	t.Helper()
	o.RunDir = t.TempDir()
	if _, err := generate.Run(context.Background(), o, nil); err != nil {
		t.Fatal(err)
	}
	return o.RunDir
}

func readCouplings(t *testing.T, dir string) *formats.Couplings {
	t.Helper()
	c, err := formats.ReadCouplings(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Pseudo-likelihood on 5000 samples of a 4×4 periodic ferromagnet at
// βJ = 0.3 ranks all 32 bonds above all 88 non-bonds (AUC 1, as the
// issue asks), and the file holds what package baselines computes.
func TestPLMRecoversFerromagnetBonds(t *testing.T) {
	run := pipeline.RunDir(writeGenerated(t, generate.Options{Model: generate.Ferro2D, L: 4,
		Beta: 0.3, Samples: 5000, Seed: 2}))
	out := filepath.Join(t.TempDir(), "couplings")
	res, err := Run(context.Background(), Options{Data: run.Dataset(), Output: out,
		Method: PLM}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := readCouplings(t, out)
	truth := readCouplings(t, run.Truth())
	if len(c.Orders[2]) != 16*15/2 || len(c.Fields) != 16 || res.Pairs != 120 {
		t.Fatalf("%d pairs, %d fields; want all 120 pairs and 16 fields",
			len(c.Orders[2]), len(c.Fields))
	}
	cmp, err := analysis.CompareOrder(2, terms(c.Orders[2]), terms(truth.Orders[2]), 0)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.AUC != 1 || cmp.TrueNonZero != 32 {
		t.Fatalf("AUC %v over %d bonds, want 1 over 32", cmp.AUC, cmp.TrueNonZero)
	}
	// The file equals a direct call (default λ = 1/R).
	d, _ := formats.ReadDataset(run.Dataset())
	p, _ := baselines.PseudoLikelihood(spins(d), baselines.PLMConfig{})
	for i, term := range p.Terms() {
		if g := c.Orders[2][i]; g.Sites != term.Sites || g.Value != term.Value {
			t.Fatalf("pair %d: file %+v, baselines %+v", i, g, term)
		}
	}
	want := map[string]string{"spinfer.method": "plm", "spinfer.regularisation": "l2",
		"spinfer.source_data": run.Dataset(), "spinfer.data_rows": "5000"}
	for k, v := range want {
		if c.Meta[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, c.Meta[k], v)
		}
	}
	// λ = 1/R_eff (baselines.DefaultLambda), R_eff = R for equal weights.
	lam, _ := strconv.ParseFloat(c.Meta["spinfer.lambda"], 64)
	if math.Abs(lam-1.0/5000) > 1e-15 {
		t.Errorf("metadata lambda %q, want 1/5000", c.Meta["spinfer.lambda"])
	}
	if lpl := res.LogPL; !(lpl < 0 && lpl > -16*math.Ln2) {
		t.Errorf("log pseudo-likelihood %v, want in (−N ln 2, 0)", lpl)
	}
}

func terms(ts []formats.Term) []analysis.Term {
	out := make([]analysis.Term, len(ts))
	for i, t := range ts {
		out[i] = analysis.Term(t)
	}
	return out
}

// Binary data give the same couplings as their Ising version (s = 2v − 1),
// and nmf records its ridge.
func TestBinaryDataAndNMF(t *testing.T) {
	run := pipeline.RunDir(writeGenerated(t, generate.Options{Model: generate.SK, N: 8,
		Beta: 0.5, FieldStrength: 0.3, Samples: 2000, Seed: 4}))
	d, _ := formats.ReadDataset(run.Dataset())
	bin := &formats.Dataset{Names: d.Names, Basis: formats.Binary, Rows: d.Rows,
		Values: make([]int8, len(d.Values))}
	for i, s := range d.Values {
		bin.Values[i] = (s + 1) / 2
	}
	dir := t.TempDir()
	binPath := filepath.Join(dir, "binary.parquet")
	if err := formats.WriteDataset(binPath, bin, false); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{
		{Data: run.Dataset(), Output: filepath.Join(dir, "ising"), Method: NMF, Lambda: 0.01},
		{Data: binPath, Output: filepath.Join(dir, "binary"), Method: NMF, Lambda: 0.01},
	} {
		if _, err := Run(context.Background(), o, nil); err != nil {
			t.Fatal(err)
		}
	}
	a := readCouplings(t, filepath.Join(dir, "ising"))
	b := readCouplings(t, filepath.Join(dir, "binary"))
	for i := range a.Orders[2] {
		if a.Orders[2][i] != b.Orders[2][i] {
			t.Fatalf("pair %d: ising %+v, binary %+v", i, a.Orders[2][i], b.Orders[2][i])
		}
	}
	if b.Meta["spinfer.method"] != "nmf" || b.Meta["spinfer.ridge"] != "0.01" ||
		b.Meta["spinfer.data_basis"] != "binary" {
		t.Fatalf("metadata %v", b.Meta)
	}
}

// Bad settings and bad data are input errors that name the problem.
func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	constant := filepath.Join(dir, "constant.parquet")
	formats.WriteDataset(constant, &formats.Dataset{Names: []string{"a", "b", "c"},
		Basis: formats.Ising, Rows: 4, Values: []int8{1, 1, -1, -1, 1, 1, 1, 1, -1, 1, 1, 1}},
		false)
	out := filepath.Join(dir, "out")
	cases := []struct {
		o    Options
		want string
	}{
		{Options{Output: out, Method: PLM}, "dataset and an output"},
		{Options{Data: constant, Output: out, Method: "tap"}, "method \"tap\""},
		{Options{Data: constant, Output: out, Method: NMF, NoPenalty: true}, "no-penalty"},
		{Options{Data: constant, Output: out, Method: PLM, Lambda: -1}, "lambda -1"},
		{Options{Data: constant, Output: out, Method: PLM}, "column"},
		{Options{Data: filepath.Join(dir, "none.parquet"), Output: out, Method: NMF},
			"none.parquet"},
	}
	for _, c := range cases {
		_, err := Run(context.Background(), c.o, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want it to name %q", c.o, err, c.want)
		}
		if !errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%+v: err = %v, want an input error", c.o, err)
		}
	}
}

func TestRunRefusesExistingOutput(t *testing.T) {
	run := pipeline.RunDir(writeGenerated(t, generate.Options{Model: generate.Ferro2D, L: 3,
		Beta: 0.2, Samples: 500, Seed: 1}))
	o := Options{Data: run.Dataset(), Output: run.Couplings(), Method: NMF}
	if _, err := Run(context.Background(), o, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), o, nil); !errors.Is(err, pipeline.ErrInput) {
		t.Fatalf("second run: err = %v, want an input error", err)
	}
	o.Force = true
	if _, err := Run(context.Background(), o, nil); err != nil {
		t.Fatal(err)
	}
}
