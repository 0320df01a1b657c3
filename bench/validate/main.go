package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// options are the command-line settings.
type options struct {
	quick bool
	out   string
	bin   string
	cases string // comma-separated case names; empty means all
	// replot redraws the figure and prints the table from an existing
	// OUT/validation.parquet instead of running the suite.
	replot bool
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// parse reads the flags.
func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.BoolVar(&o.quick, "quick", false, "tiny settings (a few minutes), no 10⁵-sample case")
	fs.StringVar(&o.out, "out", "runs/validate", "output directory")
	fs.StringVar(&o.bin, "bin", "bin/spinfer",
		"spinfer binary (go build -o bin/spinfer ./cmd/spinfer)")
	fs.StringVar(&o.cases, "cases", "", "comma-separated case names (default all)")
	fs.BoolVar(&o.replot, "replot", false, "redraw the figure and print the table of "+
		"OUT/validation.parquet; run nothing")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("validate: unexpected arguments %q", fs.Args())
	}
	return o, nil
}

// selectCases keeps the cases named in list (all when list is empty).
func selectCases(s Suite, list string) (Suite, error) {
	if list == "" {
		return s, nil
	}
	var keep []Case
	for _, name := range strings.Split(list, ",") {
		i := slices.IndexFunc(s.Cases, func(c Case) bool { return c.Name == name })
		if i < 0 {
			return s, fmt.Errorf("validate: no case %q in the %s suite", name, s.Mode)
		}
		keep = append(keep, s.Cases[i])
	}
	s.Cases = keep
	return s, nil
}

// run runs the suite and writes OUT/validation.parquet and validation.md.
func run(args []string, stdout io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	if o.replot {
		return replot(o.out, stdout)
	}
	s, err := selectCases(suite(o.quick), o.cases)
	if err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("validate: suite: %w", err)
	}
	if _, err := os.Stat(o.bin); err != nil {
		return fmt.Errorf("validate: %w (build it: go build -o %s ./cmd/spinfer)", err, o.bin)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := newRunner(o.bin, o.out)
	if err != nil {
		return err
	}
	start := time.Now()
	rows, runErr := runSuite(ctx, r, o.out, s, stdout)
	total := time.Since(start)
	err = errors.Join(runErr, r.close(), writeOutputs(o.out, s, rows, total))
	fmt.Fprintf(stdout, "\n%s suite: %d rows in %s; %s\n\n%s", s.Mode, len(rows),
		total.Round(time.Second), filepath.Join(o.out, "validation.parquet"), markdown(rows))
	return err
}

// runSuite runs the cases one after another, reporting each on stdout.
func runSuite(ctx context.Context, r *runner, out string, s Suite, stdout io.Writer) ([]Row,
	error) {
	var rows []Row
	for _, c := range s.Cases {
		fmt.Fprintf(stdout, "case %s: %s\n", c.Name, c.Desc)
		cr, err := runCase(ctx, r, out, s, c)
		rows = append(rows, cr...)
		if err != nil {
			return rows, err
		}
		for _, row := range cr {
			fmt.Fprintf(stdout, "  %-8s order %d: Δ_J %s  r %s  AUC %s  prec@K %s  %.0f s\n",
				row.Method, row.Order, f3(row.DeltaJ), f3(row.Pearson), f3(row.AUC),
				f3(row.PrecisionTopK), row.MethodSeconds)
		}
	}
	return rows, nil
}

// writeOutputs writes validation.parquet, validation_delta_j.png and
// validation.md (the rows gathered so far, even after a failure).
func writeOutputs(out string, s Suite, rows []Row, total time.Duration) error {
	if len(rows) == 0 {
		return nil
	}
	if err := writeParquet(filepath.Join(out, "validation.parquet"), s, rows); err != nil {
		return err
	}
	if err := plotDeltaJ(filepath.Join(out, "validation_delta_j.png"), rows); err != nil {
		return err
	}
	md := fmt.Sprintf("Mode %s, training %+v, total wall time %s.\n\n%s", s.Mode, s.Training,
		total.Round(time.Second), markdown(rows))
	if err := os.WriteFile(filepath.Join(out, "validation.md"), []byte(md), 0o644); err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	return nil
}

// replot redraws validation_delta_j.png from out/validation.parquet and
// prints its table.
func replot(out string, stdout io.Writer) error {
	rows, err := readRows(filepath.Join(out, "validation.parquet"))
	if err != nil {
		return err
	}
	if err := plotDeltaJ(filepath.Join(out, "validation_delta_j.png"), rows); err != nil {
		return err
	}
	_, err = io.WriteString(stdout, markdown(rows))
	return err
}
