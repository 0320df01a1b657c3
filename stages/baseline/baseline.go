package baseline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"strconv"
	"time"

	"github.com/spinfer/spinfer/baselines"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// Methods.
const (
	NMF = "nmf" // naive mean-field inversion
	PLM = "plm" // pseudo-likelihood maximisation
)

// Options configures the baseline stage. Data, Output and Method are
// required; the zero value of every other field means its default.
type Options struct {
	// Data is the dataset file (Ising or binary basis).
	Data string
	// Output is the couplings directory to write.
	Output string
	// Method is NMF or PLM.
	Method string
	// Lambda ≥ 0 is the regularisation: plm's L2 strength λ on each
	// site's couplings (weighted-mean objective; 0 means
	// baselines.DefaultLambda = 1/R), nmf's ridge added to the diagonal
	// of the correlation matrix (0 means none).
	Lambda float64
	// NoPenalty runs plm with λ = 0 (Lambda must then be 0).
	NoPenalty bool
	// Workers is the number of goroutines of plm; 0 means GOMAXPROCS.
	// The couplings do not depend on it.
	Workers int
	// Force replaces an existing output.
	Force bool
}

// Validate reports every invalid field at once; errors wrap
// pipeline.ErrInput.
func (o Options) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, pipeline.Inputf("baseline: "+format, a...))
	}
	if o.Data == "" || o.Output == "" {
		bad("a dataset and an output directory are required")
	}
	if o.Method != NMF && o.Method != PLM {
		bad("method %q: want nmf or plm", o.Method)
	}
	if !(o.Lambda >= 0) || math.IsInf(o.Lambda, 0) {
		bad("lambda %v: want ≥ 0", o.Lambda)
	}
	if o.NoPenalty && (o.Lambda != 0 || o.Method == NMF) {
		bad("no-penalty applies to plm with lambda 0")
	}
	if o.Workers < 0 {
		bad("workers %d: want ≥ 0", o.Workers)
	}
	return errors.Join(errs...)
}

// Result summarises the couplings written.
type Result struct {
	Output string
	Method string
	N      int
	Rows   int
	// Lambda is plm's L2 strength or nmf's ridge, as used.
	Lambda float64
	// LogPL is plm's total log pseudo-likelihood per sample (NaN for nmf).
	LogPL   float64
	Pairs   int
	Seconds float64
}

// Run reads the dataset, infers the pairwise model and writes it.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, err := os.Stat(o.Output); err == nil && !o.Force {
		return nil, pipeline.Inputf("baseline: %s exists (use --force to replace it)", o.Output)
	}
	d, err := formats.ReadDataset(o.Data)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("baseline: %s needs a dataset: %w (%w)", o.Method, err,
			pipeline.ErrInput)
	}
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	s := spins(d)
	log.Info("baseline: inferring", "method", o.Method, "N", d.N(), "rows", d.Rows)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	p, err := infer(s, o)
	if err != nil {
		return nil, inferError(o.Method, o.Data, err)
	}
	res := &Result{Output: o.Output, Method: o.Method, N: d.N(), Rows: d.Rows,
		Lambda: p.Lambda, LogPL: math.NaN(), Seconds: time.Since(start).Seconds()}
	if o.Method == NMF {
		res.Lambda = o.Lambda
	} else {
		res.LogPL = sum(p.LogPL)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c := toCouplings(d, p, o, res)
	res.Pairs = len(c.Orders[2])
	if err := formats.WriteCouplings(o.Output, c, o.Force); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return res, nil
}

// spins returns d in the Ising basis, s = 2v − 1 for binary data.
func spins(d *formats.Dataset) baselines.Samples {
	s := baselines.Samples{N: d.N(), Spins: d.Values}
	if d.Basis == formats.Binary {
		s.Spins = make([]int8, len(d.Values))
		for i, v := range d.Values {
			s.Spins[i] = 2*v - 1
		}
	}
	return s
}

func infer(s baselines.Samples, o Options) (*baselines.Pairwise, error) {
	if o.Method == NMF {
		return baselines.NaiveMeanField(s, baselines.NMFConfig{Ridge: o.Lambda})
	}
	return baselines.PseudoLikelihood(s, baselines.PLMConfig{Lambda: o.Lambda,
		NoPenalty: o.NoPenalty, Workers: o.Workers})
}

// inferError names the file and marks data problems (constant columns, a
// singular correlation matrix) as input errors; a site plm could not
// converge stays a failure while running.
func inferError(method, data string, err error) error {
	var cc *baselines.ConstantColumnsError
	var se *baselines.SingularError
	if errors.As(err, &cc) || errors.As(err, &se) {
		return fmt.Errorf("baseline: %s on %s: %w (%w)", method, data, err, pipeline.ErrInput)
	}
	return fmt.Errorf("baseline: %s on %s: %w", method, data, err)
}

func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

// toCouplings lays p out as a couplings directory, every pair listed, and
// records how it was made.
func toCouplings(d *formats.Dataset, p *baselines.Pairwise, o Options,
	res *Result) *formats.Couplings {
	terms := p.Terms()
	pairs := make([]formats.Term, len(terms))
	for i, t := range terms {
		pairs[i] = formats.Term{Sites: t.Sites, Value: t.Value}
	}
	ftoa := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	meta := map[string]string{
		"spinfer.method":      o.Method,
		"spinfer.max_order":   "2",
		"spinfer.source_data": o.Data,
		"spinfer.data_rows":   strconv.Itoa(d.Rows),
		"spinfer.data_basis":  string(d.Basis),
	}
	if hash, _, err := pipeline.HashPath(o.Data); err == nil {
		meta["spinfer.source_data_sha256"] = hash
	}
	if o.Method == NMF {
		meta["spinfer.regularisation"] = "ridge"
		meta["spinfer.ridge"] = ftoa(o.Lambda)
	} else {
		meta["spinfer.regularisation"] = "l2"
		meta["spinfer.lambda"] = ftoa(p.Lambda)
		meta["spinfer.log_pseudo_likelihood"] = ftoa(res.LogPL)
		meta["spinfer.log_pseudo_likelihood_per_site"] = ftoa(res.LogPL / float64(p.N))
	}
	return &formats.Couplings{Names: d.Names, Fields: p.Fields,
		Orders: map[int][]formats.Term{2: pairs}, Meta: meta}
}
