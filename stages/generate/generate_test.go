package generate

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/ising"
	"github.com/spinfer/spinfer/pipeline"
)

func mustRun(t *testing.T, o Options) *Result {
	t.Helper()
	res, err := Run(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readBoth(t *testing.T, dir string) (*formats.Dataset, *formats.Couplings) {
	t.Helper()
	d, err := formats.ReadDataset(pipeline.RunDir(dir).Dataset())
	if err != nil {
		t.Fatal(err)
	}
	c, err := formats.ReadCouplings(pipeline.RunDir(dir).Truth())
	if err != nil {
		t.Fatal(err)
	}
	return d, c
}

// A 5×5 periodic ferromagnet (N = 25 > 16, pairs ≥ 0, no fields: auto
// picks Wolff) gives the documented schema, metadata and truth.
func TestRunSchemaAndMetadata(t *testing.T) {
	dir := t.TempDir()
	res := mustRun(t, Options{RunDir: dir, Model: Ferro2D, L: 5, Beta: 0.3, Samples: 500,
		Seed: 1})
	d, c := readBoth(t, dir)
	if d.Rows != 500 || d.N() != 25 || d.Basis != formats.Ising {
		t.Fatalf("dataset %d×%d basis %s, want 500×25 ising", d.Rows, d.N(), d.Basis)
	}
	for i, name := range d.Names {
		if name != "s"+strconv.Itoa(i) {
			t.Fatalf("name %d = %q", i, name)
		}
	}
	want := map[string]string{MetaModel: Ferro2D, MetaBeta: "0.3", MetaSampler: "wolff",
		MetaSamplerAsk: "auto", MetaChains: "4", MetaSeed: "1", MetaGenerator: "generate"}
	for k, v := range want {
		if d.Meta[k] != v {
			t.Errorf("dataset %s = %q, want %q", k, d.Meta[k], v)
		}
	}
	for _, k := range []string{MetaTauEnergy, MetaTauAbsMag, MetaSpacing, MetaBurnIn} {
		x, err := strconv.ParseFloat(d.Meta[k], 64)
		if err != nil || !(x >= 1) {
			t.Errorf("dataset %s = %q, want a number ≥ 1", k, d.Meta[k])
		}
	}
	if d.Meta[MetaBurnIn] != strconv.Itoa(res.Stats.BurnInSweeps) {
		t.Errorf("burn-in %s, sampler reported %d", d.Meta[MetaBurnIn], res.Stats.BurnInSweeps)
	}
	// Truth: 2L² = 50 bonds of βJ = 0.3, zero fields, empty higher orders.
	if len(c.Orders[2]) != 50 || len(c.Fields) != 25 {
		t.Fatalf("truth: %d pairs, %d fields; want 50, 25", len(c.Orders[2]), len(c.Fields))
	}
	for _, term := range c.Orders[2] {
		if term.Value != 0.3 {
			t.Fatalf("truth pair %v = %v, want 0.3", term.Sites, term.Value)
		}
	}
	for k := 3; k <= 4; k++ {
		if c.Orders[k] == nil || len(c.Orders[k]) != 0 {
			t.Fatalf("truth order %d = %v, want present and empty", k, c.Orders[k])
		}
	}
	if c.Meta["spinfer.method"] != "truth" || c.Meta[MetaModel] != Ferro2D {
		t.Fatalf("truth metadata %v", c.Meta)
	}
}

// The truth holds exactly the Hamiltonian the builder draws from the seed's
// model stream, fields and planted terms included, with β absorbed.
func TestTruthEqualsBuilder(t *testing.T) {
	dir := t.TempDir()
	o := Options{RunDir: dir, Model: EA2D, L: 4, FieldStrength: 0.5, Triplets: 3,
		Quadruplets: 2, Samples: 50, Seed: 7}
	res := mustRun(t, o)
	if res.Sampler != SamplerExact {
		t.Fatalf("auto sampler for N = 16: %s, want exact", res.Sampler)
	}
	spec := o.Spec()
	h, err := spec.Build(modelRand(7))
	if err != nil {
		t.Fatal(err)
	}
	_, c := readBoth(t, dir)
	for i, f := range h.Fields {
		if c.Fields[i] != f || f == 0 {
			t.Fatalf("field %d: truth %v, builder %v (want equal, non-zero)", i, c.Fields[i], f)
		}
	}
	for k := 2; k <= 4; k++ {
		ts := h.TermsOfOrder(k)
		if len(c.Orders[k]) != len(ts) {
			t.Fatalf("order %d: %d terms, builder %d", k, len(c.Orders[k]), len(ts))
		}
		for i, term := range ts {
			if g := c.Orders[k][i]; g.Sites != term.Sites || g.Value != term.Value {
				t.Fatalf("order %d term %d: truth %+v, builder %+v", k, i, g, term)
			}
		}
	}
	// ±J bonds at the default β = 0.2: every pair is ±0.2 (2L² = 32 pairs).
	for _, term := range c.Orders[2] {
		if math.Abs(term.Value) != 0.2 {
			t.Fatalf("pair %v = %v, want ±0.2", term.Sites, term.Value)
		}
	}
	if len(c.Orders[2]) != 32 || len(c.Orders[3]) != 3 || len(c.Orders[4]) != 2 {
		t.Fatalf("counts %d, %d, %d; want 32, 3, 2", len(c.Orders[2]), len(c.Orders[3]),
			len(c.Orders[4]))
	}
}

func fileBytes(t *testing.T, paths ...string) [][]byte {
	t.Helper()
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func runFiles(t *testing.T, o Options) [][]byte {
	t.Helper()
	mustRun(t, o)
	run := pipeline.RunDir(o.RunDir)
	return fileBytes(t, run.Dataset(), filepath.Join(run.Truth(), formats.FieldsFile),
		filepath.Join(run.Truth(), formats.PairsFile),
		filepath.Join(run.Truth(), formats.TripletsFile))
}

// Same options and seed give byte-identical files whatever the worker
// count; another seed gives other data.
func TestSameSeedSameFiles(t *testing.T) {
	o := Options{Model: ER, N: 20, Beta: 0.3, Bonds: "pm", FieldStrength: 0.2,
		Sampler: SamplerMetropolis, Samples: 200, Seed: 3}
	o.RunDir, o.Workers = t.TempDir(), 1
	a := runFiles(t, o)
	o.RunDir, o.Workers = t.TempDir(), 2
	b := runFiles(t, o)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("file %d differs between two runs with seed 3", i)
		}
	}
	o.RunDir, o.Seed = t.TempDir(), 4
	c := runFiles(t, o)
	if bytes.Equal(a[0], c[0]) || bytes.Equal(a[2], c[2]) {
		t.Fatal("seeds 3 and 4 gave the same dataset or truth")
	}
}

// Exact sampling of a 10-spin SK model with fields reproduces the means and
// correlations of exact enumeration (ising.ExactMoments on the truth): each
// of the 10 + 45 moments within 5 standard errors, σ = √((1 − μ²)/R) for a
// ±1 variable of mean μ over R independent rows.
func TestExactSamplerMatchesEnumeration(t *testing.T) {
	dir := t.TempDir()
	const rows = 20000
	mustRun(t, Options{RunDir: dir, Model: SK, N: 10, Beta: 0.8, FieldStrength: 0.3,
		Sampler: SamplerExact, Samples: rows, Seed: 11})
	d, c := readBoth(t, dir)
	mom := exactMoments(t, c)
	n := d.N()
	check := func(what string, got, mu float64) {
		if se := math.Sqrt((1 - mu*mu) / rows); math.Abs(got-mu) > 5*se {
			t.Errorf("%s: sampled %.4f, exact %.4f (5σ = %.4f)", what, got, mu, 5*se)
		}
	}
	for i := range n {
		check("⟨s_"+strconv.Itoa(i)+"⟩", colMean(d, i, -1), mom.Means[i])
		for j := i + 1; j < n; j++ {
			check("⟨s_i s_j⟩", colMean(d, i, j), mom.Corr[i*n+j])
		}
	}
}

// colMean returns ⟨s_i⟩ (j < 0) or ⟨s_i s_j⟩ over the rows of d.
func colMean(d *formats.Dataset, i, j int) float64 {
	var sum float64
	for r := range d.Rows {
		x := float64(d.Row(r)[i])
		if j >= 0 {
			x *= float64(d.Row(r)[j])
		}
		sum += x
	}
	return sum / float64(d.Rows)
}

// exactMoments enumerates the Hamiltonian a truth directory describes.
func exactMoments(t *testing.T, c *formats.Couplings) *ising.Moments {
	t.Helper()
	var terms []ising.Term
	for k := 2; k <= 4; k++ {
		for _, term := range c.Orders[k] {
			terms = append(terms, ising.Term{Order: k, Sites: term.Sites, Value: term.Value})
		}
	}
	h, err := ising.New(len(c.Names), c.Fields, terms)
	if err != nil {
		t.Fatal(err)
	}
	mom, err := ising.ExactMoments(h)
	if err != nil {
		t.Fatal(err)
	}
	return mom
}

// Metropolis on a 12-spin model with planted triplets and fields samples
// the Hamiltonian written as truth: the mean energy per row agrees with
// enumeration within 5 standard errors (rows are spaced by 2τ, so nearly
// independent; σ from the exact variance ⟨H²⟩ − ⟨H⟩²).
func TestMetropolisMatchesEnumeration(t *testing.T) {
	dir := t.TempDir()
	const rows = 4000
	mustRun(t, Options{RunDir: dir, Model: Planted3, N: 12, Beta: 0.6, FieldStrength: 0.5,
		Sampler: SamplerMetropolis, Samples: rows, Seed: 5})
	d, c := readBoth(t, dir)
	mom := exactMoments(t, c)
	h := truthHamiltonian(t, c)
	var sum float64
	for r := range d.Rows {
		sum += h.Energy(d.Row(r))
	}
	got := sum / rows
	se := math.Sqrt((mom.Energy2 - mom.Energy*mom.Energy) / rows)
	if math.Abs(got-mom.Energy) > 5*se {
		t.Fatalf("⟨H⟩ sampled %.4f, exact %.4f (5σ = %.4f)", got, mom.Energy, 5*se)
	}
}

func truthHamiltonian(t *testing.T, c *formats.Couplings) *ising.Hamiltonian {
	t.Helper()
	var terms []ising.Term
	for k := 2; k <= 4; k++ {
		for _, term := range c.Orders[k] {
			terms = append(terms, ising.Term{Order: k, Sites: term.Sites, Value: term.Value})
		}
	}
	h, err := ising.New(len(c.Names), c.Fields, terms)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// A couplings directory is sampled as given, scaled by β, names kept.
func TestRunHamiltonianDirectory(t *testing.T) {
	src := t.TempDir()
	names := []string{"a", "b", "c", "d"}
	in := &formats.Couplings{Names: names, Fields: []float64{0.1, 0, -0.2, 0},
		Orders: map[int][]formats.Term{2: {{Sites: [4]int32{0, 1}, Value: 0.5}},
			3: {{Sites: [4]int32{1, 2, 3}, Value: -0.3}}}}
	hdir := filepath.Join(src, "couplings")
	if err := formats.WriteCouplings(hdir, in, false); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mustRun(t, Options{RunDir: dir, Hamiltonian: hdir, Beta: 2, Samples: 100, Seed: 1})
	d, c := readBoth(t, dir)
	if strings.Join(d.Names, ",") != "a,b,c,d" || d.Meta[MetaModel] != "hamiltonian" ||
		d.Meta[MetaHamiltonian] != hdir {
		t.Fatalf("names %v, metadata %v", d.Names, d.Meta)
	}
	if c.Fields[2] != -0.4 || c.Orders[2][0].Value != 1 || c.Orders[3][0].Value != -0.6 {
		t.Fatalf("truth not 2× the input: %v %v", c.Fields, c.Orders)
	}
	if c.Orders[4] == nil {
		t.Fatal("truth lacks order 4 (want an empty file)")
	}
}

func TestValidateAndRefusals(t *testing.T) {
	cases := []struct {
		o    Options
		want string
	}{
		{Options{Model: Ferro2D}, "run directory"},
		{Options{RunDir: "r"}, "give a model"},
		{Options{RunDir: "r", Model: SK, Hamiltonian: "h"}, "not both"},
		{Options{RunDir: "r", Model: "ising"}, "model \"ising\""},
		{Options{RunDir: "r", Model: Ferro2D, Bonds: "pm"}, "use ea2d"},
		{Options{RunDir: "r", Model: SK, L: 4}, "not a lattice"},
		{Options{RunDir: "r", Model: EA3D, N: 4}, "is a lattice"},
		{Options{RunDir: "r", Hamiltonian: "h", L: 4}, "only beta"},
		{Options{RunDir: "r", Model: SK, Sampler: "gibbs"}, "sampler \"gibbs\""},
		{Options{RunDir: "r", Model: SK, Beta: -1}, "beta -1"},
	}
	for _, c := range cases {
		err := c.o.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) ||
			!errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%+v: err = %v, want an input error naming %q", c.o, err, c.want)
		}
	}
	// Several bad fields are reported at once.
	err := Options{Model: "x", Sampler: "y"}.Validate()
	if err == nil || strings.Count(err.Error(), "\n") < 2 {
		t.Errorf("want three errors at once, got %v", err)
	}
}

func TestRunRefusesExistingAndBadModels(t *testing.T) {
	dir := t.TempDir()
	o := Options{RunDir: dir, Model: Ferro2D, L: 3, Samples: 10}
	mustRun(t, o)
	if _, err := Run(context.Background(), o, nil); !errors.Is(err, pipeline.ErrInput) {
		t.Fatalf("second run without force: err = %v, want an input error", err)
	}
	o.Force = true
	mustRun(t, o)
	// Wolff cannot sample fields; the spec rejects L = 2.
	for _, bad := range []Options{
		{RunDir: dir, Model: Ferro2D, L: 5, FieldStrength: 1, Sampler: SamplerWolff, Force: true},
		{RunDir: dir, Model: Ferro2D, L: 2, Force: true},
		{RunDir: dir, Model: SK, N: 30, Sampler: SamplerExact, Force: true},
	} {
		if _, err := Run(context.Background(), bad, nil); !errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%+v: err = %v, want an input error", bad, err)
		}
	}
}

func TestChooseSampler(t *testing.T) {
	build := func(model string, o Options) *ising.Hamiltonian {
		o.Model = model
		h, err := o.Spec().Build(modelRand(1))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	cases := []struct {
		model string
		o     Options
		want  ising.Method
	}{
		{Ferro2D, Options{L: 4}, ising.Exact},
		{Ferro2D, Options{}, ising.Wolff},
		{Ferro3D, Options{}, ising.Wolff},
		{Ferro2D, Options{FieldStrength: 0.1}, ising.Metropolis},
		{EA2D, Options{}, ising.Tempering},
		{SK, Options{}, ising.Tempering},
		{ER, Options{}, ising.Wolff},
		{Planted3, Options{}, ising.Metropolis},
		{Plaquette, Options{}, ising.Metropolis},
	}
	for _, c := range cases {
		if got := chooseSampler("", build(c.model, c.o)); got != c.want {
			t.Errorf("%s %+v: auto sampler %s, want %s", c.model, c.o, got, c.want)
		}
	}
}
