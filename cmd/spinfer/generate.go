package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/internal/progress"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/generate"
)

func generateFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "run", Usage: "run directory (writes dataset.parquet and truth/)"},
		&cli.StringFlag{Name: "model", Usage: strings.Join(generate.Models, ", ")},
		&cli.StringFlag{Name: "hamiltonian", Usage: "couplings directory to sample instead of a model"},
		&cli.IntFlag{Name: "L", Usage: "lattice side ≥ 3 (default 8 in 2D, 5 in 3D)"},
		&cli.IntFlag{Name: "N", Usage: "sites of sk, er, planted3, planted4 (default 64)"},
		&cli.Float64Flag{Name: "degree",
			Usage: "mean degree of er (default 3); pair graph of planted models"},
		&cli.Float64Flag{Name: "beta", Usage: "inverse temperature (default 0.2; 1 with --hamiltonian)"},
		&cli.Float64Flag{Name: "J", Usage: "pair-bond scale (default 1)"},
		&cli.StringFlag{Name: "bonds", Usage: "pair bonds: ferro, pm (±J) or gauss (default by model)"},
		&cli.Float64Flag{Name: "fields", Usage: "random fields h_i ~ N(0, STRENGTH²) (default none)"},
		&cli.IntFlag{Name: "triplets", Usage: "planted 3-body terms (planted3: default N)"},
		&cli.IntFlag{Name: "quadruplets", Usage: "planted 4-body terms (planted4: default N/2)"},
		&cli.Float64Flag{Name: "higher-j", Usage: "scale of 3- and 4-body terms (default J)"},
		&cli.StringFlag{Name: "higher-bonds",
			Usage: "3- and 4-body bonds: ferro, pm or gauss (default ferro)"},
		&cli.StringFlag{Name: "sampler", Value: generate.SamplerAuto,
			Usage: strings.Join(generate.Samplers, ", ")},
		&cli.IntFlag{Name: "samples", Usage: "configurations to draw (default 10000)"},
		&cli.IntFlag{Name: "chains", Usage: "independent Markov chains (default 4)"},
		&cli.IntFlag{Name: "workers",
			Usage: "goroutines (default: all cores; files do not depend on it)"},
		&cli.Uint64Flag{Name: "seed", Usage: "master seed of the model draw and the chains"},
		&cli.BoolFlag{Name: "force", Usage: "replace an existing dataset.parquet and truth/"},
	}
}

func generateCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "draw spin data from a known Hamiltonian: dataset.parquet and truth/ for benchmarks",
		Description: "Couplings are in units of kT with β absorbed; truth/ is the couplings\n" +
			"directory of the Hamiltonian sampled (docs/generate.md).\n\n" +
			"Examples:\n" +
			"   spinfer generate --run runs/ea --model ea2d --L 7 --beta 0.2 --samples 100000\n" +
			"   spinfer generate --run runs/ferro --model ferro2d --L 8 --beta 0.4406 --seed 1\n" +
			"   spinfer generate --run runs/p3 --model planted3 --N 30 --triplets 20 --beta 0.5\n" +
			"   spinfer generate --run runs/back --hamiltonian runs/ea/couplings --samples 5000",
		Flags:        generateFlags(),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("generate takes no arguments, got %q", c.Args().Slice())}
			}
			_, err := runGenerate(c.Context, e, generateOptions(c))
			return err
		},
	}
}

func generateOptions(c *cli.Context) generate.Options {
	sampler := c.String("sampler")
	if sampler == generate.SamplerAuto {
		sampler = ""
	}
	return generate.Options{RunDir: c.String("run"), Model: c.String("model"),
		Hamiltonian: c.String("hamiltonian"), L: c.Int("L"), N: c.Int("N"),
		Degree: c.Float64("degree"), Beta: c.Float64("beta"), J: c.Float64("J"),
		Bonds: c.String("bonds"), FieldStrength: c.Float64("fields"),
		Triplets: c.Int("triplets"), Quadruplets: c.Int("quadruplets"),
		HigherJ: c.Float64("higher-j"), HigherBonds: c.String("higher-bonds"),
		Sampler: sampler, Samples: c.Int("samples"), Chains: c.Int("chains"),
		Workers: c.Int("workers"), Seed: c.Uint64("seed"), Force: c.Bool("force")}
}

func runGenerate(ctx context.Context, e *env, o generate.Options) (*generate.Result, error) {
	if o.RunDir == "" {
		return nil, usageError{fmt.Errorf("generate: --run DIR is required")}
	}
	bar := progress.New(e.stderr, !e.quiet, "generate", "samples", 0)
	o.Progress = func(done, total int) { bar.SetTotal(total); bar.Update(done, "") }
	var res *generate.Result
	work := func(ctx context.Context) ([]string, error) {
		var err error
		res, err = generate.Run(ctx, o, e.log)
		bar.Done()
		if err != nil {
			return nil, err
		}
		return []string{res.Dataset, res.Truth}, nil
	}
	var inputs []string
	if o.Hamiltonian != "" {
		inputs = []string{o.Hamiltonian}
	}
	seed := o.Seed
	err := pipeline.RunDir(o.RunDir).Execute(ctx, pipeline.Stage{Name: "generate", Params: o,
		Seed: &seed, Inputs: inputs, Run: work}, e.log)
	if err != nil {
		return nil, err
	}
	printGenerated(e, res)
	return res, nil
}

func printGenerated(e *env, res *generate.Result) {
	fmt.Fprintf(e.stdout, "generated %d configurations of %s (N = %d, β = %g) with %s in %.1fs\n",
		res.Rows, res.Model, res.N, res.Beta, res.Sampler, res.Seconds)
	if s := res.Stats; s != nil && len(s.Chains) > 0 {
		fmt.Fprintf(e.stdout, "  %d chains: τ(energy) = %.3g, τ(|m|) = %.3g sweeps; "+
			"burn-in %d, spacing %d sweeps\n", len(s.Chains), s.TauEnergy, s.TauAbsMag,
			s.BurnInSweeps, s.SpacingSweeps)
	} else {
		fmt.Fprintln(e.stdout, "  independent draws by exact enumeration")
	}
	orders := make([]int, 0, len(res.Terms))
	for k := range res.Terms {
		orders = append(orders, k)
	}
	sort.Ints(orders)
	var parts []string
	for _, k := range orders {
		name := map[int]string{1: "fields", 2: "pairs", 3: "triplets", 4: "quadruplets"}[k]
		parts = append(parts, fmt.Sprintf("%d %s", res.Terms[k], name))
	}
	fmt.Fprintf(e.stdout, "  dataset: %s\n  truth:   %s (%s non-zero)\n", res.Dataset,
		res.Truth, strings.Join(parts, ", "))
}
