package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/train"
)

// inspect describes a checkpoint's trainer state file, and a checkpoint
// directory with its state; a file ending in .gob that is no trainer
// state is an input error naming it.
func TestInspectTrainerState(t *testing.T) {
	dir := t.TempDir()
	if err := fixtures.CopyTo(fixtures.Ising8, dir, false); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := spinfer(t, "train", "--run", dir, "--hidden", "4", "--updates", "30",
		"--checkpoints", "1", "--likelihood", "none", "--seed", "5"); code != 0 {
		t.Fatal(stderr)
	}
	ckpt := pipeline.RunDir(dir).Checkpoint(30)
	state := filepath.Join(ckpt, train.StateFile)
	code, stdout, stderr := spinfer(t, "inspect", state)
	for _, want := range []string{state + ": trainer state", "precision", "float32",
		"× M = 4 hidden", "30 of 30 planned", "seed", "protocol", "pcd"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("inspect %s: exit %d, stdout lacks %q:\n%s%s", state, code, want, stdout,
				stderr)
		}
	}
	code, stdout, stderr = spinfer(t, "inspect", ckpt)
	if code != 0 || !strings.Contains(stdout, "model directory") ||
		!strings.Contains(stdout, state+": trainer state") {
		t.Errorf("inspect %s: exit %d:\n%s%s", ckpt, code, stdout, stderr)
	}

	bad := filepath.Join(t.TempDir(), "state.gob")
	if err := os.WriteFile(bad, []byte("PAR1 not a gob"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = spinfer(t, "inspect", bad)
	if code != exitUsage || !strings.Contains(stderr, bad+": not a trainer state") || stdout != "" {
		t.Errorf("inspect %s: exit %d, stdout %q, stderr %q", bad, code, stdout, stderr)
	}
}
