package evaluate

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/plots"
)

// Samples equal to the data and inferred couplings equal to the truth
// must agree perfectly; the log-likelihood must equal brute-force
// enumeration; every figure must exist and decode as a PNG.
func TestRunPerfectAgreement(t *testing.T) {
	run, data, test := testRun(t, nil)
	res, err := Run(context.Background(), Options{RunDir: string(run), Seed: 3}, nil)
	must(t, err)
	_, got, raw := readResult(t, run)
	if bytes.Contains(raw, []byte("NaN")) || bytes.Contains(raw, []byte("Inf")) {
		t.Error("evaluation.json holds NaN or Inf")
	}

	// Exact agreement: tolerances are rounding only.
	const tol = 1e-12
	s := got.Summary
	near(t, "pairs Δ_J", s.PairsDeltaJ, 0, tol)
	near(t, "pairs r", s.PairsPearson, 1, tol)
	near(t, "pairs AUC", s.PairsAUC, 1, tol)
	near(t, "mean NN coupling", s.MeanNNCoupling, testJ, tol)
	near(t, "true mean NN coupling", s.TrueNNCoupling, testJ, tol)
	near(t, "fields RMSE", s.FieldsRMSE, 0, tol)
	near(t, "samples 2-point r", s.Samples2ptR, 1, tol)
	near(t, "samples 3-point r", s.Samples3ptR, 1, tol)
	near(t, "magnetisation TV", s.MagnetisationTV, 0, tol)
	if !s.AdversarialAccuracy.Valid() {
		t.Error("adversarial accuracy missing")
	}

	// Log-likelihood against enumeration of all 2^6·2^3 states.
	if s.LLMethod != LikelihoodExact {
		t.Errorf("loglik method %q, want exact", s.LLMethod)
	}
	near(t, "train LL", s.TrainLL, bruteLogLik(testModel(), data.Values), 1e-9)
	near(t, "test LL", s.TestLL, bruteLogLik(testModel(), test.Values), 1e-9)

	o := got.Couplings.Orders[0]
	if o.Order != 2 || o.Selection != SelectionAll || o.Sets != 15 || o.TrueNonZero != 6 {
		t.Errorf("order report %+v", o)
	}
	near(t, "zero-set mean", o.Zero.Mean, 0, tol)
	near(t, "NN std", o.NonZero.Std, 0, tol)
	if o.Zero.Count != 9 {
		t.Errorf("true zeros %d, want 15 − 6 = 9", o.Zero.Count)
	}
	near(t, "training: last LL", got.Training.TrainLL, -3.9, 0)
	if got.Training.LLUpdate != 100 || got.Training.LastUpdate != 100 {
		t.Errorf("training report %+v", got.Training)
	}
	checkInputs(t, run, got, 7)
	checkPlots(t, run, res, []string{PlotCouplings(2), PlotFields, PlotCorrelations2,
		PlotCorrelations3, PlotMagnetisation, PlotPCA, PlotTrainingLogLik,
		PlotTrainingSingular})
}

// checkInputs compares the recorded inputs with pipeline.HashPath.
func checkInputs(t *testing.T, run pipeline.RunDir, r *Result, want int) {
	t.Helper()
	if len(r.Inputs) != want {
		t.Errorf("%d inputs recorded, want %d: %+v", len(r.Inputs), want, r.Inputs)
	}
	for _, in := range r.Inputs {
		sum, _, err := pipeline.HashPath(run.Path(in.Path))
		must(t, err)
		if sum != in.SHA256 {
			t.Errorf("input %s: sha256 %s, want %s", in.Role, in.SHA256, sum)
		}
	}
}

// checkPlots checks that every named figure was written and decodes as a
// PNG of the plots package's size.
func checkPlots(t *testing.T, run pipeline.RunDir, res *Result, want []string) {
	t.Helper()
	written := map[string]bool{}
	for _, p := range res.Plots {
		written[p.Name] = p.Written
	}
	for _, name := range want {
		if !written[name] {
			t.Errorf("%s not written", name)
			continue
		}
		f, err := os.Open(filepath.Join(run.Plots(), name))
		must(t, err)
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if cfg.Width != plots.WidthPixels || cfg.Height != plots.HeightPixels {
			t.Errorf("%s is %d×%d", name, cfg.Width, cfg.Height)
		}
	}
	outs := res.Outputs()
	if len(outs) != len(want)+1 || outs[0] != run.Evaluation() {
		t.Errorf("outputs %v", outs)
	}
}

// A perturbed inferred set gives the Δ_J, RMSE and means computed by hand.
func TestRunPerturbedCouplings(t *testing.T) {
	// Pair (0,1): 0.4 → 0.5; (2,3): 0.4 → 0.25; (0,2), a true zero: 0 → 0.05.
	delta := map[[2]int32]float64{{0, 1}: 0.1, {2, 3}: -0.15, {0, 2}: 0.05}
	run, _, _ := testRun(t, delta)
	_, err := Run(context.Background(), Options{RunDir: string(run), NoPlots: true,
		Likelihood: LikelihoodNone}, nil)
	must(t, err)
	_, got, _ := readResult(t, run)

	// By hand: Σδ² = 0.01 + 0.0225 + 0.0025 = 0.035, ΣJ*² = 6·0.16 = 0.96.
	const tol = 1e-12
	o := got.Couplings.Orders[0]
	near(t, "Δ_J", o.Agreement.RelErr, math.Sqrt(0.035/0.96), tol)
	near(t, "RMSE over the 15 pairs", o.Agreement.RMSE, math.Sqrt(0.035/15), tol)
	// Mean over the 6 bonds: (4·0.4 + 0.5 + 0.25)/6.
	near(t, "mean NN", got.Summary.MeanNNCoupling, 2.35/6, tol)
	nnVar := (4*sq(0.4-2.35/6) + sq(0.5-2.35/6) + sq(0.25-2.35/6)) / 6
	near(t, "NN std", o.NonZero.Std, math.Sqrt(nnVar), tol)
	// The 9 true zeros: one at 0.05, eight at 0.
	zm := 0.05 / 9
	near(t, "zero mean", o.Zero.Mean, zm, tol)
	near(t, "zero std", o.Zero.Std, math.Sqrt((sq(0.05-zm)+8*sq(zm))/9), tol)
	// Every bond still scores above every true zero.
	near(t, "AUC", o.AUC, 1, tol)
	near(t, "precision", o.PrecisionTopK, 1, tol)
	if got.Likelihood != nil || len(got.Plots) != 0 {
		t.Errorf("likelihood none and no plots: got %+v, %d plots", got.Likelihood,
			len(got.Plots))
	}
}

func sq(x float64) float64 { return x * x }

// All-zero true fields make the fields' Δ_J and r undefined: null in the
// JSON, never NaN.
func TestUndefinedFiguresAreNull(t *testing.T) {
	run := pipeline.RunDir(t.TempDir())
	tr := truthCouplings()
	tr.Fields = make([]float64, testN)
	must(t, formats.WriteCouplings(run.Truth(), tr, false))
	must(t, formats.WriteCouplings(run.Couplings(), inferredCouplings(nil), false))
	_, err := Run(context.Background(), Options{RunDir: string(run), NoPlots: true}, nil)
	must(t, err)
	generic, got, raw := readResult(t, run)
	if bytes.Contains(raw, []byte("NaN")) {
		t.Error("evaluation.json holds NaN")
	}
	f := generic["couplings"].(map[string]any)["fields"].(map[string]any)
	for _, k := range []string{"rel_err", "pearson_r", "slope"} {
		if v, ok := f[k]; !ok || v != nil {
			t.Errorf("fields %s = %v, want null", k, v)
		}
	}
	if rmse := got.Couplings.Fields.RMSE; !rmse.Valid() || rmse == 0 {
		t.Errorf("fields RMSE %v, want the RMS of testFields", rmse)
	}
	for _, k := range []string{"samples_2pt_r", "train_loglik"} {
		if v := generic["summary"].(map[string]any)[k]; v != nil {
			t.Errorf("summary %s = %v, want null (not evaluated)", k, v)
		}
	}
	if got.Samples != nil || got.Likelihood != nil || got.Training != nil {
		t.Error("parts without inputs must be null")
	}
}

func TestRefusesExistingEvaluation(t *testing.T) {
	run, _, _ := testRun(t, nil)
	o := Options{RunDir: string(run), NoPlots: true}
	_, err := Run(context.Background(), o, nil)
	must(t, err)
	before, err := os.ReadFile(run.Evaluation())
	must(t, err)
	_, err = Run(context.Background(), o, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second run without force: %v, want an input error naming --force", err)
	}
	after, err := os.ReadFile(run.Evaluation())
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Error("evaluation.json changed")
	}
	o.Force = true
	_, err = Run(context.Background(), o, nil)
	must(t, err)
}

func TestNothingToEvaluate(t *testing.T) {
	run := pipeline.RunDir(t.TempDir())
	// A truth alone, or data alone, has nothing to be compared with.
	must(t, formats.WriteCouplings(run.Truth(), truthCouplings(), false))
	must(t, formats.WriteDataset(run.Dataset(), randomData(10, testN, false, 1), false))
	_, err := Run(context.Background(), Options{RunDir: string(run)}, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "nothing") {
		t.Fatalf("got %v, want an input error saying there is nothing to evaluate", err)
	}
	if exists(run.Evaluation()) {
		t.Error("evaluation.json written")
	}
}

func TestMissingExplicitInput(t *testing.T) {
	run, _, _ := testRun(t, nil)
	_, err := Run(context.Background(), Options{RunDir: string(run),
		Truth: run.Path("nowhere"), Samples: run.Path("none.parquet")}, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "nowhere") ||
		!strings.Contains(err.Error(), "none.parquet") {
		t.Fatalf("got %v, want an input error naming both paths", err)
	}
}

func TestValidateReportsEveryField(t *testing.T) {
	err := Options{Likelihood: "maybe", Workers: -1, AISSteps: -2}.Validate()
	if !errors.Is(err, pipeline.ErrInput) {
		t.Fatalf("got %v, want an input error", err)
	}
	for _, want := range []string{"run directory", "maybe", "workers", "AIS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q missing from %v", want, err)
		}
	}
	if err := (Options{RunDir: "x", AISRepeats: 1}).Validate(); err == nil {
		t.Error("AIS repeats 1 accepted")
	}
	if err := (Options{RunDir: "x"}).Validate(); err != nil {
		t.Errorf("defaults rejected: %v", err)
	}
}
