package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/analysis"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// genCLI runs the command line and returns stdout, stderr and the exit
// status.
func genCLI(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := run(append([]string{"spinfer"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

// spinfer generate of a 4×4 ferromagnet (βJ = 0.3, 5000 samples), then
// spinfer couplings --method plm: all 32 bonds rank above the 88 non-bonds
// (AUC 1), and both stages are in the manifest.
func TestGenerateThenPLMRecoversBonds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	out, errs, code := genCLI("-q", "generate", "--run", dir, "--model", "ferro2d", "--L", "4",
		"--beta", "0.3", "--samples", "5000", "--seed", "2")
	if code != exitOK || !strings.Contains(out, "generated 5000 configurations of ferro2d") {
		t.Fatalf("generate: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if _, errs, code = genCLI("-q", "couplings", "--run", dir, "--method", "plm"); code != exitOK {
		t.Fatalf("couplings: exit %d: %s", code, errs)
	}
	run := pipeline.RunDir(dir)
	inf, err := formats.ReadCouplings(run.Couplings())
	if err != nil {
		t.Fatal(err)
	}
	truth, err := formats.ReadCouplings(run.Truth())
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := analysis.CompareOrder(2, analysisTerms(inf.Orders[2]),
		analysisTerms(truth.Orders[2]), 0)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.AUC != 1 || cmp.TrueNonZero != 32 || cmp.Inferred != 120 {
		t.Fatalf("AUC %v, %d true bonds, %d inferred pairs; want 1, 32, 120", cmp.AUC,
			cmp.TrueNonZero, cmp.Inferred)
	}
	m, err := run.ReadManifest()
	if err != nil {
		t.Fatal(err)
	}
	g, c := m.Stages["generate"], m.Stages["couplings"]
	if g == nil || g.Status != pipeline.StatusOK || len(g.Outputs) != 2 || c == nil ||
		len(c.Inputs) != 1 || filepath.Base(c.Inputs[0].Path) != pipeline.DatasetFile {
		t.Fatalf("manifest stages: generate %+v, couplings %+v", g, c)
	}
}

func analysisTerms(ts []formats.Term) []analysis.Term {
	out := make([]analysis.Term, len(ts))
	for i, t := range ts {
		out[i] = analysis.Term(t)
	}
	return out
}

// Mistakes on the command line exit with status 2 and say what is wrong.
func TestGenerateAndBaselineUsageErrors(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--model", "sk"}, "--run DIR is required"},
		{[]string{"generate", "--run", run, "--model", "ising"}, `model "ising"`},
		{[]string{"generate", "--run", run, "--model", "sk", "--hamiltonian", dir}, "not both"},
		{[]string{"generate", "--run", run, "--model", "ferro2d", "--bonds", "pm"}, "use ea2d"},
		{[]string{"generate", "--run", run, "--hamiltonian", dir}, "hamiltonian"},
		{[]string{"couplings", "--run", dir, "--method", "plm"}, "dataset.parquet"},
		{[]string{"couplings", "--method", "nmf", "-o", filepath.Join(dir, "c")}, "dataset"},
		{[]string{"couplings", "--method", "plm", "--data", filepath.Join(dir, "none.parquet"),
			"-o", filepath.Join(dir, "c")}, "none.parquet"},
		{[]string{"couplings", "--run", dir, "--method", "plm", "--model", dir}, "not from a model"},
	}
	for _, c := range cases {
		_, errs, code := genCLI(append([]string{"-q"}, c.args...)...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
	// A second generate without --force is refused and keeps the first.
	args := []string{"-q", "generate", "--run", run, "--model", "ferro2d", "--L", "3",
		"--samples", "10"}
	if _, errs, code := genCLI(args...); code != exitOK {
		t.Fatalf("generate: exit %d: %s", code, errs)
	}
	if _, errs, code := genCLI(args...); code != exitUsage || !strings.Contains(errs, "--force") {
		t.Fatalf("second generate: exit %d, stderr %q; want 2 and --force", code, errs)
	}
}
