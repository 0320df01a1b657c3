package suite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Defaults of [Options].
const (
	DefaultOut = "runs/validate" // output directory
	DefaultBin = "bin/spinfer"   // spinfer binary run by the suite
)

// Options are the settings of one invocation; the zero value runs the
// full suite with bin/spinfer into runs/validate.
type Options struct {
	Quick bool   // tiny settings (a few minutes), no 10⁵-sample case
	Out   string // output directory (default DefaultOut)
	Bin   string // spinfer binary (default DefaultBin)
	// Cases names the cases to run, in that order (default all).
	Cases []string
	// Replot redraws the figure and prints the table from an existing
	// Out/validation.parquet instead of running the suite.
	Replot bool
}

// withDefaults returns o with its empty fields filled.
func (o Options) withDefaults() Options {
	if o.Out == "" {
		o.Out = DefaultOut
	}
	if o.Bin == "" {
		o.Bin = DefaultBin
	}
	return o
}

// Validate reports the case names that the selected suite (full or
// quick) does not have.
func (o Options) Validate() error {
	_, err := selectCases(Default(o.Quick), o.Cases)
	return err
}

// SplitCases splits a comma-separated list of case names; "" gives nil
// (all cases).
func SplitCases(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, ",")
}

// selectCases keeps the cases named in names, in that order (all when
// names is empty).
func selectCases(s Suite, names []string) (Suite, error) {
	if len(names) == 0 {
		return s, nil
	}
	var keep []Case
	var errs []error
	for _, name := range names {
		i := slices.IndexFunc(s.Cases, func(c Case) bool { return c.Name == name })
		if i < 0 {
			errs = append(errs, fmt.Errorf("validate: no case %q in the %s suite (cases: %s)",
				name, s.Mode, strings.Join(s.Names(), ", ")))
			continue
		}
		keep = append(keep, s.Cases[i])
	}
	s.Cases = keep
	return s, errors.Join(errs...)
}

// Run runs the suite selected by o and writes Out/validation.parquet,
// validation.md and validation_delta_j.png; progress and the final table
// go to stdout. Cancelling ctx stops the command running and writes the
// rows finished so far.
func Run(ctx context.Context, o Options, stdout io.Writer) error {
	o = o.withDefaults()
	if o.Replot {
		return replot(o.Out, stdout)
	}
	s, err := selectCases(Default(o.Quick), o.Cases)
	if err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("validate: suite: %w", err)
	}
	if _, err := os.Stat(o.Bin); err != nil {
		return fmt.Errorf("validate: %w (build it: go build -o %s ./cmd/spinfer)", err, o.Bin)
	}
	r, err := newRunner(o.Bin, o.Out)
	if err != nil {
		return err
	}
	start := time.Now()
	rows, runErr := runSuite(ctx, r, o.Out, s, stdout)
	total := time.Since(start)
	err = errors.Join(runErr, r.close(), writeOutputs(o.Out, s, rows, total))
	fmt.Fprintf(stdout, "\n%s suite: %d rows in %s; %s\n\n%s", s.Mode, len(rows),
		total.Round(time.Second), filepath.Join(o.Out, "validation.parquet"), markdown(rows))
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
			fmt.Fprintf(stdout, "  %-8s order %d: Δ_J %s  r %s  slope %s  AUC %s  "+
				"prec@K %s  %.0f s\n", row.Method, row.Order, f3(row.DeltaJ),
				f3(row.Pearson), f3(row.Slope), f3(row.AUC), f3(row.PrecisionTopK),
				row.MethodSeconds)
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
	md := fmt.Sprintf("Mode %s, training %+v (cases with their own: %+v), total wall time "+
		"%s.\n\n%s", s.Mode, s.Training, caseTraining(s), total.Round(time.Second),
		markdown(rows))
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
