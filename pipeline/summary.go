package pipeline

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
)

// Summary file names in a sweep directory.
const (
	SummaryParquet  = "summary.parquet"
	SummaryMarkdown = "summary.md"
	// ArtifactSummary is the spinfer.artifact of summary.parquet.
	ArtifactSummary = "sweep-summary"
)

// SummaryRow holds the key figures of one run; NaN where not measured.
type SummaryRow struct {
	Point Point
	// Dir is the run directory.
	Dir RunDir
	// Status is "ok" when every stage succeeded, else the first stage
	// that did not, with its status ("train: interrupted", "sample:
	// missing").
	Status string
	// Seconds is the wall time the stages took when they ran.
	Seconds float64
	// TrainLL and TestLL are the log-likelihoods per sample of
	// evaluation.json (else the last logged in metrics.parquet).
	TrainLL, TestLL float64
	// PLLPerSite is the last logged pseudo-log-likelihood per site.
	PLLPerSite float64
	// DeltaJ and PairsR compare the inferred pair couplings with truth
	// (relative error Δ_J and Pearson r).
	DeltaJ, PairsR float64
	// Samples2ptR is the Pearson r of data vs samples pair correlations.
	Samples2ptR float64
}

// Summarize reads the key figures of every point's run directory; stages
// lists the stages each run is expected to have recorded.
func (f *File) Summarize(stages []string) []SummaryRow {
	var rows []SummaryRow
	for _, p := range f.Points() {
		rows = append(rows, summarizeRun(p, f.RunDir(p), stages))
	}
	return rows
}

// SummarizePoint reads the key figures of one point's run directory.
func (f *File) SummarizePoint(p Point, stages []string) SummaryRow {
	return summarizeRun(p, f.RunDir(p), stages)
}

func summarizeRun(p Point, dir RunDir, stages []string) SummaryRow {
	nan := math.NaN()
	row := SummaryRow{Point: p, Dir: dir, Status: StatusOK, TrainLL: nan, TestLL: nan,
		PLLPerSite: nan, DeltaJ: nan, PairsR: nan, Samples2ptR: nan}
	m, err := dir.ReadManifest()
	if err != nil {
		row.Status = "manifest: " + err.Error()
		return row
	}
	for _, st := range stages {
		rec := m.Stages[st]
		switch {
		case rec == nil && row.Status == StatusOK:
			row.Status = st + ": missing"
		case rec == nil:
		case rec.Status != StatusOK && row.Status == StatusOK:
			row.Status = st + ": " + rec.Status
			fallthrough
		default:
			row.Seconds += rec.Seconds
		}
	}
	metricsFigures(dir, &row)
	evaluationFigures(dir, &row)
	return row
}

// metricsFigures takes the last finite logged values of metrics.parquet.
func metricsFigures(dir RunDir, row *SummaryRow) {
	t, err := formats.ReadTable(dir.Metrics())
	if err != nil {
		return
	}
	for name, dst := range map[string]*float64{"train_loglik": &row.TrainLL,
		"test_loglik": &row.TestLL, "pll_per_site": &row.PLLPerSite} {
		c := t.Lookup(name)
		if c == nil {
			continue
		}
		for _, x := range c.Float64 {
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				*dst = x
			}
		}
	}
}

// evaluationFigures reads the summary of evaluation.json; its
// log-likelihoods replace the logged ones.
func evaluationFigures(dir RunDir, row *SummaryRow) {
	b, err := os.ReadFile(dir.Evaluation())
	if err != nil {
		return
	}
	var ev struct {
		Summary map[string]json.RawMessage `json:"summary"`
	}
	if json.Unmarshal(b, &ev) != nil {
		return
	}
	for name, dst := range map[string]*float64{"train_loglik": &row.TrainLL,
		"test_loglik": &row.TestLL, "pairs_delta_j": &row.DeltaJ,
		"pairs_pearson_r": &row.PairsR, "samples_2pt_r": &row.Samples2ptR} {
		var v *float64 // null: not computed
		if json.Unmarshal(ev.Summary[name], &v) == nil && v != nil {
			*dst = *v
		}
	}
}

// figureNames name the float columns of the summary, in order.
var figureNames = []string{"seconds", "train_loglik", "test_loglik", "pll_per_site",
	"pairs_delta_j", "pairs_pearson_r", "samples_2pt_r"}

func (r SummaryRow) figures() []float64 {
	return []float64{r.Seconds, r.TrainLL, r.TestLL, r.PLLPerSite, r.DeltaJ, r.PairsR,
		r.Samples2ptR}
}

// WriteSummary writes summary.parquet (one row per point: point, run,
// one string column per axis named stage.setting, status, then the
// figures, NaN where not measured) and summary.md into the sweep
// directory, replacing earlier ones.
func (f *File) WriteSummary(rows []SummaryRow) error {
	cols := []formats.Column{{Name: "point", Int64: []int64{}}, {Name: "run", String: []string{}}}
	for _, a := range f.Sweep {
		cols = append(cols, formats.Column{Name: a.Name(), String: []string{}})
	}
	cols = append(cols, formats.Column{Name: "status", String: []string{}})
	for _, n := range figureNames {
		cols = append(cols, formats.Column{Name: n, Float64: []float64{}})
	}
	na := len(f.Sweep)
	for _, r := range rows {
		cols[0].Int64 = append(cols[0].Int64, int64(r.Point.Index))
		cols[1].String = append(cols[1].String, filepath.Base(string(r.Dir)))
		for i := range na {
			cols[2+i].String = append(cols[2+i].String, r.Point.Values[i])
		}
		cols[2+na].String = append(cols[2+na].String, r.Status)
		for i, x := range r.figures() {
			cols[3+na+i].Float64 = append(cols[3+na+i].Float64, x)
		}
	}
	path := filepath.Join(f.Run, SummaryParquet)
	meta := map[string]string{"spinfer.pipeline": f.Path}
	if err := formats.WriteTable(path, ArtifactSummary, cols, meta, true); err != nil {
		return fmt.Errorf("pipeline: writing summary: %w", err)
	}
	return atomicfile.Write(filepath.Join(f.Run, SummaryMarkdown), true, func(w io.Writer) error {
		return f.writeMarkdown(w, rows)
	})
}

// writeMarkdown writes the summary as a Markdown table.
func (f *File) writeMarkdown(w io.Writer, rows []SummaryRow) error {
	head := []string{"point", "run"}
	for _, a := range f.Sweep {
		head = append(head, a.Name())
	}
	head = append(head, "status", "seconds", "train LL", "test LL", "PLL/site", "Δ_J",
		"pairs r", "samples 2-pt r")
	fmt.Fprintf(w, "# Sweep summary\n\nPipeline `%s`, %d runs. Log-likelihoods are per sample; "+
		"Δ_J and pairs r compare inferred pair couplings with truth; samples 2-pt r compares "+
		"data and model pair correlations. — means not measured.\n\n", f.Path, len(rows))
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat(" --- |", len(head)))
	for _, r := range rows {
		cells := []string{fmt.Sprint(r.Point.Index), "`" + filepath.Base(string(r.Dir)) + "`"}
		cells = append(cells, r.Point.Values...)
		cells = append(cells, r.Status, fmt.Sprintf("%.1f", r.Seconds))
		for _, x := range r.figures()[1:] {
			cells = append(cells, markdownNumber(x))
		}
		if _, err := fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | ")); err != nil {
			return err
		}
	}
	return nil
}

func markdownNumber(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	return fmt.Sprintf("%.4f", x)
}
