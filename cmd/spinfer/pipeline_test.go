package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// TestMain lets the test binary stand in for spinfer when a test runs it
// as a command (the emitted Taskfile's jobs): SPINFER_AS_MAIN=1 makes it
// run the command line instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("SPINFER_AS_MAIN") == "1" {
		os.Exit(run(append([]string{"spinfer"}, os.Args[1:]...), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// tinySettings shrink an example pipeline to a few seconds; a setting is
// changed only when the file's block has it or the stage runs anyway, and
// never when the sweep varies it.
var tinySettings = map[string]map[string]string{
	"train": {"updates": "20", "hidden": "4", "batch": "100", "chains": "100",
		"checkpoints": "3", "log-points": "5", "likelihood": "none"},
	"sample":    {"samples": "300", "sample-k": "10"},
	"couplings": {"top": "50", "max-all": "5000"},
	"evaluate":  {"no-plots": "true", "likelihood": "none"},
	"generate":  {"samples": "500"},
}

// tinyPipeline copies the example pipeline name into a new directory with
// tiny settings, its run directory inside that directory and absolute
// data paths, and returns the copy's path. With halve, the sweep's last
// axis keeps only its first value.
func tinyPipeline(t *testing.T, name string, halve ...bool) string {
	t.Helper()
	src := filepath.Join("..", "..", "fixtures", "pipelines", name)
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	top := doc.Content[0]
	swept := map[string]bool{}
	if sw := mapValue(top, "sweep"); sw != nil {
		for i := 0; i < len(sw.Content); i += 2 {
			swept[sw.Content[i].Value] = true
		}
		if len(halve) > 0 && halve[0] {
			last := sw.Content[len(sw.Content)-1]
			last.Content = last.Content[:1]
		}
	}
	dir := filepath.Join(t.TempDir(), "pipe dir")
	os.Mkdir(dir, 0o755)
	setScalar(top, "run", filepath.Join(dir, "run"))
	if d := mapValue(top, "data"); d != nil {
		d.Value, _ = filepath.Abs(filepath.Join(filepath.Dir(src), d.Value))
	}
	for stage, kv := range tinySettings {
		blk := mapValue(top, stage)
		if blk == nil || blk.Kind != yaml.MappingNode {
			continue
		}
		for k, v := range kv {
			if !swept[stage+"."+k] {
				setScalar(blk, k, v)
			}
		}
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setScalar(m *yaml.Node, key, value string) {
	if v := mapValue(m, key); v != nil {
		v.Kind, v.Tag, v.Value, v.Style = yaml.ScalarNode, "", value, 0
		return
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Value: value})
}

var actionLine = regexp.MustCompile(`(?m)^\s*(?:\[\d+\] )?(\w+)\s+(ran|cached|resumed)\b`)

// actions returns "stage action" for each step line of a run's output.
func actions(stdout string) []string {
	var out []string
	for _, m := range actionLine.FindAllStringSubmatch(stdout, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	return out
}

// The small example pipelines run end to end; a second run does no work;
// a changed training setting re-runs training and what follows only.
func TestPipelineExamplesCache(t *testing.T) {
	for _, c := range []struct{ file, input string }{
		{"ising8.yaml", "ingest"}, {"planted3.yaml", "generate"},
	} {
		t.Run(c.file, func(t *testing.T) {
			p := tinyPipeline(t, c.file)
			code, stdout, stderr := spinfer(t, "run", p)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			up := []string{c.input + " ran"}
			if c.input == "ingest" {
				up = append(up, "truth ran")
			}
			want := append(up, "train ran", "sample ran", "couplings ran", "evaluate ran")
			if got := actions(stdout); !slices.Equal(got, want) {
				t.Fatalf("first run: %v, want %v\n%s", got, want, stdout)
			}
			manifest := filepath.Join(filepath.Dir(p), "run", pipeline.ManifestFile)
			before, _ := os.ReadFile(manifest)
			_, stdout, _ = spinfer(t, "run", p)
			for _, a := range actions(stdout) {
				if !strings.HasSuffix(a, " cached") {
					t.Errorf("second run: %s", a)
				}
			}
			if after, _ := os.ReadFile(manifest); !bytes.Equal(before, after) {
				t.Error("second run rewrote the manifest")
			}
			b, _ := os.ReadFile(p)
			b = regexp.MustCompile(`updates: "?20"?\n`).ReplaceAll(b, []byte("updates: 30\n"))
			os.WriteFile(p, b, 0o644)
			_, stdout, _ = spinfer(t, "run", p)
			want = []string{c.input + " cached"}
			if c.input == "ingest" {
				want = append(want, "truth cached")
			}
			want = append(want, "train ran", "sample ran", "couplings ran", "evaluate ran")
			if got := actions(stdout); !slices.Equal(got, want) {
				t.Errorf("after changing updates: %v, want %v", got, want)
			}
		})
	}
}

// --force re-runs a stage and every later one.
func TestPipelineForce(t *testing.T) {
	p := tinyPipeline(t, "ising8.yaml")
	if code, _, stderr := spinfer(t, "run", p); code != 0 {
		t.Fatal(stderr)
	}
	_, stdout, _ := spinfer(t, "run", p, "--force", "sample")
	want := []string{"ingest cached", "truth cached", "train cached", "sample ran",
		"couplings ran", "evaluate ran"}
	if got := actions(stdout); !slices.Equal(got, want) {
		t.Errorf("--force sample: %v", got)
	}
}

// A 2×2 sweep run with two workers shares one ingested dataset by hard
// links, writes a summary of 4 runs, and gives the same results as its
// points run one at a time (--point, as a batch job would; points 0 and 3
// to keep the test short).
func TestPipelineSweepJobs(t *testing.T) {
	p := tinyPipeline(t, "sweep-ising8.yaml")
	dirs := map[string]string{"1": filepath.Join(filepath.Dir(p), "alone"),
		"2": filepath.Join(filepath.Dir(p), "jobs2")}
	code, stdout, stderr := spinfer(t, "run", p, "--run", dirs["2"], "--jobs", "2")
	if code != 0 {
		t.Fatalf("--jobs 2: exit %d: %s", code, stderr)
	}
	if n := strings.Count(stdout, "ingest     ran"); n != 5 {
		t.Errorf("%d ingest lines (want 1 upstream + 4 links)", n)
	}
	for _, arg := range []string{"--upstream", "--point=0", "--point=3"} {
		if code, _, stderr := spinfer(t, "run", p, "--run", dirs["1"], arg); code != 0 {
			t.Fatalf("%s: exit %d: %s", arg, code, stderr)
		}
	}
	tab, err := formats.ReadTable(filepath.Join(dirs["2"], pipeline.SummaryParquet))
	if err != nil || tab.Rows != 4 {
		t.Fatalf("summary: %v", err)
	}
	for i, st := range tab.Lookup("status").String {
		if st != pipeline.StatusOK {
			t.Errorf("run %d: %s", i, st)
		}
	}
	up, _ := os.Stat(filepath.Join(dirs["2"], pipeline.UpstreamDirName, pipeline.DatasetFile))
	for i, name := range tab.Lookup("run").String {
		run := pipeline.RunDir(filepath.Join(dirs["2"], name))
		if st, err := os.Stat(run.Dataset()); err != nil || !os.SameFile(up, st) {
			t.Errorf("%s: dataset not linked from upstream", name)
		}
		if i != 0 && i != 3 {
			continue
		}
		s1, err1 := formats.ReadDataset(pipeline.RunDir(filepath.Join(dirs["1"], name)).Samples())
		s2, err2 := formats.ReadDataset(run.Samples())
		if err1 != nil || err2 != nil || !bytes.Equal(int8Bytes(s1.Values), int8Bytes(s2.Values)) {
			t.Errorf("%s: samples differ between --point and --jobs 2 (%v, %v)", name, err1, err2)
		}
	}
	_, stdout, _ = spinfer(t, "run", p, "--run", dirs["2"], "--jobs", "2")
	if strings.Contains(stdout, " ran ") {
		t.Errorf("second sweep run did work:\n%s", stdout)
	}
}

func int8Bytes(x []int8) []byte {
	b := make([]byte, len(x))
	for i, v := range x {
		b[i] = byte(v)
	}
	return b
}

func TestPipelineErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeText(t, "bad.yaml", "run: "+filepath.Join(dir, "r")+
		"\nfixture: ising8\ntrain:\n  hiden: 4\n  lr: x\nsample: {init: sideways}\n")
	code, _, stderr := spinfer(t, "run", bad)
	for _, w := range []string{":4:3: train: unknown setting \"hiden\" (did you mean hidden?)",
		":5:7: train.lr: \"x\": want a number", ":6:16: sample: init \"sideways\""} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if code != exitUsage {
		t.Errorf("exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "r")); err == nil {
		t.Error("an invalid pipeline wrote its run directory")
	}
	good := tinyPipeline(t, "sweep-ising8.yaml")
	for _, args := range [][]string{
		{"run", good, "--hidden", "3"},
		{"run", "--force", "train"},
		{"run", good, "--force", "trian"},
		{"run", good, "--point", "0"}, // the upstream stages have not run
		{"run", good, "--point", "4"},
		{"sweep", good, "--emit", "pbs"},
	} {
		if code, _, stderr := spinfer(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
}

// Every example pipeline is valid.
func TestPipelineExamplesValid(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "pipelines", "*.yaml"))
	if len(files) < 4 {
		t.Fatalf("%d example pipelines", len(files))
	}
	for _, f := range files {
		if _, err := pipeline.Parse(f, "", pipelineSchema()); err != nil {
			t.Errorf("%v", err)
		}
	}
}

// The emitted Taskfile runs a sweep through the real task binary (when
// installed): every point, then the summary; a second pass does no work.
func TestSweepTaskfileWithTask(t *testing.T) {
	taskBin, err := exec.LookPath("task")
	if err != nil {
		gobin := filepath.Join(os.Getenv("HOME"), "go", "bin", "task")
		if _, err := os.Stat(gobin); err != nil {
			t.Skip("task not installed (go install github.com/go-task/task/v3/cmd/task@v3.54.0)")
		}
		taskBin = gobin
	}
	p := tinyPipeline(t, "sweep-ising8.yaml", true)
	exe, _ := os.Executable()
	tf := filepath.Join(filepath.Dir(p), "Sweep tasks.yml")
	if code, _, stderr := spinfer(t, "sweep", p, "--emit", "taskfile", "-o", tf,
		"--spinfer", exe); code != 0 {
		t.Fatal(stderr)
	}
	for pass := range 2 {
		cmd := exec.Command(taskBin, "-t", tf, "--concurrency", "2")
		cmd.Env = append(os.Environ(), "SPINFER_AS_MAIN=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("task: %v\n%s", err, out)
		}
		if pass == 1 && strings.Contains(string(out), " ran ") {
			t.Errorf("second task pass did work:\n%s", out)
		}
	}
	md, err := os.ReadFile(filepath.Join(filepath.Dir(p), "run", pipeline.SummaryMarkdown))
	if err != nil || strings.Count(string(md), " | ok | ") != 2 {
		t.Errorf("summary: %v\n%s", err, md)
	}
}

// An interrupted training (its manifest record says so) resumes from its
// newest checkpoint on the next run, and the resumed model is the one an
// uninterrupted run gave: sample and couplings stay cached.
func TestPipelineResumesTraining(t *testing.T) {
	p := tinyPipeline(t, "ising8.yaml")
	if code, _, stderr := spinfer(t, "run", p); code != 0 {
		t.Fatal(stderr)
	}
	run := pipeline.RunDir(filepath.Join(filepath.Dir(p), "run"))
	m, err := run.ReadManifest()
	if err != nil {
		t.Fatal(err)
	}
	m.Stages["train"].Status = pipeline.StatusInterrupted
	run.WriteManifest(m)
	ckpts, _ := filepath.Glob(run.Path(pipeline.CheckpointsDir, "*"))
	if len(ckpts) < 2 {
		t.Fatalf("checkpoints %v", ckpts)
	}
	os.RemoveAll(ckpts[len(ckpts)-1]) // the final one: training must really continue
	code, stdout, stderr := spinfer(t, "run", p)
	if code != 0 {
		t.Fatal(stderr)
	}
	want := []string{"ingest cached", "truth cached", "train resumed", "sample cached",
		"couplings cached", "evaluate ran"}
	if got := actions(stdout); !slices.Equal(got, want) {
		t.Errorf("after an interruption: %v, want %v", got, want)
	}
	if m, _ := run.ReadManifest(); m.Stages["train"].Status != pipeline.StatusOK {
		t.Errorf("train record %+v", m.Stages["train"])
	}
}

// docs/pipelines.md lists every setting each block accepts.
func TestPipelineDocsListSettings(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "pipelines.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `(\\w+)` \\| ([a-zA-Z0-9, -]+) \\|$")
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		documented[m[1]] = m[2]
	}
	s := pipelineSchema()
	for _, st := range []string{"ingest", "generate", "train", "mixing", "sample", "couplings",
		"evaluate"} {
		if got, want := documented[st], strings.Join(s.Keys[st], ", "); got != want {
			t.Errorf("docs list for %s:\n  %s\nwant\n  %s", st, got, want)
		}
	}
}

// Once a sweep is interrupted no further point starts (one begun after
// Ctrl-C used to leave a directory recording "interrupted at update 0").
func TestRunPoolStartsNothingAfterCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var ran []int
	errs := runPool(ctx, 5, 1, func(i int) error {
		mu.Lock()
		ran = append(ran, i)
		mu.Unlock()
		if i == 1 {
			cancel()
		}
		return nil
	})
	if !slices.Equal(ran, []int{0, 1}) {
		t.Errorf("ran %v, want [0 1]", ran)
	}
	for i, err := range errs {
		if want := i >= 2; errors.Is(err, context.Canceled) != want {
			t.Errorf("point %d: err %v, want cancelled %v", i, err, want)
		}
	}
}

// --point applies to a sweep only: on a file without sweep: any --point,
// 0 included, is a usage error, and so is a point outside a sweep's grid;
// neither writes anything.
func TestPointOutsideSweep(t *testing.T) {
	for _, c := range []struct {
		file, point, want string
	}{
		{"ising8.yaml", "0", "--point 0: FILE has no sweep: block, so --point does not apply"},
		{"ising8.yaml", "1", "--point 1: FILE has no sweep: block"},
		{"ising8.yaml", "-1", "--point -1: FILE has no sweep: block"},
		{"sweep-ising8.yaml", "4", "FILE: point 4: no such point (the file has points 0..3)"},
		{"sweep-ising8.yaml", "-1", "FILE: point -1: no such point (the file has points 0..3)"},
	} {
		file := tinyPipeline(t, c.file)
		c.want = strings.ReplaceAll(c.want, "FILE", file)
		code, stdout, stderr := spinfer(t, "run", file, "--point", c.point)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("--point %s: exit %d, stderr %q; want %d and %q", c.point, code, stderr,
				exitUsage, c.want)
		}
		if stdout != "" {
			t.Errorf("--point %s: stdout %q", c.point, stdout)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(file), "run")); err == nil {
			t.Errorf("--point %s wrote the run directory", c.point)
		}
	}
}
