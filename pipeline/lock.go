package pipeline

import (
	"errors"
	"fmt"
	"os"
)

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
