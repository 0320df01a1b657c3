package couplings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/hamiltonian"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/baseline"
	"github.com/spinfer/spinfer/stages/mixing"
)

// Methods.
const (
	Gaussian = "gaussian"
	Exact    = "exact"
	// NMF and PLM infer pairwise couplings from data rather than from a
	// model (package stages/baseline).
	NMF = baseline.NMF
	PLM = baseline.PLM
)

// fromData reports whether method reads a dataset instead of a model.
func fromData(method string) bool { return method == NMF || method == PLM }

// Options configures the couplings stage. The zero value of every field
// but RunDir, or Model and Output, means the default.
type Options struct {
	// RunDir reads model/ and writes couplings/ when Model and Output
	// are not given.
	RunDir string
	// Model is the model directory; default RunDir/model.
	Model string
	// Output is the couplings directory; default RunDir/couplings.
	Output string
	// Order is the highest order, 1..4; default 2.
	Order int
	// Method is "gaussian" (default) or "exact" (N ≤ 24) on a model, or
	// "nmf" or "plm" on a dataset (pairs only).
	Method string
	// Data is the dataset nmf and plm read; default RunDir/dataset.parquet.
	Data string
	// Lambda ≥ 0 regularises nmf and plm: plm's L2 strength (0 means
	// 1/rows), nmf's ridge on the correlation matrix (0 means none).
	Lambda float64
	// NoPenalty runs plm unregularised (Lambda must be 0).
	NoPenalty bool
	// Nodes is the number of Gauss–Hermite nodes; default 32.
	Nodes int
	// Top is K for screened orders; default 1000.
	Top int
	// MaxAll is the largest number of k-sets evaluated exhaustively for
	// k = 3, 4; default 1 000 000.
	MaxAll int
	// Workers is the number of goroutines; 0 means all cores.
	Workers int
	// Force replaces an existing output.
	Force bool
	// Progress, when set, reports sets done of the total.
	Progress func(done, total int) `json:"-"`
}

// Validate reports every invalid field at once.
func (o Options) Validate() error {
	var errs []error
	if fromData(o.Method) {
		return o.validateData()
	}
	if o.RunDir == "" && (o.Model == "" || o.Output == "") {
		errs = append(errs, pipeline.Inputf("couplings: give a run directory, or a model and an output"))
	}
	if o.Data != "" || o.Lambda != 0 || o.NoPenalty {
		errs = append(errs, pipeline.Inputf("couplings: data, lambda and no-penalty apply to "+
			"nmf and plm only"))
	}
	if o.Order < 0 || o.Order > 4 {
		errs = append(errs, pipeline.Inputf("couplings: order %d: want 1..4", o.Order))
	}
	switch o.Method {
	case "", Gaussian, Exact:
	default:
		errs = append(errs, pipeline.Inputf("couplings: method %q: want gaussian, exact, "+
			"nmf or plm", o.Method))
	}
	if o.Nodes < 0 || o.Top < 0 || o.Workers < 0 {
		errs = append(errs, pipeline.Inputf("couplings: nodes, top and workers must be ≥ 0"))
	}
	return errors.Join(errs...)
}

// validateData checks the options of nmf and plm, which read a dataset
// and compute fields and pairs only.
func (o Options) validateData() error {
	var errs []error
	if o.RunDir == "" && (o.Data == "" || o.Output == "") {
		errs = append(errs, pipeline.Inputf("couplings: %s: give a run directory, or a "+
			"dataset and an output", o.Method))
	}
	if o.Model != "" {
		errs = append(errs, pipeline.Inputf("couplings: %s infers couplings from data, not "+
			"from a model: give --data (default RUN/dataset.parquet)", o.Method))
	}
	if o.Order > 2 {
		errs = append(errs, pipeline.Inputf("couplings: %s is pairwise: order %d > 2",
			o.Method, o.Order))
	}
	if o.Nodes != 0 || o.Top != 0 || o.MaxAll != 0 {
		errs = append(errs, pipeline.Inputf("couplings: nodes, top and max-all apply to "+
			"gaussian only"))
	}
	return errors.Join(errs...)
}

// runBaseline runs nmf or plm through package stages/baseline.
func runBaseline(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	run := pipeline.RunDir(o.RunDir)
	if o.Data == "" {
		o.Data = run.Dataset()
	}
	if o.Output == "" {
		o.Output = run.Couplings()
	}
	r, err := baseline.Run(ctx, baseline.Options{Data: o.Data, Output: o.Output,
		Method: o.Method, Lambda: o.Lambda, NoPenalty: o.NoPenalty, Workers: o.Workers,
		Force: o.Force}, log)
	if err != nil {
		return nil, err
	}
	return &Result{Output: r.Output, Method: r.Method, Counts: map[int]int{1: r.N, 2: r.Pairs},
		Seconds: r.Seconds}, nil
}

func (o *Options) defaults() {
	run := pipeline.RunDir(o.RunDir)
	if o.Model == "" {
		o.Model = run.Model()
	}
	if o.Output == "" {
		o.Output = run.Couplings()
	}
	if o.Order == 0 {
		o.Order = 2
	}
	if o.Method == "" {
		o.Method = Gaussian
	}
}

// Result summarises the couplings written.
type Result struct {
	Output   string
	Method   string
	Counts   map[int]int // terms per order (1: fields)
	TopK     map[int]int // orders reduced to their top K
	Doubtful []int       // hidden units where the Gaussian approximation is doubtful
	Warnings []string
	Seconds  float64
}

// Run computes and writes the couplings of a model.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if fromData(o.Method) {
		return runBaseline(ctx, o, log)
	}
	o.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, err := os.Stat(o.Output); err == nil && !o.Force {
		return nil, pipeline.Inputf("couplings: %s exists (use --force to replace it)", o.Output)
	}
	m, err := formats.ReadModel(o.Model)
	if err != nil {
		return nil, fmt.Errorf("couplings: %w", err)
	}
	res := &Result{Output: o.Output, Method: o.Method}
	res.Warnings = equilibriumWarnings(m, o.RunDir)
	for _, w := range res.Warnings {
		log.Warn(w)
	}
	start := time.Now()
	r := toRBM(m)
	h, err := compute(ctx, r, o, log)
	if err != nil {
		return nil, err
	}
	res.Seconds = time.Since(start).Seconds()
	res.TopK, res.Doubtful = h.TopK, h.Doubtful
	if len(h.Doubtful) > 0 && o.Method == Gaussian {
		log.Warn("Gaussian approximation doubtful: one weight dominates these hidden units",
			"units", len(h.Doubtful), "of", r.M, "list", h.Doubtful)
	}
	c := toCouplings(m, h, o, res)
	if err := formats.WriteCouplings(o.Output, c, o.Force); err != nil {
		return nil, err
	}
	res.Counts = map[int]int{1: len(h.Fields)}
	for k, ts := range h.Orders {
		res.Counts[k] = len(ts)
	}
	return res, nil
}

func toRBM(m *formats.Model) hamiltonian.RBM {
	return hamiltonian.RBM{N: m.NVisible(), M: m.NHidden(), W: m.W, B: m.B, C: m.C,
		IsingVisible: m.Visible == formats.UnitIsing}
}

// compute runs the chosen method after logging its predicted cost.
func compute(ctx context.Context, r hamiltonian.RBM, o Options,
	log *slog.Logger) (*hamiltonian.Result, error) {
	if o.Method == Exact {
		if r.N > 24 {
			return nil, pipeline.Inputf("couplings: the exact method enumerates 2^N states and is "+
				"limited to N ≤ 24 visible units; this model has N = %d (use --method gaussian)", r.N)
		}
		if cost, err := hamiltonian.ExactCost(r, o.Order, o.Workers); err == nil {
			logCost(log, cost)
		}
		return hamiltonian.Exact(r, o.Order, o.Workers)
	}
	opts := hamiltonian.GaussianOptions{MaxOrder: o.Order, Nodes: o.Nodes, Top: o.Top,
		MaxAll: o.MaxAll, Workers: o.Workers, Progress: o.Progress}
	if err := opts.Validate(); err != nil {
		return nil, pipeline.Inputf("couplings: %v", err)
	}
	if cost, err := hamiltonian.Estimate(r, opts); err == nil {
		logCost(log, cost)
	}
	return hamiltonian.Gaussian(r, opts)
}

func logCost(log *slog.Logger, c hamiltonian.Cost) {
	var sets []string
	for k := 1; k <= 4; k++ {
		if n, ok := c.Sets[k]; ok {
			sets = append(sets, fmt.Sprintf("order %d: %d", k, n))
		}
	}
	log.Info("couplings: estimated cost", "sets", strings.Join(sets, ", "),
		"memory_MiB", fmt.Sprintf("%.1f", float64(c.Bytes)/(1<<20)),
		"time", c.Duration.Round(10*time.Millisecond).String())
}

// toCouplings converts the result and records how it was made.
func toCouplings(m *formats.Model, h *hamiltonian.Result, o Options, res *Result) *formats.Couplings {
	c := &formats.Couplings{Names: m.VisibleNames, Fields: h.Fields,
		Orders: map[int][]formats.Term{}, Meta: map[string]string{}}
	for k, ts := range h.Orders {
		out := make([]formats.Term, len(ts))
		for i, t := range ts {
			out[i] = formats.Term{Sites: t.Sites, Value: t.Value}
		}
		c.Orders[k] = out
	}
	if sum, _, err := pipeline.HashPath(o.Model); err == nil {
		c.Meta["spinfer.source_model_sha256"] = sum
	}
	c.Meta["spinfer.method"] = o.Method
	c.Meta["spinfer.source_model"] = o.Model
	c.Meta["spinfer.max_order"] = strconv.Itoa(o.Order)
	if o.Method == Gaussian {
		c.Meta["spinfer.gaussian_nodes"] = strconv.Itoa(max(o.Nodes, 0))
		for k, K := range h.TopK {
			c.Meta[fmt.Sprintf("spinfer.top_k_order_%d", k)] = strconv.Itoa(K)
		}
	}
	c.Meta["spinfer.doubtful_hidden_units"] = fmt.Sprint(len(h.Doubtful))
	if len(h.Doubtful) > 0 {
		c.Meta["spinfer.doubtful_hidden_list"] = strings.Trim(fmt.Sprint(h.Doubtful), "[]")
	}
	var maxDom float64
	for _, d := range h.Dominance {
		maxDom = max(maxDom, d)
	}
	c.Meta["spinfer.max_dominance"] = strconv.FormatFloat(maxDom, 'g', 6, 64)
	if len(res.Warnings) > 0 {
		c.Meta["spinfer.warnings"] = strings.Join(res.Warnings, "; ")
	}
	return c
}

// MixingFile is the mixing diagnostic written by the sample stage.
const MixingFile = mixing.JSONFile

// equilibriumWarnings says why the model's couplings may not describe the
// data: rdm training, or a mixing diagnostic that flagged the model.
func equilibriumWarnings(m *formats.Model, runDir string) []string {
	var ws []string
	if p, _ := m.Training["protocol"].(string); p == "rdm" {
		ws = append(ws, "model trained with the non-persistent rdm protocol: its equilibrium "+
			"distribution need not match the data, so these couplings are not trustworthy")
	}
	if runDir == "" {
		return ws
	}
	b, err := os.ReadFile(pipeline.RunDir(runDir).Path(MixingFile))
	if err != nil {
		return ws
	}
	var mix struct {
		OutOfEquilibrium bool `json:"out_of_equilibrium"`
		MixingTime       *int `json:"mixing_time"`
		MaxTime          int  `json:"max_time"`
		TrainingK        int  `json:"training_k"`
	}
	if json.Unmarshal(b, &mix) == nil && mix.OutOfEquilibrium {
		t := fmt.Sprintf("> %d", mix.MaxTime)
		if mix.MixingTime != nil {
			t = fmt.Sprint(*mix.MixingTime)
		}
		ws = append(ws, fmt.Sprintf("the mixing diagnostic flagged this model: mixing "+
			"time %s Gibbs steps against k = %d in training", t, mix.TrainingK))
	}
	return ws
}
