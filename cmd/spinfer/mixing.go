package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/mixing"
)

func mixingCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "mixing",
		Usage: "measure how long the model's Gibbs chains take to equilibrate (t vs t/2 test)",
		Description: "Runs chains from the data and compares, at t = 1, 2, 4, …, the overlap of\n" +
			"each chain with itself at t/2 to the overlap of independent chains. A model\n" +
			"trained with a non-persistent protocol whose k is far below the mixing time is\n" +
			"flagged as trained out of equilibrium, and so is any model whose chains do not\n" +
			"mix within --max-time; `spinfer couplings` then warns.\n\n" +
			"Examples:\n" +
			"   spinfer mixing --run runs/ising\n" +
			"   spinfer mixing --run runs/ising --max-time 16384 --force",
		Flags: mixingFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("mixing takes no arguments, got %q", c.Args().Slice())}
			}
			o := mixingOptions(c)
			o.RunDir, o.Model, o.Data = c.String("run"), c.String("model"), c.String("data")
			o.Force = c.Bool("force")
			return runMixing(c.Context, e, o)
		},
	}
}

// mixingFlags are the flags of spinfer mixing; chains, max-time, factor
// and seed are the mixing settings of a pipeline file.
func mixingFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "run", Usage: "run directory", Required: true},
		&cli.StringFlag{Name: "model", Usage: "model directory (default RUN/model)"},
		&cli.StringFlag{Name: "data", Usage: "dataset the chains start from"},
		&cli.IntFlag{Name: "chains", Usage: "chains (default 100)"},
		&cli.IntFlag{Name: "max-time", Usage: "longest time in Gibbs steps (default 4096)"},
		&cli.IntFlag{Name: "factor", Usage: "flag when k·factor < mixing time (default 10)"},
		&cli.Uint64Flag{Name: "seed", Usage: "seed of the chains"},
		&cli.BoolFlag{Name: "force", Usage: "replace an existing mixing.json"},
	}
}

// mixingOptions maps the mixing settings to options (paths and force are
// the caller's).
func mixingOptions(c *cli.Context) mixing.Options {
	return mixing.Options{Chains: c.Int("chains"), MaxTime: c.Int("max-time"),
		Factor: c.Int("factor"), Seed: c.Uint64("seed")}
}

func runMixing(ctx context.Context, e *env, o mixing.Options) error {
	var rep *mixing.Report
	run := pipeline.RunDir(o.RunDir)
	seed := o.Seed
	err := run.Execute(ctx, pipeline.Stage{Name: "mixing", Params: o, Seed: &seed,
		Run: func(ctx context.Context) ([]string, error) {
			var err error
			if rep, err = mixing.Run(ctx, o, e.log); err != nil {
				return nil, err
			}
			return []string{run.Path(mixing.JSONFile), run.Path(mixing.CurveFile)}, nil
		}}, e.log)
	if err != nil {
		return err
	}
	state := fmt.Sprintf("> %d Gibbs steps (chains did not mix)", rep.MaxTime)
	if rep.MixingTime != nil {
		state = fmt.Sprintf("%d Gibbs steps", *rep.MixingTime)
	}
	fmt.Fprintf(e.stdout, "mixing time %s; τ_energy %.1f; trained with %s, k = %d\n",
		state, rep.TauEnergy, rep.Protocol, rep.TrainingK)
	if rep.OutOfEquilibrium {
		fmt.Fprintf(e.stdout, "  FLAGGED: trained out of equilibrium (%s)\n", rep.Reason)
	}
	return nil
}
