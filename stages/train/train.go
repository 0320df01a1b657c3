package train

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"time"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
)

// trainer is what the stage needs of an rbm.Trainer at either precision.
type trainer interface {
	Step() (rbm.StepInfo, error)
	Done() bool
	Update() int
	TotalUpdates() int
	Params() *rbm.Params[float64]
	Config() rbm.Config
}

// Result summarises a finished training.
type Result struct {
	// Options are the settings used: defaults filled in, or restored
	// from the checkpoint on resume.
	Options     Options
	Updates     int
	Epochs      float64
	Seconds     float64
	Checkpoints []int
	// TrainLL and TestLL are the last logged log-likelihoods per sample
	// (NaN when not computed).
	TrainLL, TestLL float64
	Outputs         []string
}

// Run trains a model in the run directory. On cancellation of ctx it writes
// a checkpoint of the last completed update and returns ctx's error.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	o.defaults()
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s, err := newSession(o, log)
	if err != nil {
		return nil, err
	}
	return s.loop(ctx)
}

// session holds one training run's state between updates.
type session struct {
	o       Options
	log     *slog.Logger
	run     pipeline.RunDir
	data    *formats.Dataset
	test    *formats.Dataset
	dataSHA string
	tr      trainer
	metrics *metricsLog
	logAt   map[int]bool
	llAt    map[int]bool
	ckptAt  map[int]bool
	ckpts   []int
	start   time.Time
	elapsed float64 // seconds of earlier sessions (resume)
}

func newSession(o Options, log *slog.Logger) (*session, error) {
	s := &session{o: o, log: log, run: pipeline.RunDir(o.RunDir), start: time.Now()}
	if err := s.loadData(); err != nil {
		return nil, err
	}
	if err := s.checkOutputs(); err != nil {
		return nil, err
	}
	if err := s.checkMemory(); err != nil && !o.Resume {
		return nil, err
	}
	var err error
	if o.Resume {
		err = s.resume()
	} else {
		s.tr, err = newTrainer(o, s.data)
		s.metrics = newMetricsLog()
	}
	if err != nil {
		return nil, err
	}
	o = s.o // on resume, the settings saved in the checkpoint
	total := s.tr.TotalUpdates()
	s.logAt = toSet(LogSpaced(o.LogPoints, total))
	if o.LogEvery > 0 {
		for u := o.LogEvery; u <= total; u += o.LogEvery {
			s.logAt[u] = true
		}
	}
	s.llAt = map[int]bool{}
	if o.Likelihood != "none" {
		s.llAt = toSet(LogSpaced(o.LikelihoodPoints, total))
	}
	for u := range s.llAt {
		s.logAt[u] = true
	}
	s.ckptAt = map[int]bool{}
	if o.Checkpoints > 0 {
		s.ckptAt = toSet(LogSpaced(o.Checkpoints, total))
	}
	return s, nil
}

func toSet(us []int) map[int]bool {
	m := make(map[int]bool, len(us))
	for _, u := range us {
		m[u] = true
	}
	return m
}

// loadData reads the training and test sets.
func (s *session) loadData() error {
	o := &s.o
	if o.Data == "" {
		o.Data = s.run.Dataset()
		if _, err := os.Stat(s.run.Train()); err == nil {
			o.Data = s.run.Train()
		}
	}
	if o.Test == "" {
		if _, err := os.Stat(s.run.Test()); err == nil {
			o.Test = s.run.Test()
		}
	}
	d, err := formats.ReadDataset(o.Data)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if d.Rows == 0 {
		return pipeline.Inputf("train: %s holds no configurations", o.Data)
	}
	s.data = d
	if s.dataSHA, _, err = pipeline.HashPath(o.Data); err != nil {
		return err
	}
	if o.Test != "" {
		t, err := formats.ReadDataset(o.Test)
		if err != nil {
			return fmt.Errorf("train: test set: %w", err)
		}
		if t.N() != d.N() || t.Basis != d.Basis {
			return pipeline.Inputf("train: test set %s has %d %s variables, training set %d %s",
				o.Test, t.N(), t.Basis, d.N(), d.Basis)
		}
		s.test = t
	}
	return nil
}

// checkOutputs refuses to overwrite an earlier training unless asked.
func (s *session) checkOutputs() error {
	if s.o.Resume {
		return nil
	}
	for _, p := range []string{s.run.Model(), s.run.Path(pipeline.CheckpointsDir), s.run.Metrics()} {
		if _, err := os.Stat(p); err == nil {
			if !s.o.Force {
				return pipeline.Inputf("train: %s exists (use --force to train again, "+
					"--resume to continue)", p)
			}
			if err := os.RemoveAll(p); err != nil {
				return err
			}
		}
	}
	return nil
}

func visibleOf(b formats.Basis) rbm.Visible {
	if b == formats.Ising {
		return rbm.Ising
	}
	return rbm.Binary
}

func newTrainer(o Options, d *formats.Dataset) (trainer, error) {
	v := visibleOf(d.Basis)
	var tr trainer
	var err error
	if o.Precision == "float64" {
		tr, err = rbm.NewTrainer[float64](o.Config, d.Values, d.N(), v)
	} else {
		tr, err = rbm.NewTrainer[float32](o.Config, d.Values, d.N(), v)
	}
	if err != nil {
		return nil, pipeline.Inputf("train: %v", err)
	}
	return tr, nil
}

// loop runs updates until done, cancelled or diverged.
func (s *session) loop(ctx context.Context) (*Result, error) {
	total := s.tr.TotalUpdates()
	cfg := s.tr.Config()
	s.log.Info("training", "protocol", cfg.Protocol, "visible", s.data.N(), "hidden", cfg.Hidden,
		"k", cfg.K, "batch", cfg.Batch, "chains", cfg.Chains, "lr", cfg.LearningRate,
		"updates", total, "precision", s.o.Precision, "rows", s.data.Rows)
	note := ""
	for !s.tr.Done() {
		if ctx.Err() != nil {
			return s.interrupted(ctx.Err())
		}
		info, err := s.tr.Step()
		if err == nil {
			err = runaway(s.tr.Params(), info.Update)
		}
		if err != nil {
			return nil, s.diverged(err)
		}
		u := info.Update
		if s.logAt[u] {
			row := s.measure(info)
			s.metrics.add(row)
			note = row.note()
		}
		if s.ckptAt[u] && u < total {
			if err := s.checkpoint(u); err != nil {
				return nil, err
			}
		}
		if s.o.Progress != nil {
			s.o.Progress(u, total, note)
		}
	}
	return s.finish()
}

func (s *session) seconds() float64 { return s.elapsed + time.Since(s.start).Seconds() }

// MaxParam bounds every parameter's magnitude. RBM parameters are
// couplings and fields in units of kT; far beyond this size the model is
// deterministic and training has run away, well before float overflow
// would produce the NaN or Inf the trainer checks for.
const MaxParam = 1e4

// runaway reports the first parameter whose magnitude exceeds MaxParam as a
// divergence.
func runaway(p *rbm.Params[float64], update int) error {
	check := func(name string, xs []float64, m int) error {
		for k, x := range xs {
			if math.Abs(x) > MaxParam {
				param := fmt.Sprintf("%s[%d]", name, k)
				if m > 0 {
					param = fmt.Sprintf("%s[%d,%d]", name, k/m, k%m)
				}
				return &rbm.DivergenceError{Update: update, Param: param, Value: x}
			}
		}
		return nil
	}
	if err := check("W", p.W, p.M); err != nil {
		return err
	}
	if err := check("b", p.B, 0); err != nil {
		return err
	}
	return check("c", p.C, 0)
}

// diverged reports a NaN/Inf or runaway update; the last checkpoint stays
// as it was.
func (s *session) diverged(err error) error {
	var de *rbm.DivergenceError
	if !errors.As(err, &de) {
		return fmt.Errorf("train: %w", err)
	}
	last := "no checkpoint was written yet"
	if n := len(s.ckpts); n > 0 {
		last = "the last finite checkpoint is " + s.run.Checkpoint(s.ckpts[n-1])
	}
	kept := ""
	if s.writeMetrics() == nil {
		kept = "; the metrics up to it are in " + s.run.Metrics()
	}
	return fmt.Errorf("train: diverged at update %d: %s = %v (|value| > %g or not finite); "+
		"%s%s; train again with --force and a smaller --lr (now %g)", de.Update, de.Param,
		de.Value, MaxParam, last, kept, s.tr.Config().LearningRate)
}

// interrupted writes a checkpoint of the last completed update.
func (s *session) interrupted(cause error) (*Result, error) {
	u := s.tr.Update()
	if u > 0 {
		if err := s.checkpoint(u); err != nil {
			return nil, errors.Join(cause, err)
		}
		s.log.Warn("interrupted: checkpoint written; spinfer train --resume, or running "+
			"the same pipeline file again, continues from it",
			"update", u, "dir", s.run.Checkpoint(u))
	}
	return nil, fmt.Errorf("train: interrupted at update %d: %w", u, cause)
}

// finish writes the final checkpoint, model and metrics.
func (s *session) finish() (*Result, error) {
	u := s.tr.Update()
	if err := s.checkpoint(u); err != nil {
		return nil, err
	}
	m := s.model()
	if err := formats.WriteModel(s.run.Model(), m, true); err != nil {
		return nil, err
	}
	used := s.o
	used.Config = s.tr.Config()
	res := &Result{Options: used, Updates: u, Seconds: s.seconds(), Checkpoints: s.ckpts,
		Outputs: []string{s.run.Model(), s.run.Metrics(), s.run.Path(pipeline.CheckpointsDir)}}
	res.TrainLL, res.TestLL = s.metrics.lastLL()
	if n := len(s.metrics.rows); n > 0 {
		res.Epochs = s.metrics.rows[n-1].Epoch
	}
	return res, nil
}
