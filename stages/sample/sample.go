package sample

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/internal/modelparams"
	"github.com/spinfer/spinfer/stages/internal/sysmem"
	"github.com/spinfer/spinfer/stages/mixing"
)

// Chain starts.
const (
	InitRandom = "random"
	InitData   = "data"
)

// Options configures the sampling stage. The zero value of every field but
// RunDir (or Model and Output) means the default.
type Options struct {
	// RunDir is the run directory.
	RunDir string
	// Model is the model directory; default RUN/model, or the checkpoint
	// when Checkpoint is set.
	Model string
	// Checkpoint, when > 0, samples the snapshot RUN/checkpoints/<u>.
	Checkpoint int
	// Output is the samples file; default RUN/samples.parquet.
	Output string
	// Init is "random" (uniform random starts, the default) or "data".
	Init string
	// Data is the dataset chains start from with Init "data"; default the
	// run's dataset.parquet.
	Data string
	// K is the number of Gibbs steps before the first sample; default
	// the training k for rdm models, 1000 otherwise.
	K int
	// Samples is the number of configurations; default the number of
	// rows of the run's dataset, else 10000.
	Samples int
	// Chains is the number of chains; default min(Samples, 1000), and
	// Samples for an rdm model sampled with its own k (every sample is
	// then taken after exactly k steps from its own random start).
	Chains int
	// Thin is the number of steps between two samples of a chain;
	// default 10.
	Thin int
	// PT samples with parallel tempering (automatic ladder).
	PT bool
	// Seed seeds the chains.
	Seed uint64
	// Force replaces an existing output.
	Force bool
}

// Result describes the samples written.
type Result struct {
	Output  string
	Rows    int
	K       int
	Chains  int
	Thin    int
	Init    string
	Sampler string
	Notes   []string
	Seconds float64
}

// Validate reports every invalid field at once.
func (o Options) Validate() error {
	var errs []error
	if o.RunDir == "" && (o.Model == "" || o.Output == "") {
		errs = append(errs, pipeline.Inputf("sample: give a run directory, or a model and an output"))
	}
	if o.Init != "" && o.Init != InitRandom && o.Init != InitData {
		errs = append(errs, pipeline.Inputf("sample: init %q: want random or data", o.Init))
	}
	if o.K < 0 || o.Samples < 0 || o.Chains < 0 || o.Thin < 0 || o.Checkpoint < 0 {
		errs = append(errs, pipeline.Inputf("sample: k, samples, chains, thin and checkpoint must be ≥ 0"))
	}
	if o.Checkpoint > 0 && o.Model != "" {
		errs = append(errs, pipeline.Inputf("sample: give a model or a checkpoint, not both"))
	}
	return errors.Join(errs...)
}

// Run draws the samples and writes them.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	run := pipeline.RunDir(o.RunDir)
	if o.Model == "" {
		o.Model = run.Model()
		if o.Checkpoint > 0 {
			o.Model = run.Checkpoint(o.Checkpoint)
		}
	}
	if o.Output == "" {
		o.Output = run.Samples()
	}
	if _, err := os.Stat(o.Output); err == nil && !o.Force {
		return nil, pipeline.Inputf("sample: %s exists (use --force to replace it)", o.Output)
	}
	m, err := formats.ReadModel(o.Model)
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	p := modelparams.Float32(m)
	cfg, res, err := configure(o, m, run)
	if err != nil {
		return nil, err
	}
	for _, n := range res.Notes {
		log.Info("sample: " + n)
	}
	start := time.Now()
	var sr *rbm.SampleResult
	if o.PT {
		sr, err = rbm.SamplePTContext(ctx, p, cfg)
	} else {
		sr, err = rbm.SampleContext(ctx, p, cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	res.Seconds = time.Since(start).Seconds()
	res.Rows, res.Output = sr.Rows, o.Output
	d := toDataset(m, sr, res, o)
	if err := formats.WriteSamples(o.Output, d, o.Force); err != nil {
		return nil, err
	}
	return res, nil
}

// configure fills the defaults that depend on the model's training.
func configure(o Options, m *formats.Model, run pipeline.RunDir) (rbm.SampleConfig, *Result, error) {
	res := &Result{Init: o.Init, Sampler: "gibbs"}
	if o.PT {
		res.Sampler = "pt"
	}
	protocol := modelparams.Protocol(m)
	trainK := modelparams.TrainingInt(m, "k")
	cfg := rbm.SampleConfig{K: o.K, Thin: o.Thin, Seed: o.Seed}
	if cfg.K == 0 {
		cfg.K = 1000
		if protocol != "rdm" && o.RunDir != "" {
			k, note := mixingK(run, o.Model)
			cfg.K = max(cfg.K, k)
			if note != "" {
				res.Notes = append(res.Notes, note)
			}
		}
		if protocol == "rdm" && trainK > 0 {
			cfg.K = trainK
			res.Notes = append(res.Notes, fmt.Sprintf("rdm model: sampling with its own k = %d "+
				"from random starts (set --k for equilibrium samples)", trainK))
		}
	}
	if res.Init == "" {
		res.Init = InitRandom
	}
	cfg.Samples = o.Samples
	if cfg.Samples == 0 {
		cfg.Samples = 10000
		if d, err := formats.ReadDataset(run.Dataset()); err == nil {
			cfg.Samples = d.Rows
		}
	}
	cfg.Chains = o.Chains
	if cfg.Chains == 0 {
		cfg.Chains = min(cfg.Samples, 1000)
		if protocol == "rdm" && o.K == 0 {
			// Every sample after exactly k steps from its own random start.
			cfg.Chains = cfg.Samples
		}
	}
	if res.Init == InitData {
		path := o.Data
		if path == "" {
			path = run.Dataset()
		}
		d, err := formats.ReadDataset(path)
		if err != nil {
			return cfg, nil, fmt.Errorf("sample: --init data: %w", err)
		}
		if d.N() != m.NVisible() {
			return cfg, nil, pipeline.Inputf("sample: %s has %d variables, the model %d",
				path, d.N(), m.NVisible())
		}
		cfg.Start = d.Values
	}
	if err := cfg.Validate(m.NVisible(), modelparams.Float32(m).Visible); err != nil {
		return cfg, nil, pipeline.Inputf("sample: %v", err)
	}
	if err := checkMemory(cfg, m); err != nil {
		return cfg, nil, err
	}
	res.K, res.Chains, res.Thin = cfg.K, cfg.Chains, max(cfg.Thin, 0)
	if res.Thin == 0 {
		res.Thin = rbm.DefaultThin
	}
	return cfg, res, nil
}

// memTotal is the machine's memory in bytes (0 when unknown); tests set it.
var memTotal = sysmem.Total

// checkMemory refuses sample counts whose samples (one byte per value,
// held twice while written) or chain states (float32 visible and hidden
// values and probabilities) need more memory than the machine has, with an
// input error naming the flag, instead of the Go runtime's fatal crash.
func checkMemory(cfg rbm.SampleConfig, m *formats.Model) error {
	total := memTotal()
	if total <= 0 {
		return nil
	}
	n := float64(m.NVisible())
	samples := 2 * float64(cfg.Samples) * n
	chains := 2 * 4 * float64(cfg.Chains) * (n + float64(m.NHidden()))
	switch {
	case samples > total:
		return pipeline.Inputf("sample: --samples %d: %d × %d values need about %.3g GB, more "+
			"than this machine's %.3g GB of memory", cfg.Samples, cfg.Samples, m.NVisible(),
			samples/1e9, total/1e9)
	case chains > total:
		return pipeline.Inputf("sample: --sample-chains %d: the chain states need about %.3g GB, "+
			"more than this machine's %.3g GB of memory", cfg.Chains, chains/1e9, total/1e9)
	}
	return nil
}

// toDataset lays the samples out with the dataset schema and records how
// they were drawn.
func toDataset(m *formats.Model, sr *rbm.SampleResult, res *Result, o Options) *formats.Dataset {
	basis := formats.Binary
	if m.Visible == formats.UnitIsing {
		basis = formats.Ising
	}
	meta := map[string]string{
		"spinfer.sampler":       res.Sampler,
		"spinfer.sample_k":      strconv.Itoa(res.K),
		"spinfer.sample_chains": strconv.Itoa(res.Chains),
		"spinfer.sample_thin":   strconv.Itoa(res.Thin),
		"spinfer.sample_init":   res.Init,
		"spinfer.seed":          strconv.FormatUint(o.Seed, 10),
		"spinfer.model":         o.Model,
	}
	if sum, _, err := pipeline.HashPath(o.Model); err == nil {
		meta["spinfer.model_sha256"] = sum
	}
	if p, ok := m.Training["protocol"].(string); ok {
		meta["spinfer.model_protocol"] = p
	}
	if len(sr.Betas) > 0 {
		meta["spinfer.pt_betas"] = fmt.Sprint(sr.Betas)
		meta["spinfer.pt_swap_rates"] = fmt.Sprint(sr.SwapRates)
	}
	return &formats.Dataset{Names: m.VisibleNames, Basis: basis, Rows: sr.Rows,
		Values: sr.Samples, Meta: meta}
}

// mixingK reads the run's mixing.json and, when the mixing stage measured
// the very model being sampled (same content hash in the manifest), returns
// twice its mixing time as the default number of Gibbs steps, with a note.
// Chains that did not mix give 0 and a warning note.
func mixingK(run pipeline.RunDir, model string) (int, string) {
	b, err := os.ReadFile(run.Path(mixing.JSONFile))
	if err != nil {
		return 0, ""
	}
	var rep mixing.Report
	if json.Unmarshal(b, &rep) != nil || !measured(run, model) {
		return 0, ""
	}
	if rep.MixingTime == nil {
		return 0, fmt.Sprintf("mixing.json: chains did not mix within %d Gibbs steps, so "+
			"samples after k = 1000 may not be at equilibrium (try --pt or a larger --k)",
			rep.MaxTime)
	}
	k := 2 * *rep.MixingTime
	if k <= 1000 {
		return 0, ""
	}
	return k, fmt.Sprintf("mixing.json: mixing time %d Gibbs steps, sampling with "+
		"k = %d (set --k to override)", *rep.MixingTime, k)
}

// measured reports whether the manifest's mixing record read model with
// its current content.
func measured(run pipeline.RunDir, model string) bool {
	man, err := run.ReadManifest()
	if err != nil || man.Stages["mixing"] == nil {
		return false
	}
	cur, err := run.Ref(model)
	if err != nil {
		return false
	}
	for _, in := range man.Stages["mixing"].Inputs {
		if in.Path == cur.Path && in.SHA256 == cur.SHA256 {
			return true
		}
	}
	return false
}
