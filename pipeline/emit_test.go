package pipeline

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/spinfer/spinfer/formats"
)

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/bin/spinfer": "/usr/bin/spinfer",
		"a b":              "'a b'",
		"it's":             `'it'\''s'`,
		"":                 "''",
		"$HOME":            "'$HOME'",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// testEmit has paths with spaces and a quote, which the recipes must keep.
func testEmit(dir string) Emit {
	return Emit{Spinfer: filepath.Join(dir, "my bin", "spinfer"),
		Pipeline: filepath.Join(dir, "it's a", "sweep.yaml"), Run: filepath.Join(dir, "out dir"),
		WorkDir: filepath.Join(dir, "work dir"), Name: "sweep ising", Points: 4}
}

// The Slurm script is run by bash with a fake sbatch that records each
// submission: three jobs, the array after the upstream job, the summary
// after the array, each batch script running the right spinfer command.
func TestEmitSlurmSubmits(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	e := testEmit(dir)
	os.MkdirAll(e.WorkDir, 0o755)
	var b bytes.Buffer
	if err := e.Slurm(&b); err != nil {
		t.Fatal(err)
	}
	script := writeFile(t, dir, "submit.sh", b.String())
	bin := filepath.Join(dir, "fakebin")
	os.Mkdir(bin, 0o755)
	// Fake sbatch: job ids 101, 102, 103; arguments and the batch
	// script go to log files.
	writeFile(t, bin, "sbatch", `#!/usr/bin/env bash
n=$(( $(ls "$LOG" | wc -l) + 101 ))
{ echo "ARGS $*"; cat; } > "$LOG/$n"
echo "$n;cluster"
`)
	os.Chmod(filepath.Join(bin, "sbatch"), 0o755)
	logs := filepath.Join(dir, "logs")
	os.Mkdir(logs, 0o755)
	cmd := exec.Command("bash", script)
	cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "LOG="+logs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !strings.Contains(string(out), "upstream job 101, array job 102 (4 tasks), summary job 103") {
		t.Errorf("output %q", out)
	}
	cmdline := ShellQuote(e.Spinfer) + " run " + ShellQuote(e.Pipeline) + " --run " +
		ShellQuote(e.Run)
	for id, want := range map[string][]string{
		"101": {"ARGS --parsable\n", "#SBATCH --job-name=sweep_ising-upstream",
			"cd -- '" + e.WorkDir + "'", cmdline + " --upstream\n"},
		"102": {"ARGS --parsable --dependency=afterok:101\n", "#SBATCH --array=0-3\n",
			cmdline + ` --point "$SLURM_ARRAY_TASK_ID"` + "\n"},
		"103": {"ARGS --parsable --dependency=afterany:102\n", cmdline + " --summary\n"},
	} {
		got, err := os.ReadFile(filepath.Join(logs, id))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(got), w) {
				t.Errorf("job %s lacks %q:\n%s", id, w, got)
			}
		}
	}
}

// The Taskfile is valid YAML with one task per point depending on the
// upstream task, whose commands keep the quoted paths.
func TestEmitTaskfileStructure(t *testing.T) {
	e := testEmit("/x")
	var b bytes.Buffer
	if err := e.Taskfile(&b); err != nil {
		t.Fatal(err)
	}
	var tf struct {
		Version string
		Tasks   map[string]struct {
			Deps []string
			Dir  string
			Run  string
			Cmds []any
		}
	}
	if err := yaml.Unmarshal(b.Bytes(), &tf); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if tf.Version != "3" || len(tf.Tasks) != e.Points+4 {
		t.Fatalf("version %q, %d tasks", tf.Version, len(tf.Tasks))
	}
	if tf.Tasks["upstream"].Run != "once" || len(tf.Tasks["runs"].Deps) != e.Points {
		t.Errorf("upstream %+v, runs %+v", tf.Tasks["upstream"], tf.Tasks["runs"])
	}
	p3 := tf.Tasks["point-3"]
	want := "'/x/my bin/spinfer' run '/x/it'\\''s a/sweep.yaml' --run '/x/out dir' --point 3"
	if len(p3.Deps) != 1 || p3.Deps[0] != "upstream" || p3.Dir != "/x/work dir" ||
		len(p3.Cmds) != 1 || p3.Cmds[0] != want {
		t.Errorf("point-3 = %+v\nwant cmd %s", p3, want)
	}
}

// The summary table reads back with the figures of each run.
func TestWriteSummary(t *testing.T) {
	dir := t.TempDir()
	f := &File{Path: "s.yaml", Run: dir,
		Sweep: []Axis{{Stage: StageTrain, Key: "k", Values: []string{"1", "2"}}}}
	pts := f.Points()
	good := f.RunDir(pts[0])
	os.MkdirAll(string(good), 0o755)
	good.WriteManifest(&Manifest{Stages: map[string]*StageRecord{
		"ingest": {Status: StatusOK, Seconds: 1}, "train": {Status: StatusOK, Seconds: 2.5}}})
	os.WriteFile(good.Evaluation(), []byte(`{"summary": {"pairs_delta_j": 0.25,
		"pairs_pearson_r": 0.5, "train_loglik": null, "loglik_method": "none"}}`), 0o644)
	rows := f.Summarize([]string{"ingest", "train"})
	if rows[0].Status != StatusOK || rows[0].Seconds != 3.5 || rows[0].DeltaJ != 0.25 ||
		!math.IsNaN(rows[0].TrainLL) || rows[1].Status != "ingest: missing" {
		t.Fatalf("rows %+v", rows)
	}
	if err := f.WriteSummary(rows); err != nil {
		t.Fatal(err)
	}
	tab, err := formats.ReadTable(filepath.Join(dir, SummaryParquet))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows != 2 || tab.Artifact != ArtifactSummary || tab.Lookup("train.k").String[1] != "2" ||
		tab.Lookup("pairs_delta_j").Float64[0] != 0.25 || tab.Lookup("status").String[1] != "ingest: missing" {
		t.Errorf("table %+v", tab)
	}
	md, _ := os.ReadFile(filepath.Join(dir, SummaryMarkdown))
	if !strings.Contains(string(md), "| 0 | `k-1` | 1 | ok | 3.5 | — | — | — | 0.2500 | 0.5000 | — |") {
		t.Errorf("markdown:\n%s", md)
	}
}
