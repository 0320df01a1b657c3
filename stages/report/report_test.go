package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/evaluate"
)

// A complete tiny run gets every section, every figure it can have, and
// links that all resolve; the comparison figures are the evaluate stage's
// own, drawn with the seed it recorded.
func TestCompleteRun(t *testing.T) {
	run := tinyRun(t)
	res, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
	must(t, err)
	if res.Kind != KindRun || res.Path != run.Path(File) {
		t.Fatalf("result %+v", res)
	}
	if len(res.Missing) != 0 || len(res.Notes) != 0 {
		t.Errorf("missing %q, notes %q", res.Missing, res.Notes)
	}
	images := checkLinks(t, res.Path)
	if !slices.Equal(images, res.Figures) {
		t.Errorf("links %q, figures %q", images, res.Figures)
	}
	want := []string{evaluate.PlotTrainingLogLik, FigPLL, FigRecon, FigGradNorm,
		evaluate.PlotTrainingSingular, FigPairsHist, evaluate.PlotCouplings(2), evaluate.PlotFields,
		evaluate.PlotCorrelations2, evaluate.PlotCorrelations3, evaluate.PlotMagnetisation,
		FigAbsMagnet, evaluate.PlotPCA, FigMixingOverlap}
	for i := range want {
		want[i] = FiguresDir + "/" + want[i]
	}
	if !slices.Equal(res.Figures, want) {
		t.Errorf("figures\n got %q\nwant %q", res.Figures, want)
	}
	for _, name := range []string{evaluate.PlotCouplings(2), evaluate.PlotCorrelations2} {
		a, err := os.ReadFile(run.Path(FiguresDir, name))
		must(t, err)
		b, err := os.ReadFile(run.Path(pipeline.PlotsDir, name))
		must(t, err)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the evaluate stage's figure", name)
		}
	}
	checkContent(t, run, res)
}

// checkContent checks the numbers and settings a report quotes against
// their files.
func checkContent(t *testing.T, run pipeline.RunDir, res *Result) {
	t.Helper()
	raw, err := os.ReadFile(res.Path)
	must(t, err)
	md := string(raw)
	ev, err := readEvaluation(run.Evaluation())
	must(t, err)
	m, err := formats.ReadTable(run.Metrics())
	must(t, err)
	last := m.Rows - 1
	c, err := formats.ReadCouplings(run.Couplings())
	must(t, err)
	top := c.Orders[2][0]
	for _, p := range c.Orders[2] {
		if math.Abs(p.Value) > math.Abs(top.Value) {
			top = p
		}
	}
	i, j := top.Sites[0], top.Sites[1]
	for _, want := range []string{
		fmt.Sprintf("| %s – %s | %d, %d | %s |", c.Names[i], c.Names[j], i, j, num(top.Value)),
		"| pairs Δ_J | " + num(float64(ev.Summary.PairsDeltaJ)) + " |",
		"| samples 2-point r | " + num(float64(ev.Summary.Samples2ptR)) + " |",
		"| recon_error | " + num(m.Lookup("recon_error").Float64[last]) + " |",
		"### Stage train", "| Config.Hidden | 8 |", "| Config.Updates | 60 |",
		"| `train.parquet` | 8000 | 64 | ising |", "| `test.parquet` | 2000 | 64 | ising |",
		"RBM with 64 ising visible and 8 bernoulli hidden units",
		"| pcd | 1 |", // mixing: protocol and training k
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if strings.Contains(md, "evaluation.json was computed from an earlier") {
		t.Error("a fresh evaluation is reported stale")
	}
}

// A report is replaced only with Force; a stale evaluation is flagged.
func TestForceAndStale(t *testing.T) {
	run := partialRun(t, t.TempDir())
	o := Options{RunDir: string(run)}
	_, err := Run(context.Background(), o, nil)
	must(t, err)
	if _, err := Run(context.Background(), o, nil); !errors.Is(err, atomicfile.ErrExists) {
		t.Fatalf("second report without force: %v", err)
	}
	// An evaluation whose dataset hash is not the one the manifest records.
	must(t, os.WriteFile(run.Evaluation(), []byte(`{"summary": {"pairs_delta_j": 0.25},
		"inputs": [{"role": "data", "path": "dataset.parquet", "sha256": "old"}]}`), 0o644))
	ref, err := run.Ref(run.Dataset())
	must(t, err)
	must(t, run.WriteManifest(&pipeline.Manifest{Stages: map[string]*pipeline.StageRecord{
		"ingest": {Stage: "ingest", Status: pipeline.StatusOK,
			Outputs: []pipeline.FileRef{ref}}}}))
	o.Force = true
	_, err = Run(context.Background(), o, nil)
	must(t, err)
	raw, err := os.ReadFile(run.Path(File))
	must(t, err)
	for _, want := range []string{"| pairs Δ_J | 0.25 |",
		"evaluation.json was computed from an earlier dataset.parquet"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
}

// A run holding only a dataset and a model gets a report whose sections
// name what is missing and the command that makes it.
func TestPartialRun(t *testing.T) {
	run := partialRun(t, t.TempDir())
	res, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
	must(t, err)
	if len(res.Figures) != 0 || len(checkLinks(t, res.Path)) != 0 {
		t.Errorf("figures %q for a run without figures", res.Figures)
	}
	raw, err := os.ReadFile(res.Path)
	must(t, err)
	md := string(raw)
	for _, want := range []string{"evaluation.json", "manifest.json", "metrics.parquet",
		"couplings/", "truth/", "samples.parquet", "mixing.json"} {
		found := false
		for _, m := range res.Missing {
			found = found || strings.HasPrefix(m, want)
		}
		if !found {
			t.Errorf("missing list %q lacks %s", res.Missing, want)
		}
	}
	for _, want := range []string{"spinfer train --run " + string(run),
		"spinfer sample --run " + string(run), "spinfer mixing --run " + string(run),
		"RBM with 4 ising visible and 2 bernoulli hidden units",
		"| `dataset.parquet` | 3 | 4 | ising |"} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if res.Missing[0] == "" || strings.Contains(md, "dataset.parquet. Made by") {
		t.Errorf("dataset reported missing: %q", res.Missing)
	}
}

// A directory that is not a run directory is an input error, and nothing
// is written into it.
func TestNotRunDirectory(t *testing.T) {
	empty := t.TempDir()
	other := t.TempDir()
	must(t, os.WriteFile(filepath.Join(other, "notes.txt"), []byte("x"), 0o644))
	file := filepath.Join(other, "notes.txt")
	for _, dir := range []string{empty, other, file, filepath.Join(empty, "absent"), ""} {
		_, err := Run(context.Background(), Options{RunDir: dir}, nil)
		if !errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%q: error %v, want an input error", dir, err)
		}
	}
	for _, dir := range []string{empty, other} {
		if exists(filepath.Join(dir, File)) || exists(filepath.Join(dir, FiguresDir)) {
			t.Errorf("%s: report written into a directory that is not a run", dir)
		}
	}
}

// A sweep directory gets the summary table, with run names linked to
// their reports, and a report for each run.
func TestSweep(t *testing.T) {
	dir := t.TempDir()
	for _, r := range []string{"k1", "k2"} {
		partialRun(t, filepath.Join(dir, r))
	}
	cols := []formats.Column{{Name: "point", Int64: []int64{0, 1}},
		{Name: "run", String: []string{"k1", "k2"}},
		{Name: "pairs_delta_j", Float64: []float64{0.123456, 0.5}}}
	must(t, formats.WriteTable(filepath.Join(dir, SummaryParquet), pipeline.ArtifactSummary, cols, nil,
		false))
	res, err := Run(context.Background(), Options{RunDir: dir}, nil)
	must(t, err)
	if res.Kind != KindSweep || len(res.Runs) != 2 {
		t.Fatalf("result %+v", res)
	}
	checkLinks(t, res.Path)
	raw, err := os.ReadFile(res.Path)
	must(t, err)
	for _, want := range []string{"| point | run | pairs_delta_j |",
		"| 0 | [k1](k1/report.md) | 0.1235 |", "| [k2](k2/report.md) |"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("sweep report lacks %q:\n%s", want, raw)
		}
	}
	for _, r := range res.Runs {
		checkLinks(t, r.Path)
	}
}

// A pipeline sweep's upstream/ directory (the shared dataset) is not a
// grid point: it gets no report and no row among the runs, only one
// mention as the shared upstream stages.
func TestSweepUpstreamNotAPoint(t *testing.T) {
	dir := t.TempDir()
	for _, r := range []string{pipeline.UpstreamDirName, "k1", "k2"} {
		partialRun(t, filepath.Join(dir, r))
	}
	res, err := Run(context.Background(), Options{RunDir: dir}, nil)
	must(t, err)
	if len(res.Runs) != 2 {
		t.Errorf("%d run reports, want 2 (k1, k2)", len(res.Runs))
	}
	if p := filepath.Join(dir, pipeline.UpstreamDirName, File); exists(p) {
		t.Errorf("%s written", p)
	}
	checkLinks(t, res.Path)
	raw, err := os.ReadFile(res.Path)
	must(t, err)
	md := string(raw)
	if n := strings.Count(md, pipeline.UpstreamDirName); n != 1 {
		t.Errorf("%q named %d times, want once:\n%s", pipeline.UpstreamDirName, n, md)
	}
	for _, want := range []string{"| [k1](k1/report.md) |", "| [k2](k2/report.md) |",
		"`" + pipeline.UpstreamDirName + "/` holds the stages shared by every point"} {
		if !strings.Contains(md, want) {
			t.Errorf("sweep report lacks %q:\n%s", want, md)
		}
	}
}

// The ESS curve is drawn for the Jarzynski protocol only, the swap rates
// for parallel tempering only, from the columns of metrics.parquet.
func TestProtocolCurves(t *testing.T) {
	for _, c := range []struct {
		protocol string
		want     []string
	}{
		{"jarzynski", []string{FigESS}},
		{"pt", []string{FigSwapRates}},
		{"pcd", nil},
	} {
		run := partialRun(t, t.TempDir())
		cols := []formats.Column{{Name: "update", Int64: []int64{1, 10, 100}},
			{Name: "ess", Float64: []float64{1, 0.8, 0.9}},
			{Name: "swap_rate_min", Float64: []float64{0.2, 0.25, 0.3}},
			{Name: "swap_rate_mean", Float64: []float64{0.3, 0.3, 0.3}}}
		must(t, formats.WriteTable(run.Metrics(), "metrics", cols,
			map[string]string{"spinfer.protocol": c.protocol}, false))
		res, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
		must(t, err)
		checkLinks(t, res.Path)
		var got []string
		for _, f := range res.Figures {
			if f == FiguresDir+"/"+FigESS || f == FiguresDir+"/"+FigSwapRates {
				got = append(got, strings.TrimPrefix(f, FiguresDir+"/"))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: curves %q, want %q", c.protocol, got, c.want)
		}
	}
}

// Files that do not fit together (samples of 3 variables against data of
// 4) leave the samples section uncomputed with the reason; the report is
// still written and the other sections are unaffected.
func TestMismatchedSamples(t *testing.T) {
	run := partialRun(t, t.TempDir())
	s := &formats.Dataset{Names: []string{"a", "b", "c"}, Basis: formats.Ising, Rows: 2,
		Values: []int8{1, 1, 1, -1, -1, -1}}
	must(t, formats.WriteSamples(run.Samples(), s, false))
	res, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
	must(t, err)
	if len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "comparing samples.parquet") {
		t.Fatalf("notes %q", res.Notes)
	}
	raw, err := os.ReadFile(res.Path)
	must(t, err)
	md := string(raw)
	if !strings.Contains(md, "**Not computed:** comparing samples.parquet with the data") ||
		!strings.Contains(md, "RBM with 4 ising visible") {
		t.Errorf("report.md:\n%s", md)
	}
}
