package report

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// Files of a sweep directory that mark it as one (written by package
// pipeline's sweeps).
const (
	SummaryParquet  = pipeline.SummaryParquet
	SummaryMarkdown = pipeline.SummaryMarkdown
)

// sweepDepth is how many directory levels below a sweep runs are looked for.
const sweepDepth = 3

// notRunDirs are subdirectory names that belong to a run, never hold one.
var notRunDirs = map[string]bool{FiguresDir: true, pipeline.ModelDir: true,
	pipeline.CheckpointsDir: true, pipeline.CouplingsDir: true, pipeline.TruthDir: true,
	pipeline.PlotsDir: true}

// isSweep reports whether dir holds a sweep summary, or holds runs in
// subdirectories without being a run itself.
func isSweep(dir string) bool {
	if exists(filepath.Join(dir, SummaryParquet)) || exists(filepath.Join(dir, SummaryMarkdown)) {
		return true
	}
	runs, upstream := findRuns(dir)
	return !isRun(dir) && len(runs)+len(upstream) > 0
}

// findRuns returns the run directories below dir (up to sweepDepth levels,
// not inside another run), as slash-separated paths relative to dir, sorted:
// the grid points in runs, and the sweeps' shared upstream directories
// (named pipeline.UpstreamDirName), which are no grid point, in upstream.
func findRuns(dir string) (runs, upstream []string) {
	var walk func(rel string, depth int)
	walk = func(rel string, depth int) {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return
		}
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() || name[0] == '.' || notRunDirs[name] {
				continue
			}
			sub := name
			if rel != "" {
				sub = rel + "/" + name
			}
			switch {
			case isRun(filepath.Join(dir, filepath.FromSlash(sub))) &&
				name == pipeline.UpstreamDirName:
				upstream = append(upstream, sub)
			case isRun(filepath.Join(dir, filepath.FromSlash(sub))):
				runs = append(runs, sub)
			case depth > 1:
				walk(sub, depth-1)
			}
		}
	}
	walk("", sweepDepth)
	sort.Strings(runs)
	sort.Strings(upstream)
	return runs, upstream
}

// runSweep writes the report of each run of a sweep, then the sweep's.
func runSweep(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	runs, upstream := findRuns(o.RunDir)
	if !o.Force {
		if p := filepath.Join(o.RunDir, File); exists(p) {
			return nil, fmt.Errorf("report: %s: %w", p, atomicfile.ErrExists)
		}
		for _, r := range runs {
			if err := checkFree(filepath.Join(o.RunDir, r), false); err != nil {
				return nil, err
			}
		}
	}
	res := &Result{Kind: KindSweep, Figures: []string{}}
	for _, r := range runs {
		ro := o
		ro.RunDir = filepath.Join(o.RunDir, filepath.FromSlash(r))
		rr, err := runOne(ctx, ro, log)
		if err != nil {
			return nil, fmt.Errorf("report: run %s: %w", r, err)
		}
		res.Runs = append(res.Runs, rr)
	}
	p := &page{}
	header(p, "spinfer sweep report: "+filepath.Base(absPath(o.RunDir)), o.RunDir)
	sweepSummary(p, o.RunDir, runs, res)
	sweepRuns(p, o.RunDir, runs, upstream)
	res.Path = filepath.Join(o.RunDir, File)
	err := atomicfile.Write(res.Path, o.Force, func(w io.Writer) error {
		_, err := io.WriteString(w, p.String())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return res, nil
}

// sweepSummary writes the summary table of summary.parquet, else the
// content of summary.md.
func sweepSummary(p *page, dir string, runs []string, res *Result) {
	p.h(2, "Summary")
	pq, md := filepath.Join(dir, SummaryParquet), filepath.Join(dir, SummaryMarkdown)
	switch {
	case exists(pq):
		t, err := formats.ReadTable(pq)
		if err != nil {
			res.Notes = append(res.Notes, err.Error())
			p.note("**Not computed:** reading %s: %v", SummaryParquet, err)
			return
		}
		p.para("From `%s`: %d runs.", SummaryParquet, t.Rows)
		summaryTable(p, t, runs)
	case exists(md):
		raw, err := os.ReadFile(md)
		if err != nil {
			p.note("**Not computed:** reading %s: %v", SummaryMarkdown, err)
			return
		}
		p.para("From `%s`:", SummaryMarkdown)
		p.para("%s", string(raw))
	default:
		res.Missing = append(res.Missing, "summary.parquet (the sweep's summary table)")
		p.missing("summary.parquet (the sweep's summary table)", "spinfer run PIPELINE.yaml")
	}
}

// summaryTable writes a generic table; a string cell naming a run
// directory links to its report.
func summaryTable(p *page, t *formats.Table, runs []string) {
	isRunName := map[string]bool{}
	for _, r := range runs {
		isRunName[r] = true
	}
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
	}
	rows := make([][]string, t.Rows)
	for r := range rows {
		rows[r] = make([]string, len(t.Columns))
		for i, c := range t.Columns {
			switch {
			case c.Int64 != nil:
				rows[r][i] = strconv.FormatInt(c.Int64[r], 10)
			case c.Float64 != nil:
				rows[r][i] = num(c.Float64[r])
			case isRunName[filepath.ToSlash(filepath.Clean(c.String[r]))]:
				rel := filepath.ToSlash(filepath.Clean(c.String[r]))
				rows[r][i] = fmt.Sprintf("[%s](%s)", rel, linkPath(rel+"/"+File))
			default:
				rows[r][i] = c.String[r]
			}
		}
	}
	p.table(header, rows)
}

// sweepRuns lists each run with a link to its report and its key figures,
// and names the upstream directories once.
func sweepRuns(p *page, dir string, runs, upstream []string) {
	p.h(2, "Runs")
	for _, u := range upstream {
		p.para("`%s/` holds the stages shared by every point (the dataset, and "+
			"the truth when known); it is not a grid point.", u)
	}
	if len(runs) == 0 {
		p.para("No run directory found below the sweep directory.")
		return
	}
	var rows [][]string
	for _, r := range runs {
		row := []string{fmt.Sprintf("[%s](%s)", r, linkPath(r+"/"+File)), "—", "—", "—"}
		res, err := readEvaluation(filepath.Join(dir, filepath.FromSlash(r),
			pipeline.EvaluationFile))
		if err == nil {
			s := res.Summary
			row[1], row[2], row[3] = n(s.PairsDeltaJ), n(s.PairsPearson), n(s.Samples2ptR)
		}
		rows = append(rows, row)
	}
	p.table([]string{"run report", "pairs Δ_J", "pairs r", "samples 2-point r"}, rows)
}
