//go:build unix

package main

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/pipeline"
)

// SIGINT during training stops it with the shell's status 130 (not the
// generic failure 1) after recording the stage as interrupted.
func TestInterruptExitStatus(t *testing.T) {
	run := t.TempDir()
	if err := fixtures.CopyTo(fixtures.Ising8, run, false); err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() {
		code, _, _ := spinfer(t, "train", "--run", run, "--hidden", "8", "--updates", "100000000",
			"--likelihood", "none")
		done <- code
	}()
	// Send the signal only once the command's handler is installed: the
	// manifest says "running" only after the stage has started.
	for deadline := time.Now().Add(60 * time.Second); ; {
		if m, err := pipeline.RunDir(run).ReadManifest(); err == nil && m.Stages["train"] != nil &&
			m.Stages["train"].Status == pipeline.StatusRunning {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("training did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != exitInterrupted {
			t.Fatalf("exit status %d, want %d", code, exitInterrupted)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("training did not stop on SIGINT")
	}
	m, err := pipeline.RunDir(run).ReadManifest()
	if err != nil || m.Stages["train"].Status != pipeline.StatusInterrupted {
		t.Fatalf("manifest %v, %v", m, err)
	}
}
