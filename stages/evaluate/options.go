package evaluate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spinfer/spinfer/analysis"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
)

// Ways of computing the model's log-likelihood on data (Options.Likelihood).
const (
	// LikelihoodAuto is exact when min(N, M) ≤ rbm.MaxExactUnits, none
	// otherwise.
	LikelihoodAuto = "auto"
	// LikelihoodExact enumerates the smaller layer (min(N, M) ≤ 24).
	LikelihoodExact = "exact"
	// LikelihoodAIS estimates log Z by annealed importance sampling.
	LikelihoodAIS = "ais"
	// LikelihoodNone skips the log-likelihood.
	LikelihoodNone = "none"
)

// Options configures the evaluation stage. The zero value of every field
// but RunDir means the default documented on it. Every input path is
// optional: a default path that does not exist leaves its part out (with a
// note in evaluation.json), a path given explicitly must exist.
type Options struct {
	// RunDir is the run directory; required. evaluation.json and plots/
	// are written into it.
	RunDir string
	// Truth is the true couplings directory; default RUN/truth.
	Truth string
	// Couplings is the inferred couplings directory; default RUN/couplings.
	Couplings string
	// Samples is the generated samples file; default RUN/samples.parquet.
	Samples string
	// Data is the training data that samples are compared with and the
	// model's training log-likelihood is computed on; default
	// RUN/train.parquet when present, else RUN/dataset.parquet.
	Data string
	// Test is the held-out data for the test log-likelihood; default
	// RUN/test.parquet.
	Test string
	// Model is the model directory; default RUN/model.
	Model string
	// Metrics is the training log drawn as training curves; default
	// RUN/metrics.parquet.
	Metrics string

	// Likelihood is "auto" (default), "exact", "ais" or "none"; see the
	// Likelihood constants.
	Likelihood string
	// AISSteps, AISChains and AISRepeats set AIS (package rbm defaults
	// 1000, 100 and 5 when 0; AISRepeats ≥ 2).
	AISSteps, AISChains, AISRepeats int

	// Seed is the master seed of every random choice: triplet subsets,
	// adversarial-accuracy subsamples, AIS chains and plotted subsets.
	Seed uint64
	// Workers is the number of goroutines of the sample comparison;
	// 0 means GOMAXPROCS. Results do not depend on it.
	Workers int
	// NoPlots skips the PNG figures (they are drawn by default).
	NoPlots bool
	// Force replaces an existing evaluation.json.
	Force bool

	// Progress, when set, is called after each part of the evaluation
	// with the parts done, their total and the name of the next part.
	Progress func(done, total int, note string) `json:"-"`
}

// Validate reports every invalid field at once; each error wraps
// pipeline.ErrInput.
func (o Options) Validate() error {
	var errs []error
	if o.RunDir == "" {
		errs = append(errs, pipeline.Inputf("evaluate: a run directory is required"))
	}
	switch o.Likelihood {
	case "", LikelihoodAuto, LikelihoodExact, LikelihoodAIS, LikelihoodNone:
	default:
		errs = append(errs, pipeline.Inputf("evaluate: likelihood %q: want auto, exact, ais or none",
			o.Likelihood))
	}
	if o.AISSteps < 0 || o.AISChains < 0 || o.AISRepeats < 0 {
		errs = append(errs, pipeline.Inputf("evaluate: AIS steps %d, chains %d, repeats %d: "+
			"want ≥ 0 (0: default)", o.AISSteps, o.AISChains, o.AISRepeats))
	}
	if o.AISRepeats == 1 {
		errs = append(errs, pipeline.Inputf("evaluate: AIS repeats 1: want ≥ 2 (the spread "+
			"over repeats is reported)"))
	}
	if o.Workers < 0 {
		errs = append(errs, pipeline.Inputf("evaluate: workers %d: want ≥ 0", o.Workers))
	}
	return errors.Join(errs...)
}

func (o Options) aisConfig(seed uint64) rbm.AISConfig {
	return rbm.AISConfig{Steps: o.AISSteps, Chains: o.AISChains, Repeats: o.AISRepeats,
		Seed: seed}
}

// input is one resolved input path.
type input struct {
	role     string // "truth", "couplings", …
	path     string // "" when absent
	explicit bool   // given by the caller, so it must exist
}

// inputs holds every input of an evaluation after defaults.
type inputs struct {
	truth, couplings, samples, data, test, model, metrics input
}

// list returns the inputs in a fixed order.
func (in *inputs) list() []*input {
	return []*input{&in.truth, &in.couplings, &in.samples, &in.data, &in.test,
		&in.model, &in.metrics}
}

// resolve applies the defaults: a default path is kept only when it
// exists; an explicit path that does not exist is an input error.
func (o Options) resolve() (*inputs, error) {
	run := pipeline.RunDir(o.RunDir)
	data := run.Dataset()
	if exists(run.Train()) {
		data = run.Train()
	}
	in := &inputs{
		truth:     pick("truth", o.Truth, run.Truth()),
		couplings: pick("couplings", o.Couplings, run.Couplings()),
		samples:   pick("samples", o.Samples, run.Samples()),
		data:      pick("data", o.Data, data),
		test:      pick("test", o.Test, run.Test()),
		model:     pick("model", o.Model, run.Model()),
		metrics:   pick("metrics", o.Metrics, run.Metrics()),
	}
	var errs []error
	for _, p := range in.list() {
		if exists(p.path) {
			continue
		}
		if p.explicit {
			errs = append(errs, pipeline.Inputf("evaluate: %s %s does not exist", p.role, p.path))
		}
		p.path = ""
	}
	return in, errors.Join(errs...)
}

func pick(role, given, def string) input {
	if given != "" {
		return input{role: role, path: given, explicit: true}
	}
	return input{role: role, path: def}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Inputs returns the input paths an evaluation with these options would
// read, after defaults, leaving out those that do not exist. A command
// records them in the run's manifest.
func (o Options) Inputs() []string {
	in, _ := o.resolve()
	var out []string
	for _, p := range in.list() {
		if p.path != "" {
			out = append(out, p.path)
		}
	}
	return out
}

// wrapErr adds the stage and the input's role to err, and marks it as an
// input error when the input itself is at fault (a malformed artifact,
// data the analysis rejects) rather than the machine.
func wrapErr(role string, err error) error {
	if errors.Is(err, pipeline.ErrInput) || !(errors.Is(err, formats.ErrFormat) ||
		errors.Is(err, formats.ErrInvalid) || errors.Is(err, analysis.ErrInput) ||
		errors.Is(err, fs.ErrNotExist)) {
		return fmt.Errorf("evaluate: %s: %w", role, err)
	}
	return fmt.Errorf("evaluate: %s: %w (%w)", role, err, pipeline.ErrInput)
}
