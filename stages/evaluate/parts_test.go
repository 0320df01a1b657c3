package evaluate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// A screened order lists only its top K: the report says so, and the
// statistics over true zeros count the unlisted sets as 0.
func TestScreenedOrder(t *testing.T) {
	run := pipeline.RunDir(t.TempDir())
	tr := truthCouplings()
	// True triplets: (0,1,2) = 0.2, (3,4,5) = −0.1.
	tr.Orders[3] = []formats.Term{{Sites: [4]int32{0, 1, 2}, Value: 0.2},
		{Sites: [4]int32{3, 4, 5}, Value: -0.1}}
	inf := inferredCouplings(nil)
	// Top 3 of 20 by |J|: both true ones (one off by 0.05) and a spurious one.
	inf.Orders[3] = []formats.Term{{Sites: [4]int32{0, 1, 2}, Value: 0.25},
		{Sites: [4]int32{1, 2, 3}, Value: 0.08}, {Sites: [4]int32{3, 4, 5}, Value: -0.1}}
	inf.Meta["spinfer.top_k_order_3"] = "3"
	must(t, formats.WriteCouplings(run.Truth(), tr, false))
	must(t, formats.WriteCouplings(run.Couplings(), inf, false))
	res, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
	must(t, err)
	_, got, _ := readResult(t, run)
	if len(got.Couplings.Orders) != 2 {
		t.Fatalf("%d orders compared, want 2", len(got.Couplings.Orders))
	}
	o := got.Couplings.Orders[1]
	if o.Order != 3 || o.Selection != SelectionTopK || o.TopK != 3 || o.Sets != 20 ||
		!strings.Contains(o.Note, "top 3") {
		t.Errorf("order 3: %+v", o)
	}
	if !strings.Contains(strings.Join(got.Notes, "\n"), "top 3") {
		t.Errorf("notes %q do not mention the selection", got.Notes)
	}
	// By hand: Σδ² = 0.05² + 0.08², ΣJ*² = 0.2² + 0.1².
	const tol = 1e-12
	near(t, "Δ_J order 3", o.Agreement.RelErr, math.Sqrt((0.0025+0.0064)/0.05), tol)
	near(t, "non-zero mean", o.NonZero.Mean, (0.25-0.1)/2, tol)
	// 18 true zeros: one listed at 0.08, 17 unlisted at 0.
	zm := 0.08 / 18
	near(t, "zero mean", o.Zero.Mean, zm, tol)
	near(t, "zero std", o.Zero.Std, math.Sqrt((sq(0.08-zm)+17*sq(zm))/18), tol)
	if o.Zero.Count != 18 {
		t.Errorf("true zeros %d, want 18", o.Zero.Count)
	}
	checkPlots(t, run, res, []string{PlotCouplings(2), PlotCouplings(3), PlotFields})
}

// Only samples and data: the other parts are null, their figures skipped
// with a reason, and a stale figure of an earlier evaluation is removed.
func TestOnlySamples(t *testing.T) {
	run, _, _ := testRun(t, nil)
	_, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
	must(t, err)
	for _, p := range []string{run.Couplings(), run.Model(), run.Metrics()} {
		must(t, os.RemoveAll(p))
	}
	res, err := Run(context.Background(), Options{RunDir: string(run), Force: true}, nil)
	must(t, err)
	_, got, _ := readResult(t, run)
	if got.Couplings != nil || got.Likelihood != nil || got.Training != nil ||
		got.Samples == nil {
		t.Fatalf("sections: couplings %v, likelihood %v, training %v, samples %v",
			got.Couplings, got.Likelihood, got.Training, got.Samples)
	}
	if got.Summary.PairsDeltaJ.Valid() || got.Summary.TrainLL.Valid() {
		t.Error("summary holds figures of parts that did not run")
	}
	skipped := map[string]string{}
	for _, p := range got.Plots {
		if !p.Written {
			skipped[p.Name] = p.Reason
		}
	}
	for _, name := range []string{PlotCouplings(2), PlotFields, PlotTrainingLogLik,
		PlotTrainingSingular} {
		if skipped[name] == "" {
			t.Errorf("%s not recorded as skipped with a reason", name)
		}
		if exists(run.Path(PlotsDir, name)) {
			t.Errorf("stale %s left in plots/", name)
		}
	}
	checkPlots(t, run, res, []string{PlotCorrelations2, PlotCorrelations3,
		PlotMagnetisation, PlotPCA})
	if !strings.Contains(strings.Join(got.Notes, "\n"), "no inferred couplings") {
		t.Errorf("notes %q do not say why couplings were not compared", got.Notes)
	}
}

// The same configurations stored as binary and as Ising data have the
// same log-likelihood under an Ising-visible model.
func TestLikelihoodAcrossBases(t *testing.T) {
	ll := func(binary bool) Number {
		run := pipeline.RunDir(t.TempDir())
		d := randomData(testRows, testN, binary, 1)
		must(t, formats.WriteDataset(run.Dataset(), d, false))
		must(t, formats.WriteModel(run.Model(), testModel(), false))
		_, err := Run(context.Background(), Options{RunDir: string(run), NoPlots: true}, nil)
		must(t, err)
		_, got, _ := readResult(t, run)
		return got.Summary.TrainLL
	}
	// randomData draws the same bits for both bases.
	want := bruteLogLik(testModel(), randomData(testRows, testN, false, 1).Values)
	near(t, "Ising data", ll(false), want, 1e-9)
	near(t, "binary data", ll(true), want, 1e-9)
}

// AIS is wired with the seed and settings: its estimate of log Z agrees
// with the exact one within 0.05 (on N = 6, M = 3 the spread of the
// repeats is about 10⁻³) and the spread is reported.
func TestLikelihoodAIS(t *testing.T) {
	run, _, _ := testRun(t, nil)
	o := Options{RunDir: string(run), NoPlots: true, Likelihood: LikelihoodAIS,
		AISSteps: 300, AISChains: 50, AISRepeats: 3, Seed: 9}
	_, err := Run(context.Background(), o, nil)
	must(t, err)
	_, ais, _ := readResult(t, run)
	o.Likelihood, o.Force = LikelihoodExact, true
	_, err = Run(context.Background(), o, nil)
	must(t, err)
	_, exact, _ := readResult(t, run)
	a, e := ais.Likelihood, exact.Likelihood
	if a.Method != LikelihoodAIS || a.AISSteps != 300 || a.AISChains != 50 ||
		a.AISRepeats != 3 || !a.LogZStd.Valid() || a.LogZStd > 0.05 {
		t.Errorf("AIS report %+v", a)
	}
	near(t, "AIS log Z", a.LogZ, float64(e.LogZ), 0.05)
	near(t, "AIS train LL", a.Train, float64(e.Train), 0.05)
}

func TestLikelihoodExactTooLarge(t *testing.T) {
	run := pipeline.RunDir(t.TempDir())
	const n, m = 25, 25
	d := randomData(20, n, false, 1)
	must(t, formats.WriteDataset(run.Dataset(), d, false))
	mod := &formats.Model{VisibleNames: d.Names, Visible: formats.UnitIsing,
		Hidden: formats.UnitBernoulli, W: make([]float64, n*m), B: make([]float64, n),
		C: make([]float64, m), Training: map[string]any{}}
	must(t, formats.WriteModel(run.Model(), mod, false))
	_, err := Run(context.Background(), Options{RunDir: string(run),
		Likelihood: LikelihoodExact}, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "24") {
		t.Fatalf("got %v, want an input error naming the limit", err)
	}
	// auto leaves it out with a note, and then nothing is left to evaluate.
	_, err = Run(context.Background(), Options{RunDir: string(run)}, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "nothing") {
		t.Fatalf("auto: got %v, want nothing to evaluate", err)
	}
}

func TestMismatchedInputs(t *testing.T) {
	run := pipeline.RunDir(t.TempDir())
	must(t, formats.WriteDataset(run.Dataset(), randomData(50, testN, false, 1), false))
	must(t, formats.WriteSamples(run.Samples(), randomData(50, testN+1, false, 2), false))
	_, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "variables") {
		t.Fatalf("got %v, want an input error on the sizes", err)
	}
}

// Variables named differently are compared by position, with a note.
func TestDifferentNamesNoted(t *testing.T) {
	run := pipeline.RunDir(t.TempDir())
	tr := truthCouplings()
	for i := range tr.Names {
		tr.Names[i] = "x" + tr.Names[i]
	}
	must(t, formats.WriteCouplings(run.Truth(), tr, false))
	must(t, formats.WriteCouplings(run.Couplings(), inferredCouplings(nil), false))
	_, err := Run(context.Background(), Options{RunDir: string(run), NoPlots: true}, nil)
	must(t, err)
	_, got, _ := readResult(t, run)
	if !strings.Contains(strings.Join(got.Notes, "\n"), "by position") {
		t.Errorf("notes %q", got.Notes)
	}
	near(t, "pairs Δ_J", got.Summary.PairsDeltaJ, 0, 0)
}

// The same seed gives the same evaluation whatever the number of workers.
func TestDeterministic(t *testing.T) {
	run, _, _ := testRun(t, nil)
	var outs [][]byte
	for _, w := range []int{1, 2} {
		_, err := Run(context.Background(), Options{RunDir: string(run), Seed: 5, Workers: w,
			Force: true, Likelihood: LikelihoodNone}, nil)
		must(t, err)
		_, r, _ := readResult(t, run)
		r.Seconds = 0
		b, err := json.Marshal(r)
		must(t, err)
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("evaluation differs between 1 and 2 workers")
	}
}

func TestProgressAndCancel(t *testing.T) {
	run, _, _ := testRun(t, nil)
	var calls [][2]int
	_, err := Run(context.Background(), Options{RunDir: string(run), NoPlots: true,
		Progress: func(done, total int, _ string) { calls = append(calls, [2]int{done, total}) }},
		nil)
	must(t, err)
	last := calls[len(calls)-1]
	if len(calls) < 2 || last[0] != last[1] {
		t.Errorf("progress calls %v: the last must report every part done", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run(ctx, Options{RunDir: string(run), Force: true}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
}

func TestNumberJSON(t *testing.T) {
	b, err := json.Marshal([]Number{1.5, nan, Number(math.Inf(1)), 0})
	must(t, err)
	if string(b) != "[1.5,null,null,0]" {
		t.Errorf("got %s", b)
	}
	var back []Number
	must(t, json.Unmarshal(b, &back))
	if back[0] != 1.5 || back[1].Valid() || back[2].Valid() || back[3] != 0 {
		t.Errorf("read back %v", back)
	}
}
