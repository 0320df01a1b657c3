package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestStageKey(t *testing.T) {
	in := []FileRef{{Path: "a", SHA256: "11"}, {Path: "b", SHA256: "22"}}
	k1, err := StageKey(in, map[string]string{"k": "4", "hidden": "16"}, "v1")
	if err != nil {
		t.Fatal(err)
	}
	// The same settings in another order and the same content under
	// other paths give the same key.
	moved := []FileRef{{Path: "x", SHA256: "11"}, {Path: "y", SHA256: "22"}}
	same, _ := StageKey(moved, map[string]string{"hidden": "16", "k": "4"}, "v1")
	if same != k1 || len(k1) != 64 {
		t.Fatalf("keys %s %s", k1, same)
	}
	for name, k := range map[string][]any{
		"settings": {in, map[string]string{"k": "5", "hidden": "16"}, "v1"},
		"inputs":   {in[:1], map[string]string{"k": "4", "hidden": "16"}, "v1"},
		"version":  {in, map[string]string{"k": "4", "hidden": "16"}, "v2"},
	} {
		got, _ := StageKey(k[0].([]FileRef), k[1], k[2].(string))
		if got == k1 {
			t.Errorf("changing %s keeps the key", name)
		}
	}
	// A struct and the map with its JSON fields are one setting.
	type s struct {
		K      int `json:"k"`
		Hidden int `json:"hidden"`
	}
	a, _ := StageKey(nil, s{4, 16}, "v1")
	b, _ := StageKey(nil, map[string]int{"hidden": 16, "k": 4}, "v1")
	if a != b {
		t.Error("struct and map settings differ")
	}
}

// fakeSteps returns three chained steps: a writes a.txt from its setting,
// b copies a.txt to b.txt with a suffix, c copies b.txt to c.txt. calls
// collects the names of the steps that did work.
func fakeSteps(dir RunDir, setting map[string]string, calls *[]string) []Step {
	mk := func(name, in, out string, content func() string) Step {
		st := Step{Name: name, Settings: map[string]string{"v": setting[name]},
			Run: func(ctx context.Context, key string, mode Mode) error {
				return dir.Execute(ctx, Stage{Name: name, Key: key,
					Run: func(context.Context) ([]string, error) {
						*calls = append(*calls, name)
						return []string{dir.Path(out)}, os.WriteFile(dir.Path(out),
							[]byte(content()), 0o644)
					}}, nil)
			}}
		if in != "" {
			st.Inputs = func() ([]string, error) { return []string{dir.Path(in)}, nil }
		}
		return st
	}
	read := func(n string) string { b, _ := os.ReadFile(dir.Path(n)); return string(b) }
	return []Step{
		mk("a", "", "a.txt", func() string { return setting["a"] }),
		mk("b", "a.txt", "b.txt", func() string { return read("a.txt") + setting["b"] }),
		mk("c", "b.txt", "c.txt", func() string { return read("b.txt") + "!" }),
	}
}

func TestRunnerCachesForcesAndFollowsChanges(t *testing.T) {
	dir := RunDir(t.TempDir())
	ctx := context.Background()
	setting := map[string]string{"a": "1", "b": "x"}
	var calls []string
	run := func(force ...string) []Outcome {
		t.Helper()
		calls = nil
		outs, err := Runner{Dir: dir, Force: force}.Run(ctx, fakeSteps(dir, setting, &calls))
		if err != nil {
			t.Fatal(err)
		}
		return outs
	}
	actions := func(outs []Outcome) string {
		var s []string
		for _, o := range outs {
			s = append(s, o.Action)
		}
		return strings.Join(s, " ")
	}
	cases := []struct {
		name   string
		change func()
		force  []string
		want   string
		ran    []string
	}{
		{"first run", func() {}, nil, "ran ran ran", []string{"a", "b", "c"}},
		{"second run does nothing", func() {}, nil, "cached cached cached", nil},
		{"changed setting of b", func() { setting["b"] = "y" }, nil, "cached ran ran",
			[]string{"b", "c"}},
		{"force b", func() {}, []string{"b"}, "cached ran ran", []string{"b", "c"}},
		{"force all", func() {}, []string{ForceAll}, "ran ran ran", []string{"a", "b", "c"}},
		{"output edited by hand", func() { os.WriteFile(dir.Path("b.txt"), []byte("?"), 0o644) },
			nil, "cached ran cached", []string{"b"}},
		{"output deleted", func() { os.Remove(dir.Path("c.txt")) }, nil, "cached cached ran",
			[]string{"c"}},
	}
	for _, c := range cases {
		c.change()
		if got := actions(run(c.force...)); got != c.want || !slices.Equal(calls, c.ran) {
			t.Errorf("%s: actions %q (want %q), ran %v (want %v)", c.name, got, c.want, calls, c.ran)
		}
	}
	// A setting changed to give the same output re-runs the stage but
	// not the next one, whose input content is unchanged.
	setting["a"], setting["b"] = "1y", ""
	if got := actions(run()); got != "ran ran cached" {
		t.Errorf("same content: %q", got)
	}
}

// An interrupted stage whose key is unchanged resumes when it can.
func TestRunnerResumesInterruptedStage(t *testing.T) {
	dir := RunDir(t.TempDir())
	var modes []Mode
	canResume := true
	step := func(fail bool) Step {
		return Step{Name: "train", Settings: map[string]int{"updates": 10},
			Resumable: func() bool { return canResume },
			Run: func(ctx context.Context, key string, mode Mode) error {
				modes = append(modes, mode)
				if fail {
					c, cancel := context.WithCancel(ctx)
					cancel()
					ctx = c
				}
				return dir.Execute(WithKey(ctx, key), Stage{Name: "train",
					Run: func(ctx context.Context) ([]string, error) {
						if ctx.Err() != nil {
							return nil, ctx.Err()
						}
						return []string{dir.Manifest()}, nil
					}}, nil)
			}}
	}
	if _, err := (Runner{Dir: dir}).Run(context.Background(), []Step{step(true)}); err == nil {
		t.Fatal("interrupted step returned no error")
	}
	m, _ := dir.ReadManifest()
	if rec := m.Stages["train"]; rec.Status != StatusInterrupted || rec.Key == "" {
		t.Fatalf("record %+v", rec)
	}
	outs, err := Runner{Dir: dir}.Run(context.Background(), []Step{step(false)})
	if err != nil || outs[0].Action != ActionResumed {
		t.Fatalf("outs %+v, err %v", outs, err)
	}
	if !reflect.DeepEqual(modes, []Mode{ModeReplace, ModeResume}) {
		t.Errorf("modes %v", modes)
	}
	// Without a checkpoint the stage starts again.
	canResume = false
	m, _ = dir.ReadManifest()
	m.Stages["train"].Status = StatusRunning
	dir.WriteManifest(m)
	outs, _ = Runner{Dir: dir}.Run(context.Background(), []Step{step(false)})
	if outs[0].Action != ActionRan {
		t.Errorf("no checkpoint: %s", outs[0].Action)
	}
}

func TestLinkStepHardLinks(t *testing.T) {
	up, dst := RunDir(t.TempDir()), RunDir(t.TempDir())
	os.WriteFile(up.Dataset(), []byte("data"), 0o644)
	os.MkdirAll(up.Truth(), 0o755)
	os.WriteFile(up.Path(TruthDir, "pairs.parquet"), []byte("J"), 0o644)
	outs, err := Runner{Dir: dst}.Run(context.Background(), []Step{LinkStep("ingest", up, dst)})
	if err != nil || outs[0].Action != ActionRan {
		t.Fatalf("outs %+v, err %v", outs, err)
	}
	a, _ := os.Stat(up.Dataset())
	b, err := os.Stat(dst.Dataset())
	if err != nil || !os.SameFile(a, b) {
		t.Errorf("dataset not hard-linked: %v", err)
	}
	if got, _ := os.ReadFile(dst.Path(TruthDir, "pairs.parquet")); string(got) != "J" {
		t.Errorf("truth %q", got)
	}
	m, _ := dst.ReadManifest()
	rec := m.Stages["ingest"]
	if p := rec.Params.(map[string]any); p["method"] != LinkHard || len(rec.Outputs) != 2 {
		t.Errorf("record %+v", rec)
	}
	outs, _ = Runner{Dir: dst}.Run(context.Background(), []Step{LinkStep("ingest", up, dst)})
	if outs[0].Action != ActionCached {
		t.Errorf("second link: %s", outs[0].Action)
	}
}

// A runner holds its run directory: a second one on the same directory
// fails at once with an input error, and a directory it created for a
// run that wrote nothing is gone afterwards.
func TestRunnerHoldsItsDirectory(t *testing.T) {
	dir := RunDir(filepath.Join(t.TempDir(), "run"))
	unlock, err := dir.lock()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Runner{Dir: dir}.Run(context.Background(), nil)
	if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), errLocked.Error()) {
		t.Fatalf("second runner: err %v, want ErrInput saying %q", err, errLocked)
	}
	unlock()
	if _, err := os.Stat(string(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("empty run directory left behind: stat err %v", err)
	}
	if _, err = (Runner{Dir: dir}).Run(context.Background(), nil); err != nil {
		t.Fatalf("after release: %v", err)
	}
}

// A directory without manifest.json whose entries the stages would
// replace is refused unless everything is forced (a pipeline run once
// overwrote a user's dataset.parquet there); other files do not matter.
func TestRunnerRefusesForeignDirectory(t *testing.T) {
	dir := RunDir(t.TempDir())
	ctx := context.Background()
	if err := os.WriteFile(dir.Path("notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := (Runner{Dir: dir}).Run(ctx, nil); err != nil {
		t.Fatalf("unrelated file: %v", err)
	}
	if err := os.WriteFile(dir.Dataset(), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	var calls []string
	_, err := Runner{Dir: dir}.Run(ctx, fakeSteps(dir, map[string]string{"a": "1"}, &calls))
	if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), DatasetFile) || calls != nil {
		t.Fatalf("err %v, ran %v; want ErrInput naming %s and nothing run", err, calls, DatasetFile)
	}
	if b, _ := os.ReadFile(dir.Dataset()); string(b) != "precious" {
		t.Fatalf("dataset.parquet now %q", b)
	}
	if _, err := (Runner{Dir: dir, Force: []string{ForceAll}}).Run(ctx, nil); err != nil {
		t.Fatalf("--force all: %v", err)
	}
}
