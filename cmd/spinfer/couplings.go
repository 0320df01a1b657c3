package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/internal/progress"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/couplings"
)

func couplingsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "couplings",
		Usage: "map a trained RBM to its effective Hamiltonian: fields, pairs, triplets, quadruplets",
		Description: "Couplings are in the Ising basis and units of kT, P(s) ∝ exp(−H),\n" +
			"H = −Σ h_i s_i − Σ J_ij s_i s_j − … (docs/formats.md).\n\n" +
			"Examples:\n" +
			"   spinfer couplings --run runs/ising                      # pairs, Gaussian method\n" +
			"   spinfer couplings --run runs/ising --method exact --order 4 --force\n" +
			"   spinfer couplings --model runs/hgd/model --order 3 --top 500 -o hgd-couplings\n" +
			"   spinfer couplings --run runs/ea --method plm            # baseline on the dataset\n" +
			"   spinfer couplings --method nmf --data d.parquet --lambda 0.01 -o nmf-couplings",
		Flags: couplingsFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("couplings takes no arguments, got %q", c.Args().Slice())}
			}
			o := couplingsOptions(c)
			o.RunDir, o.Model, o.Output = c.String("run"), c.String("model"), c.String("output")
			o.Data, o.Force = c.String("data"), c.Bool("force")
			o.NoPenalty = c.IsSet("lambda") && o.Lambda == 0 && o.Method == couplings.PLM
			_, err := runCouplings(c.Context, e, o)
			return err
		},
	}
}

// couplingsFlags are the flags of spinfer couplings; all but run, model,
// output, data and force are the couplings settings of a pipeline file.
func couplingsFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "run", Usage: "run directory (reads model/, writes couplings/)"},
		&cli.StringFlag{Name: "model", Usage: "model directory (instead of RUN/model)"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "couplings directory to write"},
		&cli.IntFlag{Name: "order", Value: 2, Usage: "highest order, 1..4"},
		&cli.StringFlag{Name: "method", Value: "gaussian",
			Usage: "gaussian or exact (N ≤ 24) on the model; nmf or plm on the data"},
		&cli.StringFlag{Name: "data", Usage: "nmf, plm: dataset (default RUN/dataset.parquet)"},
		&cli.Float64Flag{Name: "lambda",
			Usage: "plm: L2 strength (default 1/rows; 0: none); nmf: ridge (default 0)"},
		&cli.IntFlag{Name: "nodes", Usage: "Gauss–Hermite nodes (default 32)"},
		&cli.IntFlag{Name: "top", Usage: "K largest |J| kept for screened orders 3, 4 (default 1000)"},
		&cli.IntFlag{Name: "max-all",
			Usage: "largest number of k-sets evaluated exhaustively (default 1000000)"},
		&cli.IntFlag{Name: "workers", Usage: "goroutines (default: all cores)"},
		&cli.BoolFlag{Name: "force", Usage: "replace an existing couplings directory"},
	}
}

// couplingsOptions maps the couplings settings to options (paths and
// force are the caller's).
func couplingsOptions(c *cli.Context) couplings.Options {
	return couplings.Options{Order: c.Int("order"), Method: c.String("method"),
		Nodes: c.Int("nodes"), Top: c.Int("top"), MaxAll: c.Int("max-all"),
		Workers: c.Int("workers"), Lambda: c.Float64("lambda")}
}

func runCouplings(ctx context.Context, e *env, o couplings.Options) (*couplings.Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err // before the manifest looks for inputs the options may not need
	}
	bar := progress.New(e.stderr, !e.quiet, "couplings", "sets", 0)
	o.Progress = func(done, total int) { bar.SetTotal(total); bar.Update(done, "") }
	var res *couplings.Result
	work := func(ctx context.Context) ([]string, error) {
		var err error
		res, err = couplings.Run(ctx, o, e.log)
		bar.Done()
		if err != nil {
			return nil, err
		}
		return []string{res.Output}, nil
	}
	var err error
	if o.RunDir != "" {
		run := pipeline.RunDir(o.RunDir)
		in := o.Model
		switch {
		case o.Method == couplings.NMF || o.Method == couplings.PLM:
			in = o.Data
			if in == "" {
				in = run.Dataset()
			}
		case in == "":
			in = run.Model()
		}
		err = run.Execute(ctx, pipeline.Stage{Name: "couplings", Params: o, Inputs: []string{in},
			Run: work}, e.log)
	} else {
		_, err = work(ctx)
	}
	if err != nil {
		return nil, err
	}
	orders := make([]int, 0, len(res.Counts))
	for k := range res.Counts {
		orders = append(orders, k)
	}
	sort.Ints(orders)
	fmt.Fprintf(e.stdout, "couplings (%s, %.2fs) written to %s:\n", res.Method, res.Seconds, res.Output)
	for _, k := range orders {
		note := ""
		if K, ok := res.TopK[k]; ok {
			note = fmt.Sprintf(" (top %d by |J|, found by the screen)", K)
		}
		fmt.Fprintf(e.stdout, "  order %d: %d terms%s\n", k, res.Counts[k], note)
	}
	if len(res.Doubtful) > 0 && res.Method == couplings.Gaussian {
		fmt.Fprintf(e.stdout, "  Gaussian approximation doubtful for %d hidden unit(s)\n", len(res.Doubtful))
	}
	return res, nil
}
