package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"time"
)

// ForceAll in a runner's Force list re-runs every stage.
const ForceAll = "all"

// Actions a runner reports for a step.
const (
	ActionCached  = "cached"
	ActionRan     = "ran"
	ActionResumed = "resumed"
)

// StageKey returns the cache key of a stage: the hex sha256 of the JSON
// document {"inputs": [sha256 of each input file, in order], "settings":
// settings, "version": version}, with settings re-encoded canonically
// (object keys sorted, no spaces). Paths do not enter the key: moving a
// run directory or its input keeps its keys.
func StageKey(inputs []FileRef, settings any, version string) (string, error) {
	raw, err := json.Marshal(settings)
	if err != nil {
		return "", fmt.Errorf("pipeline: encoding settings: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return "", fmt.Errorf("pipeline: encoding settings: %w", err)
	}
	sums := make([]string, len(inputs))
	for i, in := range inputs {
		sums[i] = in.SHA256
	}
	doc, err := json.Marshal(map[string]any{"inputs": sums, "settings": generic,
		"version": version})
	if err != nil {
		return "", fmt.Errorf("pipeline: encoding key: %w", err)
	}
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:]), nil
}

// Fresh reports whether rec is a successful run of a stage with the given
// key whose recorded outputs all still exist with their recorded hashes.
func (r RunDir) Fresh(rec *StageRecord, key string) bool {
	if rec == nil || rec.Status != StatusOK || rec.Key == "" || rec.Key != key ||
		len(rec.Outputs) == 0 {
		return false
	}
	for _, out := range rec.Outputs {
		p := out.Path
		if !filepath.IsAbs(p) {
			p = r.Path(p)
		}
		if sum, _, err := HashPath(p); err != nil || sum != out.SHA256 {
			return false
		}
	}
	return true
}

// Mode says how a step is to run.
type Mode int

const (
	// ModeReplace runs the stage from scratch, replacing its outputs.
	ModeReplace Mode = iota
	// ModeResume continues an interrupted run of the stage (training
	// from its newest checkpoint).
	ModeResume
)

// Step is one stage of a pipeline run as a [Runner] sees it.
type Step struct {
	Name string
	// Settings are the stage's effective settings, hashed into its key.
	Settings any
	// Inputs lists the files the stage reads; it is called when the
	// step's turn comes, after the steps before it ran.
	Inputs func() ([]string, error)
	// Run does the work. It must record the stage in the run directory's
	// manifest with the key given (see [Stage.Key]).
	Run func(ctx context.Context, key string, mode Mode) error
	// Resumable, when set, reports whether an interrupted run of the
	// stage left what it needs to continue (a checkpoint).
	Resumable func() bool
}

// Outcome says what a runner did with one step.
type Outcome struct {
	Stage, Action string
	// Seconds is the time the step took now (0 when cached).
	Seconds float64
}

// Runner executes the steps of one run directory, skipping the steps
// whose key matches a fresh record of the manifest.
type Runner struct {
	Dir RunDir
	// Force lists stages to run again even when cached; every step after
	// a forced one runs too. ForceAll forces all.
	Force []string
	// Report, when set, is called after each step.
	Report func(Outcome)
}

// Run executes steps in order and returns what it did with each (up to
// the first failure). It holds the run directory for its whole duration:
// a second process running in the same directory fails with [ErrInput].
// An existing directory without manifest.json that holds entries the
// stages would replace is refused unless Force has [ForceAll].
func (rn Runner) Run(ctx context.Context, steps []Step) ([]Outcome, error) {
	if err := rn.Dir.checkForeign(slices.Contains(rn.Force, ForceAll)); err != nil {
		return nil, err
	}
	unlock, err := rn.Dir.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	forcing := slices.Contains(rn.Force, ForceAll)
	var outs []Outcome
	for _, st := range steps {
		forcing = forcing || slices.Contains(rn.Force, st.Name)
		o, err := rn.step(ctx, st, forcing)
		if err != nil {
			return outs, err
		}
		outs = append(outs, o)
		if rn.Report != nil {
			rn.Report(o)
		}
	}
	return outs, nil
}

// step decides whether st is cached, resumed or run, and runs it.
func (rn Runner) step(ctx context.Context, st Step, forced bool) (Outcome, error) {
	var refs []FileRef
	if st.Inputs != nil {
		paths, err := st.Inputs()
		if err != nil {
			return Outcome{}, fmt.Errorf("%s: %w", st.Name, err)
		}
		for _, p := range paths {
			ref, err := rn.Dir.Ref(p)
			if err != nil {
				return Outcome{}, fmt.Errorf("%s: input %w", st.Name, err)
			}
			refs = append(refs, ref)
		}
	}
	key, err := StageKey(refs, st.Settings, Version)
	if err != nil {
		return Outcome{}, err
	}
	m, err := rn.Dir.ReadManifest()
	if err != nil {
		return Outcome{}, err
	}
	rec := m.Stages[st.Name]
	if !forced && rn.Dir.Fresh(rec, key) {
		return Outcome{Stage: st.Name, Action: ActionCached}, nil
	}
	mode, action := ModeReplace, ActionRan
	if !forced && rec != nil && rec.Key == key && st.Resumable != nil &&
		(rec.Status == StatusRunning || rec.Status == StatusInterrupted) && st.Resumable() {
		mode, action = ModeResume, ActionResumed
	}
	start := time.Now()
	if err := st.Run(ctx, key, mode); err != nil {
		return Outcome{}, err
	}
	return Outcome{Stage: st.Name, Action: action, Seconds: time.Since(start).Seconds()}, nil
}
