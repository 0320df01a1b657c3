package couplings

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/hamiltonian"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/generate"
)

func randomModel(n, m int, visible string, seed uint64) *formats.Model {
	rng := rand.New(rand.NewPCG(seed, 1))
	md := &formats.Model{Visible: visible, Hidden: formats.UnitBernoulli,
		W: make([]float64, n*m), B: make([]float64, n), C: make([]float64, m),
		Training: map[string]any{"protocol": "pcd"}}
	for i := range md.W {
		md.W[i] = 0.3 * rng.NormFloat64()
	}
	for i := range md.B {
		md.B[i] = 0.2 * rng.NormFloat64()
		md.VisibleNames = append(md.VisibleNames, "x"+string(rune('a'+i)))
	}
	for a := range md.C {
		md.C[a] = 0.2 * rng.NormFloat64()
	}
	return md
}

// The stage writes what package hamiltonian computes, in the file layout.
func TestRunWritesExactCouplings(t *testing.T) {
	dir := t.TempDir()
	md := randomModel(8, 3, formats.UnitBernoulli, 1)
	if err := formats.WriteModel(filepath.Join(dir, "model"), md, false); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{RunDir: dir, Method: Exact, Order: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[2] != 28 || res.Counts[3] != 56 {
		t.Fatalf("counts %v, want 28 pairs and 56 triplets for N = 8", res.Counts)
	}
	got, err := formats.ReadCouplings(filepath.Join(dir, "couplings"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := hamiltonian.Exact(toRBM(md), 3, 1)
	for i, h := range want.Fields {
		if got.Fields[i] != h {
			t.Fatalf("field %d: file %v, computed %v", i, got.Fields[i], h)
		}
	}
	for k := 2; k <= 3; k++ {
		for i, term := range want.Orders[k] {
			if g := got.Orders[k][i]; g.Sites != term.Sites || g.Value != term.Value {
				t.Fatalf("order %d term %d: file %+v, computed %+v", k, i, g, term)
			}
		}
	}
	if got.Meta["spinfer.method"] != Exact {
		t.Fatalf("metadata %v", got.Meta)
	}
}

// Gaussian and exact agree on a weakly coupled model (relative error of the
// pair vector, tolerance from the hamiltonian package's own comparisons).
func TestRunGaussianCloseToExact(t *testing.T) {
	dir := t.TempDir()
	md := randomModel(14, 4, formats.UnitIsing, 2)
	formats.WriteModel(filepath.Join(dir, "model"), md, false)
	if _, err := Run(context.Background(), Options{RunDir: dir}, nil); err != nil {
		t.Fatal(err)
	}
	g, _ := formats.ReadCouplings(filepath.Join(dir, "couplings"))
	e, _ := hamiltonian.Exact(toRBM(md), 2, 1)
	var num, den float64
	for i, term := range e.Orders[2] {
		d := g.Orders[2][i].Value - term.Value
		num, den = num+d*d, den+term.Value*term.Value
	}
	if rel := math.Sqrt(num / den); rel > 0.05 {
		t.Fatalf("Gaussian vs exact pairs: relative error %.3g > 0.05", rel)
	}
}

func TestRunRefusesLargeExactAndWarnsRdm(t *testing.T) {
	dir := t.TempDir()
	md := randomModel(26, 2, formats.UnitBernoulli, 3)
	md.Training["protocol"] = "rdm"
	formats.WriteModel(filepath.Join(dir, "model"), md, false)
	_, err := Run(context.Background(), Options{RunDir: dir, Method: Exact}, nil)
	if err == nil || !strings.Contains(err.Error(), "N ≤ 24") {
		t.Fatalf("err = %v, want the N ≤ 24 limit named", err)
	}
	res, err := Run(context.Background(), Options{RunDir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "rdm") {
		t.Fatalf("warnings %v", res.Warnings)
	}
	c, _ := formats.ReadCouplings(filepath.Join(dir, "couplings"))
	if !strings.Contains(c.Meta["spinfer.warnings"], "rdm") {
		t.Fatal("warning not recorded in metadata")
	}
	if _, err := Run(context.Background(), Options{RunDir: dir}, nil); err == nil {
		t.Fatal("existing output overwritten without force")
	}
}

// nmf and plm read the run's dataset (or Data) and write what the baseline
// stage writes; model-only settings are refused.
func TestRunBaselineMethods(t *testing.T) {
	dir := t.TempDir()
	if _, err := generate.Run(context.Background(), generate.Options{RunDir: dir,
		Model: generate.Ferro2D, L: 3, Beta: 0.3, Samples: 1000, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{RunDir: dir, Method: PLM, Lambda: 0.01}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[2] != 36 || res.Counts[1] != 9 || res.Method != PLM {
		t.Fatalf("result %+v, want 9 fields and all 36 pairs by plm", res)
	}
	c, _ := formats.ReadCouplings(filepath.Join(dir, "couplings"))
	if c.Meta["spinfer.method"] != PLM || c.Meta["spinfer.lambda"] != "0.01" {
		t.Fatalf("metadata %v", c.Meta)
	}
	out := filepath.Join(t.TempDir(), "nmf")
	if _, err := Run(context.Background(), Options{Method: NMF,
		Data: filepath.Join(dir, "dataset.parquet"), Output: out}, nil); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{
		{RunDir: dir, Method: PLM, Model: "m", Force: true},
		{RunDir: dir, Method: NMF, Order: 3, Force: true},
		{RunDir: dir, Method: Gaussian, Lambda: 0.1, Force: true},
		{Method: PLM, Output: out},
	} {
		if err := o.Validate(); !errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%+v: err = %v, want an input error", o, err)
		}
	}
}
