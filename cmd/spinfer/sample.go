package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/sample"
)

func sampleFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "init", Usage: "chain starts: random (default) or data"},
		&cli.IntFlag{Name: "sample-k",
			Usage: "Gibbs steps before the first sample (default: an rdm model's own k; else 1000, " +
				"or 2× the mixing time measured by spinfer mixing on this model when longer)"},
		&cli.IntFlag{Name: "samples", Usage: "configurations to draw (default: as many as the dataset has)"},
		&cli.IntFlag{Name: "sample-chains", Usage: "chains (default min(samples, 1000))"},
		&cli.IntFlag{Name: "thin", Usage: "steps between two samples of a chain (default 10)"},
		&cli.BoolFlag{Name: "pt", Usage: "sample with parallel tempering"},
		&cli.Uint64Flag{Name: "sample-seed", Usage: "seed of the chains"},
	}
}

func sampleCommand(e *env) *cli.Command {
	flags := append([]cli.Flag{
		&cli.StringFlag{Name: "run", Usage: "run directory (reads model/, writes samples.parquet)"},
		&cli.StringFlag{Name: "model", Usage: "model directory (instead of RUN/model)"},
		&cli.IntFlag{Name: "checkpoint", Usage: "sample the checkpoint taken after this update"},
		&cli.StringFlag{Name: "data", Usage: "with --init data: dataset the chains start from"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "samples file to write"},
		&cli.BoolFlag{Name: "force", Usage: "replace existing samples"},
	}, sampleFlags()...)
	return &cli.Command{
		Name:  "sample",
		Usage: "draw configurations from a trained model",
		Description: "Examples:\n" +
			"   spinfer sample --run runs/ising                         # defaults follow training\n" +
			"   spinfer sample --run runs/ising --sample-k 10000 --pt --force\n" +
			"   spinfer sample --run runs/ising --checkpoint 100 -o early.parquet",
		Flags: flags,
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("sample takes no arguments, got %q", c.Args().Slice())}
			}
			o, err := sampleOptions(c)
			if err != nil {
				return err
			}
			if c.IsSet("checkpoint") && c.Int("checkpoint") <= 0 {
				return usageError{fmt.Errorf("--checkpoint %d: want the update of a checkpoint "+
					"(leave the flag out for the final model)", c.Int("checkpoint"))}
			}
			o.RunDir, o.Model, o.Checkpoint = c.String("run"), c.String("model"), c.Int("checkpoint")
			o.Data, o.Output, o.Force = c.String("data"), c.String("output"), c.Bool("force")
			_, err = runSample(c.Context, e, o)
			return err
		},
	}
}

// positiveSampleFlags must be positive when given: 0 in the options means
// "default", so an explicit 0 or a negative value is refused, not replaced.
var positiveSampleFlags = []string{"sample-k", "samples", "sample-chains", "thin"}

func sampleOptions(c *cli.Context) (sample.Options, error) {
	for _, name := range positiveSampleFlags {
		if c.IsSet(name) && c.Int(name) <= 0 {
			return sample.Options{}, usageError{fmt.Errorf("--%s %d: want a positive value "+
				"(leave the flag out for the default)", name, c.Int(name))}
		}
	}
	return sample.Options{Init: c.String("init"), K: c.Int("sample-k"), Samples: c.Int("samples"),
		Chains: c.Int("sample-chains"), Thin: c.Int("thin"), PT: c.Bool("pt"),
		Seed: c.Uint64("sample-seed")}, nil
}

func runSample(ctx context.Context, e *env, o sample.Options) (*sample.Result, error) {
	var res *sample.Result
	work := func(ctx context.Context) ([]string, error) {
		var err error
		if res, err = sample.Run(ctx, o, e.log); err != nil {
			return nil, err
		}
		return []string{res.Output}, nil
	}
	var err error
	if o.RunDir != "" {
		run := pipeline.RunDir(o.RunDir)
		in := o.Model
		if in == "" {
			in = run.Model()
			if o.Checkpoint > 0 {
				in = run.Checkpoint(o.Checkpoint)
			}
		}
		seed := o.Seed
		err = run.Execute(ctx, pipeline.Stage{Name: "sample", Params: o, Seed: &seed,
			Inputs: []string{in}, Run: work}, e.log)
	} else {
		_, err = work(ctx)
	}
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stdout,
		"sampled %d configurations (%s, %d chains, k = %d, thin %d, %s starts, %.1fs) into %s\n",
		res.Rows, res.Sampler, res.Chains, res.K, res.Thin, res.Init, res.Seconds, res.Output)
	return res, nil
}
