package ingest

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// ReadOptions says how to read an input file. The zero value reads a file
// as written, one configuration per row, and infers the basis.
type ReadOptions struct {
	// Transpose reads the file's rows as variables and its columns as
	// configurations (one variable per line). It applies to text, .npy
	// and Parquet inputs alike.
	Transpose bool

	// Basis forces a reading: "ising" (values must be ±1) or "binary"
	// (values must be 0/1). Empty infers it from the values.
	Basis string

	// Threshold, when set, binarises real-valued data: a finite value x
	// becomes 1 when x > *Threshold, else 0 (or −1 when Basis is
	// "ising"). Without it, values that are not −1, 0 or 1 are errors.
	Threshold *float64

	// Names, when set, names the variables in order (one per column of
	// the result) instead of the file's header or s0…s{N−1}. Names must be
	// non-empty and unique.
	Names []string
}

// Validate reports every invalid field at once; the errors wrap
// [pipeline.ErrInput].
func (o ReadOptions) Validate() error {
	var errs []error
	switch formats.Basis(o.Basis) {
	case "", formats.Ising, formats.Binary:
	default:
		errs = append(errs, pipeline.Inputf(
			"ingest: Basis %q is not one of ising, binary", o.Basis))
	}
	if t := o.Threshold; t != nil && (math.IsNaN(*t) || math.IsInf(*t, 0)) {
		errs = append(errs, pipeline.Inputf(
			"ingest: Threshold %v is not a finite number", *t))
	}
	if ie := checkNames(o.Names); ie != nil {
		errs = append(errs, pipeline.Inputf("ingest: Names: entry %d: %s",
			ie.Column, strings.TrimSpace(fmt.Sprintf("%q %s", ie.Value, ie.Msg))))
	}
	return errors.Join(errs...)
}

// Options configures the ingest stage. The zero value of every field but
// Input and one of Output or RunDir means the default.
type Options struct {
	// Input is the path of the data file, or "-" for standard input.
	Input string
	// Stdin is read when Input is "-"; nil means os.Stdin.
	Stdin io.Reader `json:"-"`
	// Output is the dataset file to write. Exactly one of Output and
	// RunDir is set. With a split, the parts go next to it: x.parquet
	// gives x.train.parquet and x.test.parquet.
	Output string
	// RunDir is the run directory to write dataset.parquet (and
	// train.parquet, test.parquet) into; it is created when missing.
	RunDir string

	// Transpose, Basis, Threshold and Names: see [ReadOptions].
	Transpose bool
	Basis     string
	Threshold *float64
	Names     []string

	// TestFraction F in (0,1) splits the rows at random into a test part
	// of round(F·rows) rows and a train part of the rest, each at least
	// one row. 0 (the default) writes no split.
	TestFraction float64
	// Seed seeds the split's permutation (PCG). Any value, 0 included.
	Seed uint64

	// Force replaces outputs that already exist; without it an existing
	// output is an error and nothing is written.
	Force bool
}

// ReadOptions returns the reading part of o.
func (o Options) ReadOptions() ReadOptions {
	return ReadOptions{Transpose: o.Transpose, Basis: o.Basis,
		Threshold: o.Threshold, Names: o.Names}
}

// Validate reports every invalid field at once; the errors wrap
// [pipeline.ErrInput], so [IsInputError] is true for them.
func (o Options) Validate() error {
	var errs []error
	if o.Input == "" {
		errs = append(errs, pipeline.Inputf("ingest: Input is empty"))
	}
	switch {
	case o.Output == "" && o.RunDir == "":
		errs = append(errs, pipeline.Inputf(
			"ingest: neither Output nor RunDir is set"))
	case o.Output != "" && o.RunDir != "":
		errs = append(errs, pipeline.Inputf(
			"ingest: both Output and RunDir are set"))
	}
	if f := o.TestFraction; !(f >= 0 && f < 1) {
		errs = append(errs, pipeline.Inputf(
			"ingest: TestFraction %v is outside [0,1)", f))
	}
	errs = append(errs, o.ReadOptions().Validate())
	return errors.Join(errs...)
}
