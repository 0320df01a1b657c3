package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/pipeline"
)

// pipelineOnlyFlags are the flags of spinfer run that apply to a pipeline
// file; every other setting comes from the file.
var pipelineOnlyFlags = []string{"force", "jobs", "point", "upstream", "summary"}

// pipelineRunFlags are the flags spinfer run adds for pipeline files.
func pipelineRunFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "force",
			Usage: "with PIPELINE: run STAGE again even if cached, and every stage after it " +
				"(repeatable; all for every stage)"},
		&cli.IntFlag{Name: "jobs", Value: 1,
			Usage: "with a sweep PIPELINE: grid points run at once (results do not depend on it)"},
		&cli.IntFlag{Name: "point", Usage: "with a sweep PIPELINE: run only grid point I (from 0)"},
		&cli.BoolFlag{Name: "upstream",
			Usage: "with a sweep PIPELINE: run only the shared upstream stages"},
		&cli.BoolFlag{Name: "summary",
			Usage: "with a sweep PIPELINE: only write summary.parquet and summary.md"},
	}
}

// pipelineRun is one invocation of spinfer run PIPELINE.
type pipelineRun struct {
	e     *env
	f     *pipeline.File
	force []string
	jobs  int
	// data and truth are the input data file and truth directory (a
	// fixture's are extracted to a temporary directory).
	data, truth string
	mu          sync.Mutex // serialises output lines
}

// loadPipeline parses and validates the pipeline file named on the
// command line, before anything runs.
func loadPipeline(c *cli.Context, e *env) (*pipelineRun, error) {
	if c.NArg() != 1 {
		return nil, usageError{fmt.Errorf("run takes at most one PIPELINE file, got %q",
			c.Args().Slice())}
	}
	for _, fl := range c.Command.Flags {
		name := fl.Names()[0]
		if c.IsSet(name) && name != "run" && !slices.Contains(pipelineOnlyFlags, name) {
			return nil, usageError{fmt.Errorf("--%s: with a pipeline file, settings come from "+
				"the file (only --run, --%s apply)", name, strings.Join(pipelineOnlyFlags, ", --"))}
		}
	}
	stages := append(slices.Clone(pipeline.UpstreamStages), pipeline.DownstreamStages...)
	force := c.StringSlice("force")
	for _, s := range force {
		if s != pipeline.ForceAll && !slices.Contains(stages, s) {
			return nil, usageError{fmt.Errorf("--force %q: want a stage (%s) or all",
				s, strings.Join(stages, ", "))}
		}
	}
	if c.Int("jobs") < 1 {
		return nil, usageError{fmt.Errorf("--jobs %d: want ≥ 1", c.Int("jobs"))}
	}
	run := c.String("run")
	if run != "" {
		run, _ = filepath.Abs(run)
	}
	f, err := pipeline.Parse(c.Args().First(), run, pipelineSchema())
	if err != nil {
		return nil, err
	}
	return &pipelineRun{e: e, f: f, force: force, jobs: c.Int("jobs")}, nil
}

// runPipeline executes spinfer run PIPELINE with its flags.
func runPipeline(c *cli.Context, e *env) error {
	pr, err := loadPipeline(c, e)
	if err != nil {
		return err
	}
	err = pr.dispatch(c)
	if err != nil && c.Context.Err() != nil {
		pr.printf("interrupted: run the same command again to resume where it stopped\n")
	}
	return err
}

// dispatch runs what the flags ask for: everything, the upstream stages,
// one point or the summary.
func (pr *pipelineRun) dispatch(c *cli.Context) error {
	if err := pr.needSweep(c); err != nil {
		return err
	}
	ctx := c.Context
	switch {
	case c.Bool("summary"):
		return pr.writeSummary()
	case c.IsSet("point"):
		return pr.runPoint(ctx, c.Int("point"))
	}
	cleanup, err := pr.prepareInputs()
	if err != nil {
		return err
	}
	defer cleanup()
	if c.Bool("upstream") {
		return pr.runUpstream(ctx)
	}
	return pr.runAll(ctx)
}

// needSweep refuses --point (0 included), --upstream and --summary on a
// file without a sweep: they pick a part of a sweep.
func (pr *pipelineRun) needSweep(c *cli.Context) error {
	if pr.f.IsSweep() {
		return nil
	}
	for _, name := range []string{"point", "upstream", "summary"} {
		flag := "--" + name
		switch {
		case name == "point" && c.IsSet(name):
			flag = fmt.Sprintf("--point %d", c.Int(name))
		case name == "point" || !c.Bool(name):
			continue
		}
		return usageError{fmt.Errorf("%s: %s has no sweep: block, so --%s does not apply",
			flag, pr.f.Path, name)}
	}
	return nil
}

// prepareInputs resolves the input data and truth; a fixture is
// extracted to a temporary directory that cleanup removes.
func (pr *pipelineRun) prepareInputs() (cleanup func(), err error) {
	pr.data, pr.truth = pr.f.Data, pr.f.Truth
	if pr.f.Fixture == "" {
		return func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "spinfer-fixture-")
	if err != nil {
		return nil, err
	}
	if err := fixtures.CopyTo(pr.f.Fixture, tmp, false); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	pr.data = filepath.Join(tmp, pipeline.DatasetFile)
	if pr.truth == "" {
		pr.truth = filepath.Join(tmp, pipeline.TruthDir)
	}
	return func() { os.RemoveAll(tmp) }, nil
}

// stageEnv is the environment stages run in: their own summaries are
// left out (the runner reports each step), progress bars only when one
// run goes at a time.
func (pr *pipelineRun) stageEnv() *env {
	return &env{log: pr.e.log, stdout: io.Discard, stderr: pr.e.stderr,
		quiet: pr.e.quiet || pr.jobs > 1, json: pr.e.json}
}

// printf writes one line of the run's report.
func (pr *pipelineRun) printf(format string, a ...any) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	fmt.Fprintf(pr.e.stdout, format, a...)
}

// runner returns the runner of a run directory; label prefixes its lines.
func (pr *pipelineRun) runner(dir pipeline.RunDir, label string) pipeline.Runner {
	return pipeline.Runner{Dir: dir, Force: pr.force, Report: func(o pipeline.Outcome) {
		if o.Action == pipeline.ActionCached {
			pr.printf("%s%-10s %s\n", label, o.Stage, o.Action)
			return
		}
		pr.printf("%s%-10s %-8s %7.1f s\n", label, o.Stage, o.Action, o.Seconds)
	}}
}

// runAll runs every stage of every point.
func (pr *pipelineRun) runAll(ctx context.Context) error {
	f := pr.f
	if !f.IsSweep() {
		dir := f.RunDir(pipeline.Point{})
		pr.printf("spinfer run %s → %s\n", f.Path, dir)
		steps := append(pr.upstreamSteps(dir), pr.downstreamSteps(pipeline.Point{}, dir)...)
		_, err := pr.runner(dir, "  ").Run(ctx, steps)
		if err == nil {
			pr.printFigures(f.SummarizePoint(pipeline.Point{}, pr.expectedStages()))
		}
		return err
	}
	if err := pr.runUpstream(ctx); err != nil {
		return err
	}
	return pr.runSweep(ctx)
}

// runUpstream runs the shared stages of a sweep.
func (pr *pipelineRun) runUpstream(ctx context.Context) error {
	dir := pr.f.UpstreamDir()
	pr.printf("spinfer run %s: upstream stages → %s\n", pr.f.Path, dir)
	_, err := pr.runner(dir, "  ").Run(ctx, pr.upstreamSteps(dir))
	return err
}

// runSweep runs every grid point with pr.jobs workers, then writes the
// summary. A failed point does not stop the others.
func (pr *pipelineRun) runSweep(ctx context.Context) error {
	pts := pr.f.Points()
	pr.printf("%d runs in %s, %d at a time\n", len(pts), pr.f.Run, pr.jobs)
	errs := runPool(ctx, len(pts), pr.jobs, func(i int) error {
		return pr.sweepPoint(ctx, pts[i])
	})
	sumErr := pr.writeSummary()
	var failed []string
	for i, err := range errs {
		if err != nil {
			failed = append(failed, fmt.Sprintf("point %d (%s): %v", i, pts[i].Name, err))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d runs failed:\n  %s", len(failed), len(pts),
			strings.Join(failed, "\n  "))
	}
	return sumErr
}

// runPool calls run(i) for i in [0, n) with at most jobs calls at a time
// and returns their errors by index. Once ctx is cancelled no further call
// starts: the points not begun get ctx's error and no directory.
func runPool(ctx context.Context, n, jobs int, run func(i int) error) []error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Go(func() {
			for i := range next {
				if errs[i] = ctx.Err(); errs[i] == nil {
					errs[i] = run(i)
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}

// runPoint runs grid point i alone (a batch job's task); the upstream
// stages must have run.
func (pr *pipelineRun) runPoint(ctx context.Context, i int) error {
	p, err := pr.f.Point(i)
	if err != nil {
		return err
	}
	up := pr.f.UpstreamDir()
	m, err := up.ReadManifest()
	if err != nil {
		return err
	}
	if rec := m.Stages[pr.f.InputStage()]; rec == nil || rec.Status != pipeline.StatusOK {
		return pipeline.Inputf("point %d: %v in %s: run `spinfer run %s --upstream` first", i,
			errUpstream, up, pr.f.Path)
	}
	err = pr.sweepPoint(ctx, p)
	if err == nil {
		pr.printFigures(pr.f.SummarizePoint(p, pr.expectedStages()))
	}
	return err
}

// sweepPoint runs the stages of one grid point: the shared dataset is
// linked in, then the downstream stages run.
func (pr *pipelineRun) sweepPoint(ctx context.Context, p pipeline.Point) error {
	dir := pr.f.RunDir(p)
	pr.printf("[%d %s] %s\n", p.Index, p.Name, pr.f.Describe(p))
	steps := []pipeline.Step{pipeline.LinkStep(pr.f.InputStage(), pr.f.UpstreamDir(), dir)}
	steps = append(steps, pr.downstreamSteps(p, dir)...)
	_, err := pr.runner(dir, fmt.Sprintf("[%d] ", p.Index)).Run(ctx, steps)
	return err
}

// expectedStages are the stages every run directory records.
func (pr *pipelineRun) expectedStages() []string {
	st := []string{pr.f.InputStage()}
	for _, s := range pipeline.DownstreamStages {
		if pr.f.HasStage(s) {
			st = append(st, s)
		}
	}
	return st
}

// writeSummary writes the sweep's summary table and reports where.
func (pr *pipelineRun) writeSummary() error {
	rows := pr.f.Summarize(pr.expectedStages())
	if err := pr.f.WriteSummary(rows); err != nil {
		return err
	}
	ok := 0
	for _, r := range rows {
		if r.Status == pipeline.StatusOK {
			ok++
		}
		pr.printf("%3d  %-32s %s\n", r.Point.Index, r.Point.Name, figures(r))
	}
	pr.printf("summary of %d runs (%d ok): %s, %s\n", len(rows), ok,
		filepath.Join(pr.f.Run, pipeline.SummaryMarkdown),
		filepath.Join(pr.f.Run, pipeline.SummaryParquet))
	return nil
}

// printFigures prints the key figures of one finished run.
func (pr *pipelineRun) printFigures(r pipeline.SummaryRow) {
	pr.printf("run directory %s: %s\n", r.Dir, figures(r))
}

// figures returns a run's status and its measured key figures.
func figures(r pipeline.SummaryRow) string {
	parts := []string{r.Status}
	add := func(name string, x float64) {
		if x == x { // not NaN
			parts = append(parts, fmt.Sprintf("%s %.4f", name, x))
		}
	}
	add("train LL", r.TrainLL)
	add("PLL/site", r.PLLPerSite)
	add("pairs Δ_J", r.DeltaJ)
	add("pairs r", r.PairsR)
	add("samples 2-pt r", r.Samples2ptR)
	return strings.Join(parts, ", ")
}
