package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"time"
)

// Version is the spinfer version recorded in manifests; the command sets it.
var Version = "0.1.0-dev"

// ErrInput marks errors caused by the user's input or settings rather than
// by a failure while running; the command exits with status 2 for them.
var ErrInput = errors.New("input error")

// Inputf returns an error wrapping ErrInput.
func Inputf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInput, fmt.Sprintf(format, a...))
}

// Stage is one step of a pipeline run: what it reads, how it was
// configured, and the work itself. Run returns the paths it wrote.
type Stage struct {
	Name   string
	Params any
	Seed   *uint64
	Inputs []string
	Run    func(ctx context.Context) (outputs []string, err error)
	// Effective, when set, is called after a successful Run and its
	// result replaces Params in the record: the settings actually used,
	// with defaults filled in (or restored from a checkpoint).
	Effective func() any
	// Key, when set, is the stage's cache key (see [StageKey]), recorded
	// in the manifest so a pipeline run can skip the stage next time.
	// When empty, the key carried by Execute's context (see [WithKey])
	// is used.
	Key string
}

// keyCtx is the context key of a stage's cache key.
type keyCtx struct{}

// WithKey returns a context that makes [RunDir.Execute] record key as the
// stage's cache key. A pipeline run uses it to key stages that the
// commands' own functions execute.
func WithKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, keyCtx{}, key)
}

// Execute runs st inside the run directory and records it in the manifest:
// a "running" record before the work starts, then the outcome with input
// and output hashes. Cancellation of ctx is recorded as "interrupted".
func (r RunDir) Execute(ctx context.Context, st Stage, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	_, statErr := os.Stat(string(r))
	created := statErr != nil
	if err := os.MkdirAll(string(r), 0o755); err != nil {
		return fmt.Errorf("pipeline: creating run directory: %w", err)
	}
	if st.Key == "" {
		st.Key, _ = ctx.Value(keyCtx{}).(string)
	}
	rec := &StageRecord{
		Stage: st.Name, Params: st.Params, Seed: st.Seed,
		Version: Version, Start: time.Now().UTC(), Status: StatusRunning, Key: st.Key,
	}
	for _, in := range st.Inputs {
		if in == "-" {
			rec.Inputs = append(rec.Inputs, FileRef{Path: "-"})
			continue
		}
		ref, err := r.Ref(in)
		if err != nil {
			if created {
				os.RemoveAll(string(r))
			}
			if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				err = fmt.Errorf("%s: %w", pe.Path, pe.Err)
			}
			return fmt.Errorf("%s: cannot read input %w (%w)", st.Name, err, ErrInput)
		}
		rec.Inputs = append(rec.Inputs, ref)
	}
	prev, err := r.ReadManifest()
	if err != nil {
		return err
	}
	_, statErr = os.Stat(r.Manifest())
	hadManifest := statErr == nil
	if err := r.record(rec); err != nil {
		return err
	}
	log.Debug("stage started", "stage", st.Name, "run", string(r))

	outs, runErr := st.Run(ctx)
	if runErr != nil && errors.Is(runErr, ErrInput) {
		// A stage that rejected its input or settings did no work: the
		// run directory stays as it was (and a directory made only for
		// it goes away), so an earlier good record is not overwritten.
		switch {
		case created:
			os.RemoveAll(string(r))
		case !hadManifest:
			// An existing directory that was no run directory does not
			// become one because a stage refused to run in it.
			os.Remove(r.Manifest())
		default:
			if err := r.WriteManifest(prev); err != nil {
				return errors.Join(runErr, err)
			}
		}
		return runErr
	}
	rec.End = time.Now().UTC()
	rec.Seconds = rec.End.Sub(rec.Start).Seconds()
	rec.Status = StatusOK
	if runErr == nil && st.Effective != nil {
		rec.Params = st.Effective()
	}
	switch {
	case runErr != nil && ctx.Err() != nil:
		rec.Status, rec.Error = StatusInterrupted, runErr.Error()
	case runErr != nil:
		rec.Status, rec.Error = StatusFailed, runErr.Error()
	}
	for _, out := range outs {
		ref, err := r.Ref(out)
		if err != nil {
			continue // an output the stage did not finish is not recorded
		}
		rec.Outputs = append(rec.Outputs, ref)
	}
	if err := r.record(rec); err != nil && runErr == nil {
		return err
	}
	log.Debug("stage finished", "stage", st.Name, "status", rec.Status,
		"seconds", rec.Seconds)
	return runErr
}

func (r RunDir) record(rec *StageRecord) error {
	m, err := r.ReadManifest()
	if err != nil {
		return err
	}
	m.Version = Version
	m.Stages[rec.Stage] = rec
	return r.WriteManifest(m)
}
