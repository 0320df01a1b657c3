// Package mixing is the equilibration diagnostic stage: it runs Gibbs chains
// of a trained model from the data and applies the t versus t/2 overlap
// test (rbm.MixingDiagnostic), then says whether the model was trained out
// of equilibrium. It writes mixing.json (the verdict, read by the couplings
// stage) and mixing.parquet (the overlap curves).
//
// Verdict. A non-persistent protocol (rdm, cd) restarts its chains every
// update, so its model term comes from k-step chains: when k is far below
// the measured mixing time (k·Factor < t_mix) the model was trained out of
// equilibrium and its Boltzmann distribution need not match the data.
// Persistent protocols (pcd, pt, jarzynski) carry their chains across
// updates; for them the flag is raised only when the chains did not mix at
// all within the longest measured time.
//
// References:
//
//	Decelle, Furtlehner, Seoane. Equilibrium and non-equilibrium regimes in
//	the learning of Restricted Boltzmann Machines. NeurIPS 2021.
//	Agoritsas, Catania, Decelle, Seoane. Explaining the effects of
//	non-convergent sampling in the training of Energy-Based Models. ICML 2023.
package mixing

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/internal/modelparams"
)

// Files written into the run directory.
const (
	JSONFile  = "mixing.json"
	CurveFile = "mixing.parquet"
)

// Options configures the stage; zero values mean the defaults.
type Options struct {
	RunDir  string // required
	Model   string // default RUN/model
	Data    string // default RUN/train.parquet or RUN/dataset.parquet
	Chains  int    // default 100
	MaxTime int    // default 4096 Gibbs steps
	Factor  int    // "far below": flag when k·Factor < t_mix; default 10
	Seed    uint64
	Force   bool
}

// Report is the content of mixing.json.
type Report struct {
	Model     string `json:"model"`
	Protocol  string `json:"protocol"`
	TrainingK int    `json:"training_k"`
	Mixed     bool   `json:"mixed"`
	// MixingTime is the measured mixing time in Gibbs steps, or null
	// when the chains did not mix within MaxTime (it is then > MaxTime).
	MixingTime       *int    `json:"mixing_time"`
	MaxTime          int     `json:"max_time"`
	TauEnergy        float64 `json:"tau_energy"`
	TauReliable      bool    `json:"tau_reliable"`
	OutOfEquilibrium bool    `json:"out_of_equilibrium"`
	Reason           string  `json:"reason"`
	Seed             uint64  `json:"seed"`
}

// Run measures mixing and writes the report and curves.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Report, error) {
	if o.RunDir == "" {
		return nil, pipeline.Inputf("mixing: no run directory")
	}
	if o.Chains < 0 || o.MaxTime < 0 || o.Factor < 0 {
		return nil, pipeline.Inputf("mixing: chains, max time and factor must be ≥ 0")
	}
	run := pipeline.RunDir(o.RunDir)
	o = withDefaults(o, run)
	if _, err := os.Stat(run.Path(JSONFile)); err == nil && !o.Force {
		return nil, pipeline.Inputf("mixing: %s exists (use --force)", run.Path(JSONFile))
	}
	m, err := formats.ReadModel(o.Model)
	if err != nil {
		return nil, fmt.Errorf("mixing: %w", err)
	}
	d, err := formats.ReadDataset(o.Data)
	if err != nil {
		return nil, fmt.Errorf("mixing: %w", err)
	}
	p := modelparams.Float32(m)
	if (d.Basis == formats.Ising) != (p.Visible == rbm.Ising) || d.N() != p.N {
		return nil, pipeline.Inputf("mixing: %s (%d %s variables) does not fit the model (%d %s units)",
			o.Data, d.N(), d.Basis, p.N, m.Visible)
	}
	mix, err := rbm.MixingDiagnostic(p, d.Values, rbm.MixingConfig{Chains: o.Chains,
		MaxTime: o.MaxTime, Seed: o.Seed})
	if err != nil {
		return nil, fmt.Errorf("mixing: %w", err)
	}
	rep := verdict(m, mix, o)
	if err := write(run, rep, mix); err != nil {
		return nil, err
	}
	return rep, nil
}

func withDefaults(o Options, run pipeline.RunDir) Options {
	if o.Model == "" {
		o.Model = run.Model()
	}
	if o.Data == "" {
		o.Data = run.Dataset()
		if _, err := os.Stat(run.Train()); err == nil {
			o.Data = run.Train()
		}
	}
	if o.Chains == 0 {
		o.Chains = 100
	}
	if o.MaxTime == 0 {
		o.MaxTime = 4096
	}
	if o.Factor == 0 {
		o.Factor = 10
	}
	return o
}

// verdict applies the rule of the package documentation.
func verdict(m *formats.Model, mix *rbm.Mixing, o Options) *Report {
	protocol, k := modelparams.Protocol(m), modelparams.TrainingInt(m, "k")
	rep := &Report{Model: o.Model, Protocol: protocol, TrainingK: k, Mixed: mix.Mixed,
		MaxTime: o.MaxTime, TauEnergy: mix.TauEnergy, TauReliable: mix.TauReliable, Seed: o.Seed}
	if mix.Mixed {
		t := mix.MixingTime
		rep.MixingTime = &t
	}
	nonPersistent := protocol == "rdm" || protocol == "cd"
	switch {
	case !mix.Mixed:
		rep.OutOfEquilibrium = true
		rep.Reason = fmt.Sprintf("chains from the data did not mix within %d Gibbs steps", o.MaxTime)
	case nonPersistent && k > 0 && k*o.Factor < mix.MixingTime:
		rep.OutOfEquilibrium = true
		rep.Reason = fmt.Sprintf("%s protocol with k = %d, far below the mixing time %d",
			protocol, k, mix.MixingTime)
	default:
		rep.Reason = fmt.Sprintf("mixing time %d Gibbs steps; protocol %s with k = %d",
			mix.MixingTime, protocol, k)
	}
	return rep
}

func write(run pipeline.RunDir, rep *Report, mix *rbm.Mixing) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	n := len(mix.Times)
	t := make([]int64, n)
	for i, x := range mix.Times {
		t[i] = int64(x)
	}
	cols := []formats.Column{
		{Name: "t", Int64: t},
		{Name: "overlap_t_half", Float64: mix.OverlapHalf},
		{Name: "overlap_t_half_err", Float64: mix.OverlapHalfErr},
		{Name: "overlap_independent", Float64: mix.OverlapIndep},
		{Name: "overlap_independent_err", Float64: mix.OverlapIndepErr},
	}
	meta := map[string]string{"spinfer.mixed": strconv.FormatBool(mix.Mixed),
		"spinfer.max_time": strconv.Itoa(rep.MaxTime)}
	if rep.MixingTime != nil {
		meta["spinfer.mixing_time"] = strconv.Itoa(*rep.MixingTime)
	}
	if err := formats.WriteTable(run.Path(CurveFile), "mixing", cols, meta, true); err != nil {
		return err
	}
	return atomicfile.Write(run.Path(JSONFile), true, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
