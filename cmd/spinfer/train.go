package main

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/internal/progress"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/train"
)

func trainFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "protocol", Value: "pcd", Usage: "cd, pcd, rdm, pt or jarzynski"},
		&cli.IntFlag{Name: "hidden", Usage: "hidden units M (default 100)"},
		&cli.IntFlag{Name: "k", Usage: "Gibbs steps per update (default 10)"},
		&cli.IntFlag{Name: "batch", Usage: "minibatch size (default 100)"},
		&cli.IntFlag{Name: "chains", Usage: "persistent chains (default = batch)"},
		&cli.Float64Flag{Name: "lr", Usage: "learning rate (default 0.01)"},
		&cli.StringFlag{Name: "lr-schedule", Value: "constant", Usage: "constant or exponential"},
		&cli.Float64Flag{Name: "lr-final", Usage: "exponential schedule: learning rate at the last update"},
		&cli.Float64Flag{Name: "lr-decay", Usage: "exponential schedule: factor per update"},
		&cli.IntFlag{Name: "updates", Usage: "parameter updates (default 10000 unless --epochs)"},
		&cli.IntFlag{Name: "epochs", Usage: "passes over the data (instead of --updates)"},
		&cli.Uint64Flag{Name: "seed", Usage: "master seed of every random stream"},
		&cli.BoolFlag{Name: "centered", Value: true, Usage: "centred gradient (--centered=false for plain)"},
		&cli.Float64Flag{Name: "l1", Usage: "L1 penalty on W"},
		&cli.Float64Flag{Name: "l2", Usage: "L2 penalty on W"},
		&cli.StringFlag{Name: "minibatch", Value: "shuffle",
			Usage: "shuffle (per epoch) or sample (per update)"},
		&cli.StringFlag{Name: "precision", Value: "float32", Usage: "float32 or float64"},
		&cli.IntFlag{Name: "checkpoints",
			Usage: "log-spaced checkpoints besides the final one (default 20, -1 none)"},
		&cli.IntFlag{Name: "log-points", Usage: "log-spaced updates with a metrics row (default 50)"},
		&cli.IntFlag{Name: "log-every", Usage: "also log every N updates"},
		&cli.StringFlag{Name: "likelihood", Value: "auto",
			Usage: "auto (exact when 2^min(N,M)·max(N,M) ≤ 2^22), exact, ais or none"},
		&cli.IntFlag{Name: "likelihood-points",
			Usage: "log-spaced updates with a log-likelihood (default 20)"},
		&cli.IntFlag{Name: "ais-steps", Usage: "AIS intermediate distributions (default 1000)"},
		&cli.IntFlag{Name: "ais-chains", Usage: "AIS runs per repeat (default 200)"},
		&cli.Float64Flag{Name: "ess-threshold", Usage: "jarzynski: resample under this ESS (default 0.7)"},
		&cli.IntFlag{Name: "warmup", Usage: "jarzynski: plain PCD updates before weighting"},
		&cli.IntFlag{Name: "pt-temperatures", Usage: "pt: replicas of the automatic ladder (default 20)"},
		&cli.StringFlag{Name: "pt-betas",
			Usage: "pt: fixed ladder, comma-separated, increasing, ending at 1"},
		&cli.Float64Flag{Name: "pt-swap-rate",
			Usage: "pt: target swap rate of the automatic ladder (default 0.3)"},
	}
}

func trainCommand(e *env) *cli.Command {
	flags := append([]cli.Flag{
		&cli.StringFlag{Name: "run",
			Usage: "run directory (reads dataset.parquet or train.parquet)", Required: true},
		&cli.StringFlag{Name: "data",
			Usage: "training set (default RUN/train.parquet or RUN/dataset.parquet)"},
		&cli.StringFlag{Name: "test", Usage: "test set (default RUN/test.parquet when present)"},
		&cli.BoolFlag{Name: "resume", Usage: "continue from the newest checkpoint"},
		&cli.BoolFlag{Name: "force", Usage: "train again, replacing model, checkpoints and metrics"},
	}, trainFlags()...)
	return &cli.Command{
		Name:  "train",
		Usage: "train an RBM on a run directory's dataset with MCMC",
		Description: "Protocols: pcd (persistent chains, default), cd, rdm (non-persistent random\n" +
			"restarts: fast generators whose equilibrium does not match the data), pt\n" +
			"(parallel tempering), jarzynski (weighted persistent chains).\n\n" +
			"Examples:\n" +
			"   spinfer train --run runs/ising --hidden 32 --updates 5000\n" +
			"   spinfer train --run runs/ising --protocol rdm --k 10 --force\n" +
			"   spinfer train --run runs/ising --resume",
		Flags: flags,
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("train takes no arguments, got %q", c.Args().Slice())}
			}
			o, err := trainOptions(c)
			if err != nil {
				return err
			}
			warnIgnoredFlags(c, e)
			o.RunDir, o.Data, o.Test = c.String("run"), c.String("data"), c.String("test")
			o.Resume, o.Force = c.Bool("resume"), c.Bool("force")
			if o.Resume {
				for _, f := range trainFlags() {
					if c.IsSet(f.Names()[0]) {
						return usageError{fmt.Errorf("--resume continues with the settings "+
							"saved in the checkpoint; --%s cannot change them", f.Names()[0])}
					}
				}
			}
			_, err = runTrain(c.Context, e, o)
			return err
		},
	}
}

// positiveFlags are training flags that must be positive; an explicit 0
// has no meaning either (0 in the options means "default", so it must not
// come from the user).
var positiveFlags = []string{"hidden", "k", "batch", "chains", "lr", "updates", "epochs",
	"log-points", "likelihood-points", "ais-steps", "ais-chains", "pt-temperatures"}

// trainOptions reads the training flags shared by train and run.
func trainOptions(c *cli.Context) (train.Options, error) {
	for _, name := range positiveFlags {
		// Each flag is an int or a float; the getter of the other type
		// returns 0, so both are 0 only when the value is 0.
		if c.IsSet(name) && c.Float64(name) <= 0 && c.Int(name) <= 0 {
			return train.Options{}, usageError{fmt.Errorf("--%s %v: want a positive value "+
				"(leave the flag out for the default)", name, c.Value(name))}
		}
	}
	if err := scheduleFlags(c); err != nil {
		return train.Options{}, err
	}
	cfg := rbm.Config{
		Protocol: rbm.Protocol(c.String("protocol")), Hidden: c.Int("hidden"), K: c.Int("k"),
		Batch: c.Int("batch"), Chains: c.Int("chains"), LearningRate: c.Float64("lr"),
		Updates: c.Int("updates"), Epochs: c.Int("epochs"), Seed: c.Uint64("seed"),
		NoCentering: !c.Bool("centered"), L1: c.Float64("l1"), L2: c.Float64("l2"),
		Minibatch: rbm.MinibatchMode(c.String("minibatch")),
		Schedule: rbm.Schedule{Kind: rbm.ScheduleKind(c.String("lr-schedule")),
			FinalLR: c.Float64("lr-final"), Decay: c.Float64("lr-decay")},
		Jarzynski: rbm.JarzynskiConfig{ESSThreshold: c.Float64("ess-threshold"), WarmUp: c.Int("warmup")},
		PT: rbm.PTConfig{Temperatures: c.Int("pt-temperatures"),
			TargetSwapRate: c.Float64("pt-swap-rate")},
	}
	if s := c.String("pt-betas"); s != "" {
		for _, f := range strings.Split(s, ",") {
			b, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || math.IsNaN(b) {
				return train.Options{}, usageError{fmt.Errorf("--pt-betas: %q is not a number", f)}
			}
			cfg.PT.Betas = append(cfg.PT.Betas, b)
		}
	}
	return train.Options{Config: cfg, Precision: c.String("precision"),
		Checkpoints: c.Int("checkpoints"), LogPoints: c.Int("log-points"),
		LogEvery: c.Int("log-every"), Likelihood: c.String("likelihood"),
		LikelihoodPoints: c.Int("likelihood-points"),
		AISSteps:         c.Int("ais-steps"), AISChains: c.Int("ais-chains")}, nil
}

// scheduleFlags checks that --lr-final and --lr-decay come, one of them,
// with --lr-schedule exponential.
func scheduleFlags(c *cli.Context) error {
	final, decay := c.IsSet("lr-final"), c.IsSet("lr-decay")
	switch exp := c.String("lr-schedule") == string(rbm.Exponential); {
	case exp && final == decay:
		return usageError{fmt.Errorf("--lr-schedule exponential: give exactly one of " +
			"--lr-final and --lr-decay")}
	case !exp && (final || decay):
		return usageError{fmt.Errorf("--lr-final and --lr-decay need --lr-schedule exponential")}
	}
	return nil
}

// protocolFlags are the training flags that only one protocol reads.
var protocolFlags = map[string]rbm.Protocol{
	"ess-threshold": rbm.Jarzynski, "warmup": rbm.Jarzynski, "pt-temperatures": rbm.PT,
	"pt-betas": rbm.PT, "pt-swap-rate": rbm.PT,
}

// warnIgnoredFlags warns about flags the chosen protocol does not read.
func warnIgnoredFlags(c *cli.Context, e *env) {
	p := rbm.Protocol(c.String("protocol"))
	for _, name := range slices.Sorted(maps.Keys(protocolFlags)) {
		if want := protocolFlags[name]; c.IsSet(name) && p != want {
			e.log.Warn(fmt.Sprintf("--%s applies to --protocol %s only; ignored with --protocol %s",
				name, want, p))
		}
	}
}

func runTrain(ctx context.Context, e *env, o train.Options) (*train.Result, error) {
	bar := progress.New(e.stderr, !e.quiet, "train", "updates", 0)
	o.Progress = func(u, total int, note string) {
		bar.SetTotal(total)
		bar.Update(u, note)
	}
	if !o.Resume {
		if err := o.Validate(); err != nil {
			return nil, err
		}
	}
	run := pipeline.RunDir(o.RunDir)
	var res *train.Result
	seed := o.Config.Seed
	err := run.Execute(ctx, pipeline.Stage{Name: "train", Params: o, Seed: &seed,
		Inputs: trainInputs(o),
		Run: func(ctx context.Context) ([]string, error) {
			var err error
			res, err = train.Run(ctx, o, e.log)
			bar.Done()
			if err != nil {
				return nil, err
			}
			return res.Outputs, nil
		},
		Effective: func() any { return res.Options },
	}, e.log)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stdout, "trained %d updates (%.1f epochs) in %.1fs; model in %s\n",
		res.Updates, res.Epochs, res.Seconds, run.Model())
	switch {
	case !math.IsNaN(res.TrainLL) && !math.IsNaN(res.TestLL):
		fmt.Fprintf(e.stdout, "  log-likelihood per sample: train %.4f, test %.4f\n", res.TrainLL, res.TestLL)
	case !math.IsNaN(res.TrainLL):
		fmt.Fprintf(e.stdout, "  log-likelihood per sample: train %.4f\n", res.TrainLL)
	}
	return res, nil
}

// trainInputs lists the data files training reads, for the manifest.
func trainInputs(o train.Options) []string {
	run := pipeline.RunDir(o.RunDir)
	in := []string{o.Data}
	if o.Data == "" {
		in[0] = run.Dataset()
		if fileExists(run.Train()) {
			in[0] = run.Train()
		}
	}
	if o.Test != "" {
		in = append(in, o.Test)
	} else if fileExists(run.Test()) {
		in = append(in, run.Test())
	}
	return in
}
