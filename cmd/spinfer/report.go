package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/stages/report"
)

func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "write report.md and its figures for a run (or a sweep) directory",
		Description: "The report gathers the key figures of evaluation.json, every stage's\n" +
			"settings from manifest.json, the training curves of metrics.parquet, the\n" +
			"couplings against truth/, samples against data and the mixing verdict, with\n" +
			"PNG figures in DIR/report/. A section whose artifacts are absent names the\n" +
			"command that makes them. A sweep directory gets its summary table and a\n" +
			"report for each run.\n\n" +
			"Examples:\n" +
			"   spinfer report --run runs/ising\n" +
			"   spinfer report --run runs/ising --force     # replace an earlier report",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "run", Usage: "run or sweep directory (writes report.md, report/)"},
			&cli.Uint64Flag{Name: "seed",
				Usage: "seed of plotted subsets (default: the evaluate stage's seed)"},
			&cli.IntFlag{Name: "workers", Usage: "goroutines (default: all cores)"},
			&cli.BoolFlag{Name: "force", Usage: "replace an existing report.md and report/"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("report takes no arguments, got %q", c.Args().Slice())}
			}
			if c.String("run") == "" {
				return usageError{fmt.Errorf("report needs --run DIR")}
			}
			o := report.Options{RunDir: c.String("run"), Workers: c.Int("workers"),
				Force: c.Bool("force")}
			if c.IsSet("seed") {
				s := c.Uint64("seed")
				o.Seed = &s
			}
			res, err := report.Run(c.Context, o, e.log)
			if err != nil {
				return err
			}
			printReport(e.stdout, res)
			return nil
		},
	}
}

// printReport says where the report is and what it could not show.
func printReport(w io.Writer, r *report.Result) {
	fmt.Fprintf(w, "report written to %s (%d figures)\n", r.Path, len(r.Figures))
	for _, run := range r.Runs {
		fmt.Fprintf(w, "  run report %s (%d figures, %d missing)\n", run.Path,
			len(run.Figures), len(run.Missing))
	}
	for _, m := range r.Missing {
		fmt.Fprintf(w, "  missing: %s\n", m)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  not computed: %s\n", n)
	}
}
