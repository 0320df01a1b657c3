package evaluate

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
)

// Purposes of the seeds derived from Options.Seed, one PCG stream each.
const (
	purposeSamples = iota + 1
	purposeAIS
	purposePlots
)

// seedFor derives the seed of one purpose from the master seed.
func seedFor(master uint64, purpose uint64) uint64 {
	return rand.New(rand.NewPCG(master, purpose)).Uint64()
}

// session is one evaluation in progress.
type session struct {
	o    Options
	run  pipeline.RunDir
	in   *inputs
	log  *slog.Logger
	res  *Result
	used map[*input]bool

	data, test *formats.Dataset
	couplings  *couplingsPart
	samples    *samplesPart
	training   *trainingPart
	model      *rbm.Params[float64]
	method     string // log-likelihood method, "" for none
	done       int
	total      int
}

// Run evaluates what the run directory holds — couplings against truth,
// samples against data, the model's log-likelihood, the training curves —
// and writes evaluation.json and the figures in plots/. Parts whose inputs
// are absent are left out with a note; an evaluation with nothing to
// evaluate, inputs that do not fit together, or an existing
// evaluation.json without Force are input errors (wrapping
// pipeline.ErrInput). log may be nil.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	s := &session{o: o, run: pipeline.RunDir(o.RunDir), log: log, used: map[*input]bool{},
		res: &Result{Version: pipeline.Version, Seed: o.Seed, Summary: emptySummary(),
			Plots: []Plot{}, Notes: []string{}, Inputs: []Input{}}}
	s.res.Path = s.run.Evaluation()
	if exists(s.res.Path) && !o.Force {
		return nil, pipeline.Inputf("evaluate: %s exists (use --force to replace it)",
			s.res.Path)
	}
	var err error
	if s.in, err = o.resolve(); err != nil {
		return nil, err
	}
	if err := s.plan(); err != nil {
		return nil, err
	}
	for _, step := range s.steps() {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
		s.progress(step.name)
		t0 := time.Now()
		if err := step.run(); err != nil {
			return nil, err
		}
		s.log.Debug("evaluate: part done", "part", step.name,
			"seconds", time.Since(t0).Seconds())
		s.done++
	}
	s.res.Seconds = time.Since(start).Seconds()
	if err := s.write(); err != nil {
		return nil, err
	}
	s.done++
	s.progress("")
	return s.res, nil
}

// step is one part of the evaluation.
type step struct {
	name string
	run  func() error
}

// steps lists the parts planned, in order.
func (s *session) steps() []step {
	var out []step
	if s.in.couplings.path != "" && s.in.truth.path != "" {
		out = append(out, step{"couplings against truth", s.runCouplings})
	}
	sampled := s.in.samples.path != "" && s.in.data.path != ""
	if sampled || s.method != "" {
		out = append(out, step{"reading data", s.readData})
	}
	if sampled {
		out = append(out, step{"samples against data", s.runSamples})
	}
	if s.method != "" {
		out = append(out, step{"log-likelihood (" + s.method + ")", s.runLikelihood})
	}
	if s.in.metrics.path != "" {
		out = append(out, step{"training log", s.runTraining})
	}
	if !s.o.NoPlots {
		out = append(out, step{"plots", s.draw})
	}
	out = append(out, step{"inputs", s.hashInputs})
	s.total = len(out) + 1
	return out
}

func (s *session) progress(next string) {
	if s.o.Progress != nil {
		s.o.Progress(s.done, s.total, next)
	}
}

// note records a caveat or a part left out.
func (s *session) note(format string, a ...any) {
	s.res.Notes = append(s.res.Notes, fmt.Sprintf(format, a...))
}

// rel returns path relative to the run directory when inside it.
func (s *session) rel(path string) string {
	if ref, err := s.run.Ref(path); err == nil {
		return ref.Path
	}
	return path
}

// write encodes the result as evaluation.json, atomically.
func (s *session) write() error {
	b, err := json.MarshalIndent(s.res, "", "  ")
	if err != nil {
		return fmt.Errorf("evaluate: encoding %s: %w", pipeline.EvaluationFile, err)
	}
	err = atomicfile.Write(s.res.Path, s.o.Force, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	return nil
}

// hashInputs records the inputs the evaluation read, with their sha256.
func (s *session) hashInputs() error {
	for _, p := range s.in.list() {
		if !s.used[p] {
			continue
		}
		ref, err := s.run.Ref(p.path)
		if err != nil {
			return fmt.Errorf("evaluate: hashing %s: %w", p.path, err)
		}
		s.res.Inputs = append(s.res.Inputs, Input{Role: p.role, Path: ref.Path,
			SHA256: ref.SHA256, Bytes: ref.Bytes})
	}
	return nil
}

// draw writes the figures into RUN/plots.
func (s *session) draw() error {
	dir := s.run.Plots()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	f := &figures{dir: dir, seed: seedFor(s.o.Seed, purposePlots)}
	for _, err := range []error{f.drawCouplings(s.couplings), f.drawSamples(s.samples),
		f.drawTraining(s.training)} {
		if err != nil {
			return err
		}
	}
	for _, err := range f.failed {
		s.log.Warn("evaluate: a figure could not be drawn", "error", err)
	}
	s.res.Plots = f.out
	return nil
}

// plotPath is where a figure of the result lies on disk.
func (r *Result) plotPath(p Plot) string {
	return filepath.Join(filepath.Dir(r.Path), p.Path)
}
