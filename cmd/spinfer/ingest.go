package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/ingest"
)

func ingestCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "read a data file (text, gzip, zip, .npy, Parquet) into a spinfer dataset",
		ArgsUsage: "INPUT",
		Description: "Text files hold one configuration per line (spaces or commas), values ±1, 0/1\n" +
			"or floats, an optional header of names and # comments. Use --transpose for\n" +
			"files with one variable per line.\n\n" +
			"Examples:\n" +
			"   spinfer ingest samples.txt --run runs/ising\n" +
			"   spinfer ingest 1kg_xtrain.d.zip --transpose --test-fraction 0.2 --seed 1 --run runs/hgd\n" +
			"   spinfer ingest images.npy --threshold 0.5 -o images.parquet",
		Flags: ingestFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{fmt.Errorf("ingest takes one INPUT file, got %d arguments", c.NArg())}
			}
			o := ingestOptions(c)
			o.Input, o.RunDir, o.Output = c.Args().First(), c.String("run"), c.String("output")
			o.Force = c.Bool("force")
			return runIngest(c.Context, e, o)
		},
	}
}

// ingestFlags are the flags of spinfer ingest; all but run, output and
// force are the ingest settings of a pipeline file.
func ingestFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "run",
			Usage: "run directory to write dataset.parquet (and train/test.parquet) into"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"},
			Usage: "dataset file to write instead of a run directory"},
		&cli.BoolFlag{Name: "transpose", Usage: "the input has one variable per line"},
		&cli.StringFlag{Name: "basis",
			Usage: "force a reading: ising (±1) or binary (0/1); default inferred"},
		&cli.Float64Flag{Name: "threshold", Usage: "binarise real values: x > threshold → 1"},
		&cli.Float64Flag{Name: "test-fraction", Usage: "fraction of rows held out in test.parquet"},
		&cli.Uint64Flag{Name: "seed", Usage: "seed of the train/test split"},
		&cli.BoolFlag{Name: "force", Usage: "replace outputs that exist"},
	}
}

// ingestOptions maps the ingest settings to options (input and
// destination are the caller's).
func ingestOptions(c *cli.Context) ingest.Options {
	o := ingest.Options{Transpose: c.Bool("transpose"), Basis: c.String("basis"),
		TestFraction: c.Float64("test-fraction"), Seed: c.Uint64("seed")}
	if c.IsSet("threshold") {
		t := c.Float64("threshold")
		o.Threshold = &t
	}
	return o
}

func runIngest(ctx context.Context, e *env, o ingest.Options) error {
	var res *ingest.Result
	work := func(ctx context.Context) error {
		var err error
		res, err = ingest.Run(ctx, o, e.log)
		return err
	}
	var err error
	if o.RunDir != "" {
		seed := o.Seed
		err = pipeline.RunDir(o.RunDir).Execute(ctx, pipeline.Stage{
			Name: "ingest", Params: o, Seed: &seed, Inputs: []string{o.Input},
			Run: func(ctx context.Context) ([]string, error) {
				if err := work(ctx); err != nil {
					return nil, err
				}
				return res.Paths(), nil
			},
		}, e.log)
	} else {
		err = work(ctx)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ingested %s: %d configurations × %d variables, basis %s (%s, %.2fs)\n",
		o.Input, res.Rows, res.Variables, res.Basis, res.Format, res.Elapsed.Seconds())
	if len(res.Constant) > 0 {
		fmt.Fprintf(e.stdout, "  %d constant column(s), kept: %s\n", len(res.Constant),
			abbreviate(res.Constant, 10))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(e.stdout, "  note: %s\n", n)
	}
	if res.TestRows > 0 {
		fmt.Fprintf(e.stdout, "  split: %d train, %d test rows\n", res.TrainRows, res.TestRows)
	}
	for _, p := range res.Paths() {
		fmt.Fprintf(e.stdout, "  wrote %s\n", p)
	}
	if o.RunDir != "" && o.Force {
		warnStale(e, pipeline.RunDir(o.RunDir))
	}
	return nil
}

// warnStale names the artifacts of a run directory that were made from the
// dataset a forced ingest just replaced.
func warnStale(e *env, run pipeline.RunDir) {
	var stale []string
	for _, name := range []string{pipeline.ModelDir, pipeline.CheckpointsDir, pipeline.SamplesFile,
		pipeline.CouplingsDir, pipeline.EvaluationFile, "mixing.json"} {
		if fileExists(run.Path(name)) {
			stale = append(stale, name)
		}
	}
	if len(stale) > 0 {
		e.log.Warn("these artifacts were made from the previous dataset; run their stages "+
			"again with --force", "run", string(run), "stale", strings.Join(stale, ", "))
	}
}

// abbreviate joins at most n names, then says how many more there are.
func abbreviate(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(", … (%d more)", len(names)-n)
}
