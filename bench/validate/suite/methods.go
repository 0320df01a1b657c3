package suite

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/evaluate"
)

// runCase draws the data of c into out/<case>, runs and scores every
// method, and returns one row per method and order compared.
func runCase(ctx context.Context, r *runner, out string, s Suite, c Case) ([]Row, error) {
	dir := pipeline.RunDir(filepath.Join(out, c.Name))
	genArgs := append([]string{"generate", "--run", string(dir)}, c.Generate...)
	genSec, err := r.run(ctx, dir.Path("generate.log"), append(genArgs, "--force")...)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for _, m := range c.Methods() {
		sec, res, err := runMethod(ctx, r, dir, s.TrainingFor(c), c, m)
		if err != nil {
			return rows, err
		}
		for _, row := range methodRows(res, c, m) {
			row.MethodSeconds, row.GenerateSeconds = sec, genSec
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// runMethod infers couplings with method m into dir/<m> and evaluates
// them against dir/truth. It returns the inference wall time (training
// included) and the evaluation.
func runMethod(ctx context.Context, r *runner, dir pipeline.RunDir, t Training, c Case,
	m string) (float64, *evaluate.Result, error) {
	run := pipeline.RunDir(dir.Path(m))
	log := dir.Path(m + ".log")
	if err := os.Remove(log); err != nil && !os.IsNotExist(err) {
		return 0, nil, fmt.Errorf("validate: %w", err)
	}
	var sec float64
	var err error
	if protocol, ok := strings.CutPrefix(m, "rbm-"); ok {
		sec, err = runRBM(ctx, r, log, dir, run, t, protocol, c.Order)
	} else {
		sec, err = r.run(ctx, log, "couplings", "--method", m, "--data", dir.Dataset(),
			"-o", run.Path(pipeline.CouplingsDir), "--force")
	}
	if err != nil {
		return sec, nil, err
	}

	// score against the truth
	_, err = r.run(ctx, log, "evaluate", "--run", string(run), "--truth", dir.Path("truth"),
		"--data", dir.Dataset(), "--likelihood", "none", "--seed", "1", "--force")
	if err != nil {
		return sec, nil, err
	}
	res, err := readEvaluation(run.Path(pipeline.EvaluationFile))
	return sec, res, err
}

// runRBM trains an RBM with protocol on dir's dataset into run and maps
// it to couplings up to order; it returns the summed wall time.
func runRBM(ctx context.Context, r *runner, log string, dir, run pipeline.RunDir,
	t Training, protocol string, order int) (float64, error) {
	args := append([]string{"train", "--run", string(run), "--data", dir.Dataset()},
		t.args(protocol)...)
	train, err := r.run(ctx, log, append(args, "--seed", "1", "--force")...)
	if err != nil {
		return train, err
	}
	coup, err := r.run(ctx, log, "couplings", "--run", string(run),
		"--order", strconv.Itoa(order), "--force")
	return train + coup, err
}

// readEvaluation reads an evaluation.json.
func readEvaluation(path string) (*evaluate.Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	var res evaluate.Result
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("validate: %s: %w", path, err)
	}
	if res.Couplings == nil {
		return nil, fmt.Errorf("validate: %s: no couplings comparison (notes: %s)",
			path, strings.Join(res.Notes, "; "))
	}
	return &res, nil
}

// Row is one line of validation.parquet: method m on case c at one
// coupling order. Values not defined are NaN.
type Row struct {
	Case, Method    string
	Samples, N      int
	Order           int
	DeltaJ, RMSE    float64 // Δ_J = sqrt(Σ(J−J*)²/ΣJ*²) and RMSE over all sets
	Pearson, AUC    float64 // Pearson r; ROC-AUC of |J| at finding J* ≠ 0
	Slope           float64 // least-squares slope of J on J* over all sets
	PrecisionTopK   float64 // true non-zeros among the K largest |J|
	TopK            int     // K = number of true non-zero sets
	MeanNonZero     float64 // mean inferred J over the true non-zero sets
	TrueNonZero     float64 // mean true J over them
	StdZero         float64 // std of the inferred J over the true zeros
	FieldsRMSE      float64
	MethodSeconds   float64 // inference wall time (training included)
	GenerateSeconds float64 // wall time of spinfer generate for the case
	Note            string
}

// methodRows turns an evaluation into rows for orders 2 … c.Order.
func methodRows(res *evaluate.Result, c Case, m string) []Row {
	var rows []Row
	for k := 2; k <= c.Order; k++ {
		row := Row{Case: c.Name, Method: m, Samples: c.Samples, N: res.Couplings.N, Order: k,
			FieldsRMSE: math.NaN()}
		if f := res.Couplings.Fields; f != nil {
			row.FieldsRMSE = float64(f.RMSE)
		}
		fillOrder(&row, res.Couplings.Orders, k)
		rows = append(rows, row)
	}
	return rows
}

// fillOrder copies the report of order k into row, or marks it absent.
func fillOrder(row *Row, orders []evaluate.OrderReport, k int) {
	nan := math.NaN()
	for _, o := range orders {
		if o.Order != k {
			continue
		}
		a := o.Agreement
		row.DeltaJ, row.RMSE, row.Pearson = float64(a.RelErr), float64(a.RMSE), float64(a.Pearson)
		row.Slope = float64(a.Slope)
		row.AUC, row.PrecisionTopK = float64(o.AUC), float64(o.PrecisionTopK)
		row.TopK = o.TrueNonZero
		row.MeanNonZero, row.TrueNonZero = float64(o.NonZero.Mean), float64(o.NonZero.TrueMean)
		row.StdZero = float64(o.Zero.Std)
		if o.Selection != "all" {
			row.Note = "selection " + o.Selection + ": " + o.Note
		}
		return
	}
	row.DeltaJ, row.RMSE, row.Pearson, row.AUC, row.PrecisionTopK = nan, nan, nan, nan, nan
	row.Slope = nan
	row.MeanNonZero, row.TrueNonZero, row.StdZero = nan, nan, nan
	row.Note = fmt.Sprintf("no order-%d couplings inferred (a pairwise method finds none)", k)
}
