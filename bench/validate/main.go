package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spinfer/spinfer/bench/validate/suite"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// parse reads the flags (the same as `spinfer bench validate`).
func parse(args []string) (suite.Options, error) {
	var o suite.Options
	var cases string
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.BoolVar(&o.Quick, "quick", false, "tiny settings (a few minutes), no 10⁵-sample case")
	fs.StringVar(&o.Out, "out", suite.DefaultOut, "output directory")
	fs.StringVar(&o.Bin, "bin", suite.DefaultBin,
		"spinfer binary (go build -o bin/spinfer ./cmd/spinfer)")
	fs.StringVar(&cases, "cases", "", "comma-separated case names (default all)")
	fs.BoolVar(&o.Replot, "replot", false, "redraw the figure and print the table of "+
		"OUT/validation.parquet; run nothing")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("validate: unexpected arguments %q", fs.Args())
	}
	o.Cases = suite.SplitCases(cases)
	return o, nil
}

// run parses args and runs the suite, stopping cleanly on an interrupt.
func run(args []string, stdout io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return suite.Run(ctx, o, stdout)
}
