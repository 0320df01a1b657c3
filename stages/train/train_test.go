package train

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
)

func fixtureRun(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := fixtures.CopyTo(fixtures.Ising8, dir, false); err != nil {
		t.Fatal(err)
	}
	return dir
}

func opts(dir string, updates int) Options {
	return Options{RunDir: dir, Precision: "float64", Checkpoints: 4, LogPoints: 5,
		Likelihood: "none",
		Config: rbm.Config{Hidden: 6, K: 2, Batch: 50, Updates: updates, Seed: 11,
			LearningRate: 0.02}}
}

// An interrupted float64 run resumed from its checkpoint ends with exactly
// the parameters of an uninterrupted run with the same seed.
func TestInterruptAndResumeBitForBit(t *testing.T) {
	whole := fixtureRun(t)
	if _, err := Run(context.Background(), opts(whole, 60), nil); err != nil {
		t.Fatal(err)
	}
	want, err := formats.ReadModel(filepath.Join(whole, "model"))
	if err != nil {
		t.Fatal(err)
	}

	part := fixtureRun(t)
	ctx, cancel := context.WithCancel(context.Background())
	o := opts(part, 60)
	o.Progress = func(u, total int, _ string) {
		if u == 23 {
			cancel() // as SIGINT does
		}
	}
	_, err = Run(ctx, o, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: err = %v", err)
	}
	us, err := Checkpoints(pipeline.RunDir(part))
	if err != nil || us[len(us)-1] != 23 {
		t.Fatalf("checkpoints after interrupt: %v %v, want the last at 23", us, err)
	}
	o = Options{RunDir: part, Resume: true}
	res, err := Run(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Updates != 60 {
		t.Fatalf("resumed run ended at %d updates", res.Updates)
	}
	got, err := formats.ReadModel(filepath.Join(part, "model"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.W {
		if math.Float64bits(got.W[i]) != math.Float64bits(want.W[i]) {
			t.Fatalf("W[%d]: resumed %v, uninterrupted %v", i, got.W[i], want.W[i])
		}
	}
	for i := range want.B {
		if got.B[i] != want.B[i] {
			t.Fatalf("b[%d] differs", i)
		}
	}
	for a := range want.C {
		if got.C[a] != want.C[a] {
			t.Fatalf("c[%d] differs", a)
		}
	}
}

// A learning rate far too large diverges with an error naming the update
// and the parameter and suggesting a smaller rate; no final model is
// written.
func TestDivergenceNamesUpdateAndParameter(t *testing.T) {
	dir := fixtureRun(t)
	o := opts(dir, 200)
	o.Precision = "float32"
	o.Config.LearningRate = 1e38
	_, err := Run(context.Background(), o, nil)
	if err == nil || !strings.Contains(err.Error(), "smaller --lr") ||
		!strings.Contains(err.Error(), "diverged at update") {
		t.Fatalf("err = %v, want a divergence naming update and parameter", err)
	}
	if _, err := formats.ReadModel(filepath.Join(dir, "model")); err == nil {
		t.Fatal("a diverged run wrote a final model")
	}
	// The metrics kept for diagnosis block a plain re-run: the message says
	// where they are and how to train again.
	if !strings.Contains(err.Error(), pipeline.RunDir(dir).Metrics()) ||
		!strings.Contains(err.Error(), "--force") {
		t.Errorf("err = %v, want it to name metrics.parquet and --force", err)
	}

	// A large but finite rate makes parameters run away without overflow.
	dir = fixtureRun(t)
	o = opts(dir, 200)
	o.Config.LearningRate = 1000
	_, err = Run(context.Background(), o, nil)
	if err == nil || !strings.Contains(err.Error(), "diverged at update") {
		t.Fatalf("lr 1000: err = %v, want a divergence", err)
	}
}

// Metrics hold one row per logged update with the documented columns.
func TestMetricsRows(t *testing.T) {
	dir := fixtureRun(t)
	if _, err := Run(context.Background(), opts(dir, 30), nil); err != nil {
		t.Fatal(err)
	}
	tab, err := formats.ReadTable(filepath.Join(dir, "metrics.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	upd := tab.Lookup("update").Int64
	want := LogSpaced(5, 30)
	if len(upd) != len(want) || int(upd[len(upd)-1]) != 30 {
		t.Fatalf("logged updates %v, want %v", upd, want)
	}
	for _, c := range []string{"pll_per_site", "recon_error", "singular_1", "grad_norm_w"} {
		col := tab.Lookup(c)
		if col == nil || math.IsNaN(col.Float64[len(upd)-1]) {
			t.Fatalf("column %s missing or NaN", c)
		}
	}
}

func TestLogSpaced(t *testing.T) {
	got := LogSpaced(4, 1000)
	want := []int{1, 10, 100, 1000}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("LogSpaced(4, 1000) = %v, want %v", got, want)
		}
	}
}

// More points than updates give every update once; the work is bounded by
// the updates, not the points asked for (--log-points 1e18 with --updates 5
// used to loop 10¹⁸ times).
func TestLogSpacedMorePointsThanUpdates(t *testing.T) {
	for _, n := range []int{5, 6, 1 << 60} {
		if got := LogSpaced(n, 5); !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
			t.Errorf("LogSpaced(%d, 5) = %v, want [1 2 3 4 5]", n, got)
		}
	}
}

// The automatic likelihood is exact only where it is cheap: 64 visible
// units with 16 hidden (2^16·64 = 2^22) but not with 20, nor HGD's 805
// visible units with 20 hidden.
func TestAutoExact(t *testing.T) {
	for _, c := range []struct {
		n, m int
		want bool
	}{{64, 16, true}, {64, 20, false}, {805, 12, true}, {805, 20, false}, {10, 3, true}, {64, 64, false}} {
		if got := autoExact(c.n, c.m); got != c.want {
			t.Errorf("autoExact(%d, %d) = %v, want %v", c.n, c.m, got, c.want)
		}
	}
}

// A resumed run keeps the stage settings it started with (metrics rows,
// log-likelihood method, checkpoint schedule), not the defaults: its
// metrics and checkpoints are those of an uninterrupted run.
func TestResumeKeepsStageSettings(t *testing.T) {
	whole := fixtureRun(t)
	if _, err := Run(context.Background(), opts(whole, 60), nil); err != nil {
		t.Fatal(err)
	}
	part := fixtureRun(t)
	ctx, cancel := context.WithCancel(context.Background())
	o := opts(part, 60)
	o.Progress = func(u, _ int, _ string) {
		if u == 5 {
			cancel()
		}
	}
	if _, err := Run(ctx, o, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: err = %v", err)
	}
	if _, err := Run(context.Background(), Options{RunDir: part, Resume: true}, nil); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{whole, part} {
		t.Logf("%s: metrics %s", dir, metricsSummary(t, dir))
	}
	if w, p := metricsSummary(t, whole), metricsSummary(t, part); w != p {
		t.Errorf("metrics rows (update:method): uninterrupted %s, resumed %s", w, p)
	}
	wc, _ := Checkpoints(pipeline.RunDir(whole))
	pc, _ := Checkpoints(pipeline.RunDir(part))
	// The interrupted run adds its checkpoint at update 5 to the schedule.
	pc = slices.DeleteFunc(pc, func(u int) bool { return u == 5 && !slices.Contains(wc, 5) })
	if !slices.Equal(wc, pc) {
		t.Errorf("checkpoints: uninterrupted %v, resumed %v", wc, pc)
	}
}

// metricsSummary lists metrics.parquet's updates with their likelihood
// method.
func metricsSummary(t *testing.T, dir string) string {
	t.Helper()
	tab, err := formats.ReadTable(pipeline.RunDir(dir).Metrics())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := rowsFromTable(tab)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%d:%s ", r.Update, r.LLMethod)
	}
	return b.String()
}

// Resuming after the training data changed is an input error naming the
// data file (it was a runtime failure, exit status 1, naming no file).
func TestResumeAfterDataChangedIsInputError(t *testing.T) {
	dir := fixtureRun(t)
	ctx, cancel := context.WithCancel(context.Background())
	o := opts(dir, 60)
	o.Progress = func(u, _ int, _ string) {
		if u == 5 {
			cancel()
		}
	}
	if _, err := Run(ctx, o, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: err = %v", err)
	}
	run := pipeline.RunDir(dir)
	d, err := formats.ReadDataset(run.Dataset())
	if err != nil {
		t.Fatal(err)
	}
	d.Rows /= 2
	d.Values = d.Values[:d.Rows*d.N()]
	if err := formats.WriteDataset(run.Dataset(), d, true); err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), Options{RunDir: dir, Resume: true}, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), run.Dataset()) {
		t.Fatalf("err = %v, want an input error naming %s", err, run.Dataset())
	}
}

// Chains whose states alone exceed the machine's memory are an input error
// naming --chains, before anything is allocated or written (the Go runtime
// used to crash with a fatal out-of-memory error). The machine is set to
// 1 MB so that 10⁵ chains (64 + 6 numbers each, twice, float64: 112 MB)
// exceed it.
func TestChainsBeyondMemoryAreInputError(t *testing.T) {
	saved := memTotal
	defer func() { memTotal = saved }()
	memTotal = func() float64 { return 1e6 }
	dir := fixtureRun(t)
	o := opts(dir, 1)
	o.Config.Chains = 100000
	_, err := Run(context.Background(), o, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "--chains 100000") {
		t.Fatalf("err = %v, want an input error naming --chains 100000", err)
	}
	if _, err := os.Stat(pipeline.RunDir(dir).Metrics()); err == nil {
		t.Error("metrics.parquet written")
	}
}
