package generate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"time"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/ising"
	"github.com/spinfer/spinfer/pipeline"
)

// Result describes what Run wrote.
type Result struct {
	Dataset, Truth string
	// Model is the model name, or "hamiltonian".
	Model string
	N     int
	Rows  int
	Beta  float64
	// Sampler is the algorithm used (auto resolved).
	Sampler string
	// Stats are the sampler's measured decorrelation (zero for exact).
	Stats   *ising.Result
	Terms   map[int]int // non-zero true terms per order (1: fields)
	Seconds float64
}

// model is a Hamiltonian to sample with its variable names and origin.
type model struct {
	h     *ising.Hamiltonian
	names []string
	name  string // model name or "hamiltonian"
	beta  float64
	spec  *ising.Spec // nil for a Hamiltonian directory
}

// Run builds or reads the Hamiltonian, samples it and writes
// dataset.parquet and truth/ into the run directory. ctx is checked
// before the sampling and before the writes.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	run := pipeline.RunDir(o.RunDir)
	if err := refuseExisting(o.Force, run.Dataset(), run.Truth()); err != nil {
		return nil, err
	}
	m, err := loadModel(o)
	if err != nil {
		return nil, err
	}
	method := chooseSampler(o.Sampler, m.h)
	cfg := ising.Config{Method: method, Samples: o.Samples, Chains: o.Chains,
		Workers: o.Workers, Progress: o.Progress}
	if cfg.Samples == 0 {
		cfg.Samples = DefaultSamples
	}
	if cfg.Chains == 0 {
		cfg.Chains = DefaultChains
	}
	log.Info("generate: sampling", "model", m.name, "N", m.h.N, "beta", m.beta,
		"sampler", string(method), "samples", cfg.Samples, "chains", cfg.Chains)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	sr, err := ising.Sample(m.h, cfg, sampleSeed(o.Seed))
	if err != nil {
		return nil, samplingError(method, err)
	}
	res := &Result{Dataset: run.Dataset(), Truth: run.Truth(), Model: m.name, N: m.h.N,
		Rows: sr.Rows, Beta: m.beta, Sampler: string(method), Stats: sr,
		Seconds: time.Since(start).Seconds()}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, write(o, m, sr, res)
}

// write writes the dataset and the truth, and counts the true terms.
func write(o Options, m *model, sr *ising.Result, res *Result) error {
	d := &formats.Dataset{Names: m.names, Basis: formats.Ising, Rows: sr.Rows,
		Values: sr.Spins, Meta: datasetMeta(o, m, sr)}
	if err := formats.WriteDataset(res.Dataset, d, o.Force); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	tr := truth(m, modelMeta(o, m))
	if err := formats.WriteCouplings(res.Truth, tr, o.Force); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	res.Terms = map[int]int{1: 0}
	for _, h := range tr.Fields {
		if h != 0 {
			res.Terms[1]++
		}
	}
	for k, ts := range tr.Orders {
		res.Terms[k] = 0
		for _, t := range ts {
			if t.Value != 0 {
				res.Terms[k]++
			}
		}
	}
	return nil
}

func refuseExisting(force bool, paths ...string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil && !force {
			return pipeline.Inputf("generate: %s exists (use --force to replace it)", p)
		}
	}
	return nil
}

// Streams derived from the master seed: the model draw uses a PCG seeded
// with (seed, modelStream); the chains use ising.Sample's streams from
// sampleSeed(seed), so the two never coincide.
const (
	modelStream  = 0x6d6f64656c // "model"
	sampleStream = 0x73616d706c // "sampl"
)

func modelRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, modelStream))
}

func sampleSeed(seed uint64) uint64 {
	return rand.New(rand.NewPCG(seed, sampleStream)).Uint64()
}

// loadModel builds the named model or reads the Hamiltonian directory.
func loadModel(o Options) (*model, error) {
	if o.Hamiltonian != "" {
		return readHamiltonian(o.Hamiltonian, o.Beta)
	}
	spec := o.Spec()
	if err := spec.Validate(); err != nil {
		return nil, pipeline.Inputf("generate: model %s: %v", o.Model, err)
	}
	h, err := spec.Build(modelRand(o.Seed))
	if err != nil {
		return nil, pipeline.Inputf("generate: model %s: %v", o.Model, err)
	}
	names := make([]string, h.N)
	for i := range names {
		names[i] = "s" + strconv.Itoa(i)
	}
	return &model{h: h, names: names, name: o.Model, beta: spec.Beta, spec: &spec}, nil
}

// readHamiltonian reads a couplings directory and multiplies it by beta
// (0 means 1).
func readHamiltonian(dir string, beta float64) (*model, error) {
	if beta == 0 {
		beta = 1
	}
	c, err := formats.ReadCouplings(dir)
	if err != nil {
		return nil, fmt.Errorf("generate: --hamiltonian: %w (%w)", err, pipeline.ErrInput)
	}
	n := len(c.Names)
	var fields []float64
	if c.Fields != nil {
		fields = make([]float64, n)
		for i, h := range c.Fields {
			fields[i] = beta * h
		}
	}
	var terms []ising.Term
	for k := 2; k <= 4; k++ {
		for _, t := range c.Orders[k] {
			terms = append(terms, ising.Term{Order: k, Sites: t.Sites, Value: beta * t.Value})
		}
	}
	h, err := ising.New(n, fields, terms)
	if err != nil {
		return nil, pipeline.Inputf("generate: --hamiltonian %s: %v", dir, err)
	}
	return &model{h: h, names: c.Names, name: "hamiltonian", beta: beta}, nil
}

// samplingError adds advice to the sampler's failure. A pilot that never
// spanned enough autocorrelation times is a property of the model and
// sampler the user chose, hence an input error.
func samplingError(method ising.Method, err error) error {
	var pe *ising.PilotError
	var se *ising.SizeError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("generate: %s chains too slow (%w); try --sampler pt or wolff, "+
			"a higher temperature or a smaller system (%w)", method, err, pipeline.ErrInput)
	case errors.As(err, &se), errors.Is(err, ising.ErrWolffModel):
		return fmt.Errorf("generate: %w (%w)", err, pipeline.ErrInput)
	}
	return fmt.Errorf("generate: sampling with %s: %w", method, err)
}
