package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/internal/progress"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/evaluate"
)

func evaluateCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "evaluate",
		Usage: "compare couplings with truth and samples with data; write evaluation.json and plots",
		Description: "Each part runs when its inputs are in the run directory: couplings/ against\n" +
			"truth/, samples.parquet against the training data, the model's log-likelihood\n" +
			"on train and test data, the training curves of metrics.parquet.\n\n" +
			"Examples:\n" +
			"   spinfer evaluate --run runs/ising\n" +
			"   spinfer evaluate --run runs/ising --truth fixtures/ising8/truth --force\n" +
			"   spinfer evaluate --run runs/hgd --likelihood ais --no-plots",
		Flags: evaluateFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("evaluate takes no arguments, got %q", c.Args().Slice())}
			}
			if c.String("run") == "" {
				return usageError{fmt.Errorf("evaluate needs --run DIR")}
			}
			o := evaluateOptions(c)
			o.RunDir, o.Truth, o.Couplings = c.String("run"), c.String("truth"), c.String("couplings")
			o.Samples, o.Data, o.Test = c.String("samples"), c.String("data"), c.String("test")
			o.Model, o.Force = c.String("model"), c.Bool("force")
			_, err := runEvaluate(c.Context, e, o)
			return err
		},
	}
}

// evaluateOptions maps the evaluation settings to options (paths and
// force are the caller's).
func evaluateOptions(c *cli.Context) evaluate.Options {
	return evaluate.Options{Likelihood: c.String("likelihood"), AISSteps: c.Int("ais-steps"),
		AISChains: c.Int("ais-chains"), AISRepeats: c.Int("ais-repeats"),
		NoPlots: c.Bool("no-plots"), Seed: c.Uint64("seed"), Workers: c.Int("workers")}
}

// evaluateFlags are the flags of spinfer evaluate; all but run, force and
// the paths are the evaluate settings of a pipeline file.
func evaluateFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "run", Usage: "run directory (writes evaluation.json, plots/)"},
		&cli.StringFlag{Name: "truth", Usage: "true couplings directory (default RUN/truth)"},
		&cli.StringFlag{Name: "couplings",
			Usage: "inferred couplings directory (default RUN/couplings)"},
		&cli.StringFlag{Name: "samples", Usage: "samples file (default RUN/samples.parquet)"},
		&cli.StringFlag{Name: "data",
			Usage: "training data (default RUN/train.parquet, else RUN/dataset.parquet)"},
		&cli.StringFlag{Name: "test", Usage: "test data (default RUN/test.parquet)"},
		&cli.StringFlag{Name: "model", Usage: "model directory (default RUN/model)"},
		&cli.StringFlag{Name: "likelihood", Value: evaluate.LikelihoodAuto,
			Usage: "auto (exact when min(N,M) ≤ 24), exact, ais or none"},
		&cli.IntFlag{Name: "ais-steps", Usage: "AIS intermediate distributions (default 1000)"},
		&cli.IntFlag{Name: "ais-chains", Usage: "AIS runs per repeat (default 100)"},
		&cli.IntFlag{Name: "ais-repeats", Usage: "AIS repeats, ≥ 2 (default 5)"},
		&cli.BoolFlag{Name: "no-plots", Usage: "skip the PNG figures"},
		&cli.Uint64Flag{Name: "seed",
			Usage: "seed of triplet subsets, AA subsamples, AIS and plotted subsets"},
		&cli.IntFlag{Name: "workers", Usage: "goroutines (default: all cores)"},
		&cli.BoolFlag{Name: "force", Usage: "replace an existing evaluation.json"},
	}
}

// runEvaluate runs the evaluation as a recorded stage of the run directory
// and prints its summary.
func runEvaluate(ctx context.Context, e *env, o evaluate.Options) (*evaluate.Result, error) {
	bar := progress.New(e.stderr, !e.quiet, "evaluate", "parts", 0)
	o.Progress = func(done, total int, note string) {
		bar.SetTotal(total)
		bar.Update(done, note)
	}
	var res *evaluate.Result
	seed := o.Seed
	err := pipeline.RunDir(o.RunDir).Execute(ctx, pipeline.Stage{
		Name: "evaluate", Params: o, Seed: &seed, Inputs: o.Inputs(),
		Run: func(ctx context.Context) ([]string, error) {
			var err error
			res, err = evaluate.Run(ctx, o, e.log)
			bar.Done()
			if err != nil {
				return nil, err
			}
			return res.Outputs(), nil
		},
	}, e.log)
	if err != nil {
		return nil, err
	}
	printEvaluation(e.stdout, res)
	return res, nil
}

// printEvaluation writes the key figures as a short table; figures that
// were not evaluated are left out.
func printEvaluation(w io.Writer, r *evaluate.Result) {
	fmt.Fprintf(w, "evaluation written to %s (%.2fs)\n", r.Path, r.Seconds)
	for _, f := range r.Summary.Figures() {
		fmt.Fprintf(w, "  %-32s %10.4f\n", f.Name, f.Value)
	}
	if r.Samples != nil {
		m := r.Samples.Magnetisation
		if m.PositiveSamples.Valid() && m.PositiveData.Valid() {
			fmt.Fprintf(w, "  %-32s %10.4f (data %.4f)\n", "share of samples with m > 0",
				float64(m.PositiveSamples), float64(m.PositiveData))
		}
	}
	written, skipped := 0, 0
	for _, p := range r.Plots {
		if p.Written {
			written++
		} else {
			skipped++
		}
	}
	if written+skipped > 0 {
		fmt.Fprintf(w, "  %d figure(s) in %s, %d skipped\n", written,
			filepath.Join(filepath.Dir(r.Path), pipeline.PlotsDir), skipped)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}
