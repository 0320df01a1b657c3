package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/evaluate"
)

// fixtureTraining holds the training settings of `spinfer run` on the
// embedded 8×8 Ising fixture, chosen to recover its couplings within the
// time the README promises on two cores (see docs/main-job.md).
var fixtureTraining = map[string]string{
	"hidden": "64", "k": "4", "batch": "400", "chains": "64", "updates": "35000",
	"lr": "0.3", "lr-schedule": "exponential", "lr-final": "0.005",
	"l1": "0.0002", "likelihood": "none",
}

func runCommand(e *env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "run", Usage: "run directory (default runs/<data>-<time>, always new)"},
		&cli.StringFlag{Name: "data",
			Usage: "data file to ingest (default: the embedded 8×8 Ising fixture)"},
		&cli.StringFlag{Name: "truth", Usage: "true couplings directory to evaluate against"},
		&cli.BoolFlag{Name: "transpose", Usage: "ingest: the input has one variable per line"},
		&cli.StringFlag{Name: "basis", Usage: "ingest: force ising or binary"},
		&cli.Float64Flag{Name: "threshold", Usage: "ingest: binarise real values: x > threshold → 1"},
		&cli.Float64Flag{Name: "test-fraction", Usage: "ingest: rows held out in test.parquet"},
		&cli.IntFlag{Name: "order", Value: 2, Usage: "couplings: highest order, 1..4"},
		&cli.StringFlag{Name: "method", Value: "gaussian", Usage: "couplings: gaussian or exact (N ≤ 24)"},
		&cli.IntFlag{Name: "top", Usage: "couplings: K largest |J| kept for screened orders (default 1000)"},
		&cli.IntFlag{Name: "max-all",
			Usage: "couplings: largest number of k-sets evaluated exhaustively (default 1000000)"},
		&cli.BoolFlag{Name: "no-plots", Usage: "evaluate: write no PNG plots"},
	}
	flags = append(flags, trainFlags()...)
	flags = append(flags, sampleFlags()...)
	flags = append(flags, pipelineRunFlags()...)
	return &cli.Command{
		Name: "run",
		Usage: "the main job (ingest → train → sample → couplings → evaluate), or a pipeline " +
			"file / sweep (PIPELINE.yaml, cached stages)",
		ArgsUsage: "[PIPELINE.yaml]",
		Description: "With no arguments it runs the embedded 8×8 Ising data (β = 0.4406, true\n" +
			"nearest-neighbour couplings known) end to end and prints a summary.\n\n" +
			"With a pipeline file it runs the stages the file describes, skipping those\n" +
			"whose inputs and settings did not change, and a sweep's grid points\n" +
			"(docs/pipelines.md); --run then replaces the file's run directory.\n\n" +
			"Examples:\n" +
			"   spinfer run\n" +
			"   spinfer run fixtures/pipelines/ising8.yaml\n" +
			"   spinfer run fixtures/pipelines/sweep-ising8.yaml --jobs 2 --force train\n" +
			"   spinfer run --data fixtures/hgd/dataset.parquet --order 3 --hidden 100 --run runs/hgd\n" +
			"   spinfer run --data samples.txt --truth truth/ --protocol pt --run runs/mine",
		Flags: flags,
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return runPipeline(c, e)
			}
			for _, name := range pipelineOnlyFlags {
				if c.IsSet(name) {
					return usageError{fmt.Errorf("--%s applies to a PIPELINE file only", name)}
				}
			}
			return mainJob(c, e)
		},
	}
}

// stageTime is one line of the summary table.
type stageTime struct {
	name    string
	seconds float64
	figures string
}

func mainJob(c *cli.Context, e *env) error {
	ctx := c.Context
	data, truth := c.String("data"), c.String("truth")
	fixture := data == ""
	if fixture {
		// read before any c.Set below, which marks the fixture's own
		// --lr-schedule as set
		userSchedule := c.IsSet("lr-decay") || c.IsSet("lr-schedule")
		for name, v := range fixtureTraining {
			if !c.IsSet(name) && !(name == "lr-final" && userSchedule) {
				if err := c.Set(name, v); err != nil {
					return err
				}
			}
		}
	}
	runDir := c.String("run")
	if runDir == "" {
		base := "ising8"
		if !fixture {
			base = trimExt(filepath.Base(data))
		}
		runDir = filepath.Join("runs", base+"-"+time.Now().Format("20060102-150405"))
	}
	// Every stage's settings are checked before anything is written, so
	// that a bad flag leaves no run directory behind.
	for _, stage := range []string{pipeline.StageIngest, pipeline.StageTrain,
		pipeline.StageSample, pipeline.StageCouplings} {
		if err := validateStage(stage, runDir, c); err != nil {
			return err
		}
	}
	if _, err := os.Stat(runDir); err == nil {
		return pipeline.Inputf("run: %s exists; give a new --run directory", runDir)
	}
	if fixture {
		tmp, err := os.MkdirTemp("", "spinfer-fixture-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := fixtures.CopyTo(fixtures.Ising8, tmp, false); err != nil {
			return err
		}
		data, truth = filepath.Join(tmp, "dataset.parquet"), filepath.Join(tmp, "truth")
	}
	fmt.Fprintf(e.stdout, "spinfer run → %s\n", runDir)
	var times []stageTime
	step := func(name string, f func() (string, error)) error {
		start := time.Now()
		figures, err := f()
		times = append(times, stageTime{name, time.Since(start).Seconds(), figures})
		return err
	}
	err := runStages(ctx, c, e, runDir, data, truth, step)
	printRunSummary(e.stdout, runDir, times, err)
	return err
}

// runStages runs the five stages in order; step times each.
func runStages(ctx context.Context, c *cli.Context, e *env, runDir, data, truth string,
	step func(string, func() (string, error)) error) error {
	// The ingest and couplings flags of run are those of their commands
	// (the split's seed is the master --seed).
	seed := c.Uint64("seed")
	iopt := ingestOptions(c)
	iopt.Input, iopt.RunDir = data, runDir
	quiet := &env{log: e.log, stdout: io.Discard, stderr: e.stderr, quiet: e.quiet}
	if err := step("ingest", func() (string, error) { return "", runIngest(ctx, quiet, iopt) }); err != nil {
		return err
	}
	if truth != "" {
		if err := copyDir(truth, pipeline.RunDir(runDir).Truth()); err != nil {
			return fmt.Errorf("run: copying truth: %w", err)
		}
	}
	to, err := trainOptions(c)
	if err != nil {
		return err
	}
	warnIgnoredFlags(c, e)
	to.RunDir = runDir
	err = step("train", func() (string, error) {
		res, err := runTrain(ctx, quiet, to)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d updates, %.0f epochs", res.Updates, res.Epochs), nil
	})
	if err != nil {
		return err
	}
	so, err := sampleOptions(c)
	if err != nil {
		return err
	}
	so.RunDir = runDir
	if !c.IsSet("sample-seed") {
		so.Seed = seed + 1
	}
	err = step("sample", func() (string, error) {
		res, err := runSample(ctx, quiet, so)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d samples, k = %d", res.Rows, res.K), nil
	})
	if err != nil {
		return err
	}
	co := couplingsOptions(c)
	co.RunDir = runDir
	err = step("couplings", func() (string, error) {
		res, err := runCouplings(ctx, quiet, co)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s, %d pairs", res.Method, res.Counts[2]), nil
	})
	if err != nil {
		return err
	}
	eo := evaluate.Options{RunDir: runDir, NoPlots: c.Bool("no-plots"), Seed: seed}
	return step("evaluate", func() (string, error) {
		res, err := runEvaluate(ctx, quiet, eo)
		if err != nil {
			return "", err
		}
		return evaluationFigures(res), nil
	})
}

func evaluationFigures(r *evaluate.Result) string {
	s := r.Summary
	out := ""
	if s.PairsDeltaJ.Valid() {
		out += fmt.Sprintf("pairs Δ_J %.3f, r %.3f; ", float64(s.PairsDeltaJ), float64(s.PairsPearson))
	}
	if s.MeanNNCoupling.Valid() {
		out += fmt.Sprintf("mean J on true bonds %.4f (true %.4f); ", float64(s.MeanNNCoupling),
			float64(s.TrueNNCoupling))
	}
	if s.Samples2ptR.Valid() {
		out += fmt.Sprintf("data vs samples 2-point r %.3f", float64(s.Samples2ptR))
	}
	return out
}

func printRunSummary(w io.Writer, runDir string, times []stageTime, err error) {
	fmt.Fprintf(w, "\n%-10s %9s  %s\n", "stage", "seconds", "key figures")
	total := 0.0
	for _, t := range times {
		fmt.Fprintf(w, "%-10s %9.1f  %s\n", t.name, t.seconds, t.figures)
		total += t.seconds
	}
	fmt.Fprintf(w, "%-10s %9.1f\n", "total", total)
	if err != nil {
		fmt.Fprintf(w, "\nstopped: the run directory %s keeps what finished\n", runDir)
		if n := len(times); n > 0 && times[n-1].name == "train" && errors.Is(err, context.Canceled) {
			// A run directory is never reused by spinfer run: say how to go on.
			fmt.Fprintf(w, "to continue: spinfer train --run %[1]s --resume, then spinfer sample, "+
				"couplings and evaluate --run %[1]s (with the flags given to run)\n", runDir)
		}
		return
	}
	fmt.Fprintf(w, "\nrun directory: %s (spinfer inspect %s; figures in evaluation.json, plots/)\n",
		runDir, runDir)
}

func trimExt(name string) string {
	for ext := filepath.Ext(name); ext != ""; ext = filepath.Ext(name) {
		name = name[:len(name)-len(ext)]
	}
	return name
}

// copyDir copies the regular files of src into a new directory dst.
func copyDir(src, dst string) error {
	ents, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, ent := range ents {
		if !ent.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, ent.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, ent.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
