package train

import (
	"errors"
	"math"
	"slices"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
)

// Options configures the training stage. The zero value of every field but
// RunDir means the default documented on it.
type Options struct {
	// RunDir is the run directory; required.
	RunDir string
	// Data is the training set; default train.parquet when the run
	// directory has one, else dataset.parquet.
	Data string
	// Test is the test set; default test.parquet when present.
	Test string

	// Config holds the RBM and protocol settings (package rbm).
	Config rbm.Config
	// Precision is "float32" (default) or "float64".
	Precision string

	// Checkpoints is the number of log-spaced checkpoints besides the
	// final one; default 20, −1 for none.
	Checkpoints int
	// LogPoints is the number of log-spaced updates at which a metrics
	// row is written (the first and last update always are); default 50.
	LogPoints int
	// LogEvery, when > 0, also logs every LogEvery updates.
	LogEvery int
	// LikelihoodPoints is the number of log-spaced logged updates at
	// which log-likelihoods are computed; default 20.
	LikelihoodPoints int
	// Likelihood is how log-likelihoods are computed at logged updates:
	// "auto" (default: exact when 2^min(N,M)·max(N,M) ≤ 2^22, a fraction
	// of a second per evaluation, else none), "exact",
	// "ais" or "none".
	Likelihood string
	// AISSteps, AISChains and AISRepeats set AIS; defaults 1000, 200, 3.
	AISSteps, AISChains, AISRepeats int

	// Resume continues from the newest checkpoint.
	Resume bool
	// Force replaces an existing model, checkpoints and metrics.
	Force bool

	// Progress, when set, is called after every update.
	Progress func(update, total int, note string) `json:"-"`
}

func (o *Options) defaults() {
	if o.Precision == "" {
		o.Precision = "float32"
	}
	if o.Checkpoints == 0 {
		o.Checkpoints = 20
	}
	if o.LogPoints == 0 {
		o.LogPoints = 50
	}
	if o.LikelihoodPoints == 0 {
		o.LikelihoodPoints = 20
	}
	if o.Likelihood == "" {
		o.Likelihood = "auto"
	}
	if o.AISSteps == 0 {
		o.AISSteps = 1000
	}
	if o.AISChains == 0 {
		o.AISChains = 200
	}
	if o.AISRepeats == 0 {
		o.AISRepeats = 3
	}
}

// Validate reports every invalid field at once (after defaults).
func (o Options) Validate() error {
	o.defaults()
	var errs []error
	if o.RunDir == "" {
		errs = append(errs, pipeline.Inputf("train: no run directory"))
	}
	if o.Precision != "float32" && o.Precision != "float64" {
		errs = append(errs, pipeline.Inputf("train: precision %q: want float32 or float64", o.Precision))
	}
	if o.Checkpoints < -1 {
		errs = append(errs, pipeline.Inputf("train: checkpoints %d: want ≥ −1", o.Checkpoints))
	}
	if o.LogPoints < 1 || o.LogEvery < 0 {
		errs = append(errs, pipeline.Inputf("train: log points must be ≥ 1 and log-every ≥ 0"))
	}
	switch o.Likelihood {
	case "auto", "exact", "ais", "none":
	default:
		errs = append(errs, pipeline.Inputf("train: likelihood %q: want auto, exact, ais or none",
			o.Likelihood))
	}
	if o.AISSteps < 1 || o.AISChains < 1 || o.AISRepeats < 1 {
		errs = append(errs, pipeline.Inputf("train: AIS steps, chains and repeats must be ≥ 1"))
	}
	if o.Config.Hidden > formats.MaxColumns {
		errs = append(errs, pipeline.Inputf("train: %d hidden units: the model format holds at most %d",
			o.Config.Hidden, formats.MaxColumns))
	}
	if err := o.Config.Validate(); err != nil {
		errs = append(errs, pipeline.Inputf("train: %v", err))
	}
	return errors.Join(errs...)
}

// LogSpaced returns up to n distinct update counts in [1, total], spaced
// evenly in log(update), always including 1 and total.
func LogSpaced(n, total int) []int {
	if total < 1 || n < 1 {
		return nil
	}
	if n >= total {
		out := make([]int, total)
		for k := range out {
			out[k] = k + 1
		}
		return out
	}
	set := map[int]bool{1: true, total: true}
	for k := 1; k < n-1; k++ {
		u := int(math.Pow(float64(total), float64(k)/float64(n-1)) + 0.5)
		set[min(max(u, 1), total)] = true
	}
	out := make([]int, 0, len(set))
	for u := range set {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}
