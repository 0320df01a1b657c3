package train

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// StateFile is the trainer state inside a checkpoint directory.
const StateFile = "state.gob"

// model returns the current parameters as a formats.Model with the
// training record.
func (s *session) model() *formats.Model {
	p := s.tr.Params()
	cfg := s.tr.Config()
	visible := formats.UnitBernoulli
	if s.data.Basis == formats.Ising {
		visible = formats.UnitIsing
	}
	training := map[string]any{
		"protocol":       string(cfg.Protocol),
		"k":              cfg.K,
		"chains":         cfg.Chains,
		"batch":          cfg.Batch,
		"learning_rate":  cfg.LearningRate,
		"schedule":       cfg.Schedule,
		"minibatch":      string(cfg.Minibatch),
		"centered":       !cfg.NoCentering,
		"l1":             cfg.L1,
		"l2":             cfg.L2,
		"updates":        s.tr.Update(),
		"planned":        s.tr.TotalUpdates(),
		"seed":           cfg.Seed,
		"precision":      s.o.Precision,
		"dataset":        filepath.Base(s.o.Data),
		"dataset_sha256": s.dataSHA,
		"init_std":       cfg.InitStd,
	}
	if n := len(s.metrics.rows); n > 0 {
		training["epochs"] = s.metrics.rows[n-1].Epoch
	}
	switch cfg.Protocol {
	case "jarzynski":
		training["jarzynski"] = cfg.Jarzynski
	case "pt":
		training["pt"] = cfg.PT
	}
	return &formats.Model{VisibleNames: s.data.Names, Visible: visible,
		Hidden: formats.UnitBernoulli, W: p.W, B: p.B, C: p.C, Training: training}
}

// checkpoint writes checkpoints/<u>/ (model files and trainer state) and
// metrics.parquet, each atomically.
func (s *session) checkpoint(u int) error {
	m := s.model()
	state, err := s.encodeState()
	if err != nil {
		return fmt.Errorf("train: checkpoint %d: %w", u, err)
	}
	err = atomicfile.WriteDir(s.run.Checkpoint(u), true, func(dir string) error {
		if err := formats.WriteModelFiles(dir, m); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, StateFile), state, 0o644)
	})
	if err != nil {
		return fmt.Errorf("train: checkpoint %d: %w", u, err)
	}
	if len(s.ckpts) == 0 || s.ckpts[len(s.ckpts)-1] != u {
		s.ckpts = append(s.ckpts, u)
	}
	return s.writeMetrics()
}

func (s *session) writeMetrics() error {
	cfg := s.tr.Config()
	meta := map[string]string{
		"spinfer.protocol": string(cfg.Protocol),
		"spinfer.seed":     fmt.Sprint(cfg.Seed),
		"spinfer.dataset":  s.dataSHA,
		"spinfer.note": "float columns are NaN where not computed; pll_total is summed over " +
			"sites, pll_per_site divides it by N; log-likelihoods are per sample",
	}
	return formats.WriteTable(s.run.Metrics(), formats.ArtifactMetrics, s.metrics.columns(), meta, true)
}

// Checkpoints lists the update counts of the run directory's checkpoints
// that hold a trainer state, in increasing order.
func Checkpoints(run pipeline.RunDir) ([]int, error) {
	ents, err := os.ReadDir(run.Path(pipeline.CheckpointsDir))
	if err != nil {
		return nil, err
	}
	var us []int
	for _, e := range ents {
		u, err := pipeline.ParseCheckpoint(e.Name())
		if err != nil || !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(run.Checkpoint(u), StateFile)); err == nil {
			us = append(us, u)
		}
	}
	sort.Ints(us)
	return us, nil
}

// resume restores the trainer and metrics from the newest checkpoint.
func (s *session) resume() error {
	us, err := Checkpoints(s.run)
	if err != nil || len(us) == 0 {
		return pipeline.Inputf("train: --resume: no checkpoint with a trainer state in %s", s.run)
	}
	u := us[len(us)-1]
	f, err := os.Open(filepath.Join(s.run.Checkpoint(u), StateFile))
	if err != nil {
		return err
	}
	defer f.Close()
	blob, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	if s.tr, err = s.decodeState(blob); err != nil {
		if s.dataChanged(u) {
			return pipeline.Inputf("train: --resume: %s changed since checkpoint %s was "+
				"written (%v); train again with --force", s.o.Data, s.run.Checkpoint(u), err)
		}
		return fmt.Errorf("train: resuming from %s: %w", s.run.Checkpoint(u), err)
	}
	s.metrics = newMetricsLog()
	if t, err := formats.ReadTable(s.run.Metrics()); err == nil {
		rows, err := rowsFromTable(t)
		if err != nil {
			return fmt.Errorf("train: resuming: %s: %w", s.run.Metrics(), err)
		}
		s.metrics.rows = rows
		s.metrics.truncate(u)
		if n := len(s.metrics.rows); n > 0 && !math.IsNaN(s.metrics.rows[n-1].Seconds) {
			s.elapsed = s.metrics.rows[n-1].Seconds
		}
	}
	s.ckpts = us
	s.log.Info("resuming", "update", u, "checkpoint", s.run.Checkpoint(u))
	return nil
}

// dataChanged reports whether the training data file's hash differs from
// the one recorded in checkpoint u's model.
func (s *session) dataChanged(u int) bool {
	m, err := formats.ReadModel(s.run.Checkpoint(u))
	if err != nil {
		return false
	}
	sum, ok := m.Training["dataset_sha256"].(string)
	return ok && sum != s.dataSHA
}
