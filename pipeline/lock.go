package pipeline

import (
	"errors"
	"fmt"
	"os"
	"slices"
)

// artifactNames are the entries a run directory's stages write.
var artifactNames = []string{DatasetFile, TrainFile, TestFile, ModelDir, CheckpointsDir,
	MetricsFile, SamplesFile, CouplingsDir, TruthDir, EvaluationFile, PlotsDir, "mixing.json"}

// checkForeign refuses a directory without manifest.json that already
// holds entries with the names the stages write (files the user put
// there, or artifacts of a layout without manifests): a pipeline run
// would replace them. force lets the run go on.
func (r RunDir) checkForeign(force bool) error {
	if force {
		return nil
	}
	if _, err := os.Stat(r.Manifest()); err == nil {
		return nil
	}
	ents, err := os.ReadDir(string(r))
	if err != nil {
		return nil // missing (made by the run) or unreadable (reported when used)
	}
	var clash []string
	for _, e := range ents {
		if slices.Contains(artifactNames, e.Name()) {
			clash = append(clash, e.Name())
		}
	}
	if len(clash) == 0 {
		return nil
	}
	return Inputf("%s has no %s but holds %v, which the run would replace: choose another "+
		"run directory, or give --force all to replace them", r, ManifestFile, clash)
}

// errLocked is returned when another process holds a run directory.
var errLocked = errors.New("in use by another spinfer run")

// lock takes the run directory for one process: two `spinfer run` on the
// same directory would otherwise interleave their stages and manifest
// writes. The directory is created when missing; unlock releases it and
// removes the directory again when it was created here and stayed empty
// (a run that refused its input leaves nothing behind). Where the file
// system has no locks (some network file systems), the run goes on
// unlocked.
func (r RunDir) lock() (unlock func(), err error) {
	_, statErr := os.Stat(string(r))
	created := errors.Is(statErr, os.ErrNotExist)
	if err := os.MkdirAll(string(r), 0o755); err != nil {
		return nil, fmt.Errorf("pipeline: creating run directory: %w", err)
	}
	release, err := lockFile(string(r))
	if err != nil {
		if created {
			os.Remove(string(r))
		}
		if errors.Is(err, errLocked) {
			return nil, Inputf("run directory %s: %v (wait for it to finish)", r, errLocked)
		}
		release = func() {} // no locks here: run unlocked
	}
	return func() {
		release()
		if created {
			os.Remove(string(r)) // only succeeds when empty
		}
	}, nil
}
