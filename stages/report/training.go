package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/plots"
	"github.com/spinfer/spinfer/stages/evaluate"
)

// Figures drawn here (those of the evaluate stage keep its names).
const (
	FigPLL           = "training_pll.png"
	FigRecon         = "training_recon.png"
	FigGradNorm      = "training_grad_norm.png"
	FigESS           = "training_ess.png"
	FigSwapRates     = "training_swap_rates.png"
	FigAbsMagnet     = "abs_magnetisation.png"
	FigMixingOverlap = "mixing_overlap.png"
)

// curve is one training curve drawn from metrics.parquet.
type curve struct {
	file, title, ylabel string
	columns             [][2]string // (column, legend name)
	// protocol, when set, is the only training protocol the curve is
	// drawn for (other protocols may log a constant in its columns).
	protocol string
}

// trainingCurves are the curves drawn here, in the order shown.
var trainingCurves = []curve{
	{FigPLL, "Pseudo-log-likelihood per site", "PLL per site (nats)",
		[][2]string{{"pll_per_site", "train"}}, ""},
	{FigRecon, "One-step reconstruction error", "mean squared error per site",
		[][2]string{{"recon_error", "train"}}, ""},
	{FigGradNorm, "Norm of the weight gradient", "norm of the gradient of W",
		[][2]string{{"grad_norm_w", "grad_norm_w"}}, ""},
	{FigESS, "Effective sample size (Jarzynski weights)", "ESS / chains",
		[][2]string{{"ess", "ESS"}}, "jarzynski"},
	{FigSwapRates, "Parallel tempering swap rates", "swap rate",
		[][2]string{{"swap_rate_min", "min"}, {"swap_rate_mean", "mean"}}, "pt"},
}

// lastColumns are shown in the table of the last logged update.
var lastColumns = []string{"epoch", "wall_seconds", "learning_rate", "pll_per_site",
	"recon_error", "grad_norm_w", "ess", "swap_rate_min", "swap_rate_mean", "singular_1"}

// training writes the training curves of metrics.parquet.
func (b *builder) training(p *page) {
	p.h(2, "Training")
	if !exists(b.run.Metrics()) {
		b.missing(p, "metrics.parquet", b.cmd("train --run %s"))
		return
	}
	t, err := formats.ReadTable(b.run.Metrics())
	if err != nil {
		b.failed(p, "reading metrics.parquet: %v", err)
		return
	}
	update := t.Lookup("update")
	if update == nil || update.Int64 == nil || t.Rows == 0 {
		b.failed(p, "metrics.parquet has no rows or no int64 update column")
		return
	}
	x := make([]float64, t.Rows)
	for i, u := range update.Int64 {
		x[i] = float64(u)
	}
	p.para("From `metrics.parquet`: %d logged updates, protocol %s. Curves against the "+
		"update number (log axis); a curve is left out when its figure was not measured.",
		t.Rows, code(t.Meta["spinfer.protocol"]))
	b.lastRow(p, t)
	b.logLikelihood(p, t)
	for _, c := range trainingCurves {
		if c.protocol != "" && c.protocol != t.Meta["spinfer.protocol"] {
			continue
		}
		if c.file == FigPLL && !hasLogLik(t) {
			continue // the evaluate stage's curve then shows the PLL
		}
		b.trainingCurve(p, t, x, c)
	}
	b.evalFigure(p, b.parts.training, evaluate.PlotTrainingSingular,
		"largest singular values of W against update")
}

// lastRow writes the last logged values, and the last measured
// log-likelihoods.
func (b *builder) lastRow(p *page, t *formats.Table) {
	last := t.Rows - 1
	rows := [][]string{{"update", strconv.FormatInt(t.Lookup("update").Int64[last], 10)}}
	protocol := t.Meta["spinfer.protocol"]
	for _, name := range lastColumns {
		if name == "ess" && protocol != "jarzynski" ||
			strings.HasPrefix(name, "swap_") && protocol != "pt" {
			continue
		}
		if c := t.Lookup(name); c != nil && c.Float64 != nil && finite(c.Float64[last]) {
			rows = append(rows, []string{name, num(c.Float64[last])})
		}
	}
	for _, name := range []string{"train_loglik", "test_loglik"} {
		c := t.Lookup(name)
		if c == nil || c.Float64 == nil {
			continue
		}
		for r := last; r >= 0; r-- {
			if finite(c.Float64[r]) {
				rows = append(rows, []string{name + methodOf(t, r) + " at update " +
					strconv.FormatInt(t.Lookup("update").Int64[r], 10), num(c.Float64[r])})
				break
			}
		}
	}
	p.table([]string{"last logged", "value"}, rows)
}

// methodOf names the log-likelihood method of row r, " (exact)".
func methodOf(t *formats.Table, r int) string {
	if c := t.Lookup("loglik_method"); c != nil && c.String != nil && c.String[r] != "" {
		return " (" + c.String[r] + ")"
	}
	return ""
}

// logLikelihood links the evaluate stage's log-likelihood curve.
func (b *builder) logLikelihood(p *page, t *formats.Table) {
	part := b.parts.training
	if part.err != nil {
		b.failed(p, "training figures of the evaluate stage: %v", part.err)
		return
	}
	b.evalFigure(p, part, evaluate.PlotTrainingLogLik, logLikCaption(t))
}

// logLikCaption names what evaluate's log-likelihood figure shows: the
// log-likelihoods, or the pseudo-log-likelihood when none was measured.
func logLikCaption(t *formats.Table) string {
	if anyFinite(column(t, "train_loglik")) || anyFinite(column(t, "test_loglik")) {
		return "log-likelihood (train, test) against update"
	}
	return "pseudo-log-likelihood per site against update (no log-likelihood measured)"
}

// anyFinite reports whether xs holds a finite value.
func anyFinite(xs []float64) bool {
	for _, x := range xs {
		if finite(x) {
			return true
		}
	}
	return false
}

// trainingCurve draws one curve when its columns hold finite values.
func (b *builder) trainingCurve(p *page, t *formats.Table, x []float64, c curve) {
	var series []plots.Series
	for _, col := range c.columns {
		if s, ok := finiteSeries(col[1], x, column(t, col[0])); ok {
			series = append(series, s)
		}
	}
	if len(series) == 0 {
		return
	}
	b.figure(p, c.file, c.title+" against update", func(path string) error {
		return plots.Lines(path, c.title, "update", c.ylabel, series, true)
	})
}

// hasLogLik reports whether metrics hold a finite log-likelihood.
func hasLogLik(t *formats.Table) bool {
	for _, name := range []string{"train_loglik", "test_loglik"} {
		for _, v := range column(t, name) {
			if finite(v) {
				return true
			}
		}
	}
	return false
}

// column returns a float64 column of t, nil when absent or not float64.
func column(t *formats.Table, name string) []float64 {
	if c := t.Lookup(name); c != nil {
		return c.Float64
	}
	return nil
}

// finiteSeries keeps the points with x > 0 (a log axis) and y finite; ok
// is false when none is left.
func finiteSeries(name string, x, y []float64) (plots.Series, bool) {
	s := plots.Series{Name: name}
	for i := range min(len(x), len(y)) {
		if x[i] > 0 && finite(y[i]) {
			s.X = append(s.X, x[i])
			s.Y = append(s.Y, y[i])
		}
	}
	return s, len(s.X) > 0
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// percent formats a fraction as a percentage.
func percent(x float64) string { return fmt.Sprintf("%s%%", num(100*x)) }
