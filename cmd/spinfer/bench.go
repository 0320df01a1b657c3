package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/bench/validate/suite"
)

// benchCommand groups the benchmarks. Each benchmark is one subcommand
// built by its own function below; add new ones to the list.
func benchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "run a benchmark suite (validate: recover known Hamiltonians)",
		Subcommands: []*cli.Command{
			benchValidateCommand(e),
		},
	}
}

// benchValidateCommand runs the validation suite (bench/validate/suite),
// with the flags of `go run ./bench/validate`.
func benchValidateCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "validate",
		Usage: "validation benchmark: RBM couplings against nmf and plm on known Hamiltonians",
		Description: "Draws data from known Hamiltonians, infers couplings with the RBM (pcd,\n" +
			"rdm), nmf and plm, and scores them against the truth (docs/validation.md).\n" +
			"Writes OUT/<case>/, OUT/validation.parquet, validation.md and the figure.\n\n" +
			"Examples:\n" +
			"   spinfer bench validate                    # full suite, under an hour\n" +
			"   spinfer bench validate --quick            # tiny settings, a few minutes\n" +
			"   spinfer bench validate --cases planted3,ea7-1e4 --out runs/v2\n" +
			"   spinfer bench validate --replot           # figure and table of an earlier run",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "quick", Usage: "tiny settings (a few minutes), no 10⁵-sample case"},
			&cli.StringFlag{Name: "out", Value: suite.DefaultOut, Usage: "output directory"},
			&cli.StringFlag{Name: "bin",
				Usage: "spinfer binary run for each step (default this executable)"},
			&cli.StringFlag{Name: "cases", Usage: "comma-separated case names (default all)"},
			&cli.BoolFlag{Name: "replot",
				Usage: "redraw the figure and print the table of OUT/validation.parquet; run nothing"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("bench validate takes no arguments, got %q",
					c.Args().Slice())}
			}
			bin := c.String("bin")
			if bin == "" {
				self, err := os.Executable()
				if err != nil {
					return fmt.Errorf("bench validate: locating this executable: %w", err)
				}
				bin = self
			}
			o := suite.Options{Quick: c.Bool("quick"), Out: c.String("out"), Bin: bin,
				Cases: suite.SplitCases(c.String("cases")), Replot: c.Bool("replot")}
			if err := o.Validate(); err != nil {
				return usageError{err}
			}
			return suite.Run(c.Context, o, e.stdout)
		},
	}
}
