package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// spinfer report: exit 2 for a directory that is not a run, 0 for a
// partial run (with the missing parts listed), 2 for an existing report
// without --force, 0 with it.
func TestReportCommand(t *testing.T) {
	if code, _, stderr := spinfer(t, "report", "--run", t.TempDir()); code != exitUsage ||
		!strings.Contains(stderr, "not a run directory") {
		t.Errorf("empty directory: exit %d, stderr %q", code, stderr)
	}
	run := t.TempDir()
	d := &formats.Dataset{Names: []string{"a", "b"}, Basis: formats.Ising, Rows: 2,
		Values: []int8{1, -1, -1, 1}}
	if err := formats.WriteDataset(filepath.Join(run, "dataset.parquet"), d, false); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := spinfer(t, "report", "--run", run)
	if code != exitOK || !strings.Contains(stdout, "missing: model/") {
		t.Fatalf("partial run: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(run, "report.md")); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := spinfer(t, "report", "--run", run); code != exitUsage {
		t.Errorf("existing report without --force: exit %d", code)
	}
	if code, _, stderr := spinfer(t, "report", "--run", run, "--force"); code != exitOK {
		t.Errorf("--force: exit %d, %s", code, stderr)
	}
}
