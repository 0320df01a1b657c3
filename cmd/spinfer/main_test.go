package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// spinfer runs the command line and returns its exit status and outputs.
func spinfer(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"spinfer", "-q"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func writeText(t *testing.T, name, text string) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Flags work before and after the positional argument.
func TestFlagsAfterArguments(t *testing.T) {
	in := writeText(t, "d.txt", "1 -1 1\n-1 -1 1\n")
	for i, args := range [][]string{
		{"ingest", in, "--run", filepath.Join(t.TempDir(), "a")},
		{"ingest", "--run", filepath.Join(t.TempDir(), "b"), in},
		{"ingest", in, "--basis", "ising", "-o", filepath.Join(t.TempDir(), "c.parquet")},
	} {
		if code, _, stderr := spinfer(t, args...); code != 0 {
			t.Fatalf("case %d: exit %d: %s", i, code, stderr)
		}
	}
}

func TestExitCodes(t *testing.T) {
	bad := writeText(t, "bad.txt", "1 -1 1\n-1 1\n")
	out := filepath.Join(t.TempDir(), "x.parquet")
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"ingest", bad, "-o", out}, exitUsage, "bad.txt:2"},
		{[]string{"ingest", "missing.txt", "-o", out}, exitUsage, "missing.txt"},
		{[]string{"ingest", "--no-such-flag", bad}, exitUsage, "no-such-flag"},
		{[]string{"nosuchcommand"}, exitUsage, ""},
		{[]string{"inspect"}, exitUsage, "one PATH"},
	}
	for _, c := range cases {
		code, _, stderr := spinfer(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d (want %d), stderr %q", c.args, code, c.code, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed ingest left its output")
	}
}

// A short run of the main job on the embedded fixture writes every
// artifact, records every stage in the manifest and refuses to reuse its
// run directory.
func TestRunMainJobShort(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	code, stdout, stderr := spinfer(t, "run", "--run", dir, "--updates", "50", "--hidden", "8",
		"--samples", "500", "--sample-k", "20", "--no-plots")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "evaluate") || !strings.Contains(stdout, "mean J on true bonds") {
		t.Fatalf("summary lacks figures:\n%s", stdout)
	}
	r := pipeline.RunDir(dir)
	for _, p := range []string{r.Dataset(), r.Model(), r.Metrics(), r.Samples(), r.Couplings(),
		r.Truth(), r.Evaluation(), r.Manifest()} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	m, err := r.ReadManifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []string{"ingest", "train", "sample", "couplings", "evaluate"} {
		if rec := m.Stages[st]; rec == nil || rec.Status != pipeline.StatusOK {
			t.Errorf("stage %s not recorded as ok: %+v", st, rec)
		}
	}
	c, err := formats.ReadCouplings(r.Couplings())
	if err != nil || len(c.Orders[2]) != 64*63/2 {
		t.Fatalf("couplings: %v", err)
	}
	if code, _, _ := spinfer(t, "run", "--run", dir); code != exitUsage {
		t.Fatalf("reusing a run directory: exit %d", code)
	}
}

// A bad setting of any stage stops spinfer run before it writes anything,
// naming the flag: no run directory is left behind (it was, holding the
// ingested data, or a trained model when the bad flag was a sampling one).
func TestRunBadSettingWritesNothing(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--hidden", "0"}, "--hidden 0"},
		{[]string{"--l1", "-1"}, "--l1 -1"},
		{[]string{"--thin", "-1"}, "--thin -1"},
		{[]string{"--samples", "0"}, "--samples 0"},
		{[]string{"--sample-k", "0"}, "--sample-k 0"},
	} {
		dir := filepath.Join(t.TempDir(), "run")
		args := append([]string{"run", "--run", dir, "--updates", "5", "--hidden", "4",
			"--no-plots"}, c.args...)
		code, _, stderr := spinfer(t, args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming %q", c.args, code, stderr, c.want)
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v: run directory left behind (stat: %v)", c.args, err)
		}
	}
}

// A main job interrupted during training says how to continue it, since
// spinfer run never reuses a run directory.
func TestRunSummaryInterruptedTrainingSaysResume(t *testing.T) {
	var b bytes.Buffer
	err := fmt.Errorf("train: interrupted at update 7: %w", context.Canceled)
	printRunSummary(&b, "runs/x", []stageTime{{"ingest", 0.1, ""}, {"train", 2, ""}}, err)
	if !strings.Contains(b.String(), "spinfer train --run runs/x --resume") {
		t.Errorf("summary:\n%s\nwant the resume command", b.String())
	}
	b.Reset()
	printRunSummary(&b, "runs/x", []stageTime{{"ingest", 0.1, ""}}, errors.New("bad data"))
	if strings.Contains(b.String(), "--resume") {
		t.Errorf("summary of a failed ingest suggests resuming:\n%s", b.String())
	}
}

// A flag the chosen protocol does not read is named in a warning, not
// silently dropped.
func TestProtocolFlagIgnoredWarns(t *testing.T) {
	run := t.TempDir()
	if err := fixtures.CopyTo(fixtures.Ising8, run, false); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := spinfer(t, "train", "--run", run, "--hidden", "4", "--updates", "3",
		"--likelihood", "none", "--warmup", "2", "--pt-betas", "0.5,1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"--warmup applies to --protocol jarzynski only",
		"--pt-betas applies to --protocol pt only"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
}

// Train then resume: the resumed run continues from the newest checkpoint
// and ends at the planned update count.
func TestTrainResume(t *testing.T) {
	dir := t.TempDir()
	if err := fixtures.CopyTo(fixtures.Ising8, dir, false); err != nil {
		t.Fatal(err)
	}
	args := []string{"train", "--run", dir, "--hidden", "4", "--updates", "40", "--checkpoints", "3"}
	if code, _, stderr := spinfer(t, args...); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, _ := spinfer(t, args...); code != exitUsage {
		t.Fatalf("training again without --force: exit %d", code)
	}
	if code, _, stderr := spinfer(t, "train", "--run", dir, "--resume"); code != 0 {
		t.Fatal(stderr)
	}
}

// With --log-format json every line on stderr, the final error included,
// is a JSON record, and the exit status is still the usage status.
func TestJSONLogFinalError(t *testing.T) {
	bad := writeText(t, "bad.txt", "1 -1 1\n-1 1\n")
	code, _, stderr := spinfer(t, "--log-format", "json", "ingest", bad, "-o",
		filepath.Join(t.TempDir(), "x.parquet"))
	if code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("stderr line is not JSON: %q", l)
		}
	}
	var last map[string]any
	json.Unmarshal([]byte(lines[len(lines)-1]), &last)
	msg, _ := last["msg"].(string)
	if last["level"] != "ERROR" || !strings.Contains(msg, "bad.txt:2") ||
		last["exit_status"] != float64(exitUsage) {
		t.Errorf("final record %v", last)
	}
}

// Settings refused by a stage's validation are named by the flag the user
// wrote, not by the Go field behind it.
func TestSettingErrorsNameFlags(t *testing.T) {
	run := filepath.Join(t.TempDir(), "r")
	if code, _, stderr := spinfer(t, "ingest", writeText(t, "d.txt", "1 -1 1\n-1 -1 1\n"),
		"--run", run); code != 0 {
		t.Fatal(stderr)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"ingest", writeText(t, "e.txt", "1 -1\n"), "-o",
			filepath.Join(t.TempDir(), "x.parquet"), "--test-fraction", "1.5"}, "--test-fraction 1.5"},
		{[]string{"train", "--run", run, "--hidden", "-3"}, "--hidden -3"},
		{[]string{"train", "--run", run, "--lr", "-1"}, "--lr -1"},
		{[]string{"train", "--run", run, "-k", "-1"}, "--k -1"},
		{[]string{"train", "--run", run, "--lr", "NaN"}, "--lr NaN"},
		{[]string{"train", "--run", run, "--lr", "Inf"}, "--lr +Inf"},
		{[]string{"train", "--run", run, "--l1", "-1"}, "--l1 -1"},
		{[]string{"train", "--run", run, "--l2", "NaN"}, "--l2 NaN"},
		{[]string{"train", "--run", run, "--lr-schedule", "foo"}, `--lr-schedule "foo"`},
		{[]string{"train", "--run", run, "--ess-threshold", "2"}, "--ess-threshold 2"},
		{[]string{"train", "--run", run, "--pt-swap-rate", "1.5"}, "--pt-swap-rate 1.5"},
		{[]string{"train", "--run", run, "--protocol", "pt", "--pt-betas", "0.5,0.2,1"},
			"--pt-betas: β[0] = 0.5"},
		{[]string{"train", "--run", run, "--lr-schedule", "exponential"},
			"give exactly one of --lr-final and --lr-decay"},
		{[]string{"train", "--run", run, "--lr-decay", "0.99"},
			"--lr-final and --lr-decay need --lr-schedule exponential"},
		{[]string{"sample", "--run", run, "--thin", "0"}, "--thin 0"},
		{[]string{"sample", "--run", run, "--samples", "-5"}, "--samples -5"},
		{[]string{"sample", "--run", run, "--checkpoint", "-1"}, "--checkpoint -1"},
	}
	for _, c := range cases {
		code, _, stderr := spinfer(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", c.args, code, stderr, c.want)
		}
	}
}

func TestFlagNamesKeepsOtherWords(t *testing.T) {
	cmd := &cli.Command{Flags: []cli.Flag{&cli.IntFlag{Name: "top"}, &cli.IntFlag{Name: "k"}}}
	for in, want := range map[string]string{
		"Top = 5: want ≥ 1":          "--top 5: want ≥ 1",
		"K = 0: want ≥ 1":            "K = 0: want ≥ 1", // one-letter flags are left alone
		"Order 5 is not supported":   "Order 5 is not supported",
		"the Top = -1 of the screen": "the --top -1 of the screen",
		"Top: 3 is too many":         "--top: 3 is too many",
		"W = NaN":                    "W = NaN",
	} {
		if got := flagNames(in, cmd); got != want {
			t.Errorf("flagNames(%q) = %q, want %q", in, got, want)
		}
	}
}

// The main job's own learning-rate schedule (exponential decay to
// --lr-final) yields to a schedule the user gives: --lr-decay alone, or
// --lr-schedule constant, used to fail with a conflict about the
// --lr-final that the fixture settings had added.
func TestRunUserScheduleReplacesFixtureSchedule(t *testing.T) {
	for _, extra := range [][]string{{"--lr-decay", "0.999"}, {"--lr-schedule", "constant"}} {
		dir := filepath.Join(t.TempDir(), "run")
		args := append([]string{"run", "--run", dir, "--updates", "5", "--hidden", "4",
			"--samples", "50", "--sample-k", "5", "--no-plots"}, extra...)
		if code, _, stderr := spinfer(t, args...); code != exitOK {
			t.Errorf("%v: exit %d, stderr %q", extra, code, stderr)
		}
	}
}
