package report

import (
	"errors"

	"github.com/spinfer/spinfer/pipeline"
)

// Files written into the run (or sweep) directory.
const (
	// File is the report itself.
	File = "report.md"
	// FiguresDir holds the PNG figures report.md links.
	FiguresDir = "report"
)

// Options configures the report stage. The zero value of every field but
// RunDir means the default documented on it.
type Options struct {
	// RunDir is the run or sweep directory; required. report.md and
	// report/ are written into it.
	RunDir string
	// Seed is the master seed of the comparison figures (subsets of
	// large scatters, triplets, see package evaluate); default the seed
	// the run's evaluate stage recorded in manifest.json, else 0, so the
	// report draws what `spinfer evaluate` drew.
	Seed *uint64
	// Workers is the number of goroutines of the sample comparison;
	// 0 means GOMAXPROCS. Results do not depend on it.
	Workers int
	// Force replaces an existing report.md and report/.
	Force bool
}

// Validate reports every invalid field at once; each error wraps
// pipeline.ErrInput.
func (o Options) Validate() error {
	var errs []error
	if o.RunDir == "" {
		errs = append(errs, pipeline.Inputf("report: a run directory is required"))
	}
	if o.Workers < 0 {
		errs = append(errs, pipeline.Inputf("report: workers %d: want ≥ 0", o.Workers))
	}
	return errors.Join(errs...)
}
