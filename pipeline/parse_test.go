package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSchema accepts a few settings per stage; its check refuses
// train.hidden values that are not positive integers.
var testSchema = Schema{
	Keys: map[string][]string{
		StageIngest: {"seed", "transpose"}, StageGenerate: {"model", "N"},
		StageTrain: {"hidden", "k", "seed", "protocol"}, StageSample: {"samples"},
		StageMixing: {"chains"}, StageCouplings: {"order"}, StageEvaluate: {"seed"},
	},
	Fixtures: []string{"ising8"},
	Check: func(stage, run string, s map[string]string) []Problem {
		if stage == StageTrain && strings.HasPrefix(s["hidden"], "-") {
			return []Problem{{Key: "hidden", Msg: "train: hidden " + s["hidden"] + ": want > 0"}}
		}
		return nil
	},
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Every problem of a file is reported at once, each at its line and column.
func TestParseReportsEveryError(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.yaml", `run: out
data: missing.txt
truht: x
train:
  hiden: 16
  hidden: -3
  k: 2
  k: 3
sweep:
  train.k: [1, 1]
  ingest.seed: [1]
  train.hidden: [4, -1]
  trian.seed: [1]
  train.nope: [1]
`)
	_, err := Parse(p, "", testSchema)
	var fe FileErrors
	if !errors.As(err, &fe) || !errors.Is(err, ErrInput) {
		t.Fatalf("err = %v, want FileErrors wrapping ErrInput", err)
	}
	want := []string{
		p + ":2:7: data: " + filepath.Join(dir, "missing.txt") + " does not exist",
		p + `:3:1: unknown key "truht" (did you mean truth?)`,
		p + `:5:3: train: unknown setting "hiden" (did you mean hidden?)`,
		p + ":6:3: train: hidden is a sweep axis (line 12)",
		p + ":7:3: train: k is a sweep axis (line 10)",
		p + ":8:3: train: k given twice",
		p + `:10:16: sweep: train.k: value "1" given twice`,
		p + ":11:3: sweep: ingest settings cannot vary",
		p + ":12:21: train: hidden -1: want > 0",
		p + `:13:3: sweep: unknown stage "trian" (did you mean train?)`,
		p + `:14:3: sweep: train: unknown setting "nope"`,
	}
	if len(fe) != len(want) {
		t.Errorf("%d errors, want %d:\n%v", len(fe), len(want), err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in\n%v", w, err)
		}
	}
}

func TestParseResolvesPathsAndGrid(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "d.txt", "1 -1\n")
	os.Mkdir(filepath.Join(dir, "truth"), 0o755)
	p := writeFile(t, dir, "p.yaml", `run: out
data: d.txt
truth: truth
train: {hidden: 8, k: 3}
mixing:
sweep:
  train.protocol: [pcd, "r d/m"]
  train.seed: [1, 2, 3]
  sample.samples: [10]
  evaluate.seed: [7]
`)
	f, err := Parse(p, "", testSchema)
	if err != nil {
		t.Fatal(err)
	}
	if f.Data != filepath.Join(dir, "d.txt") || f.Run != filepath.Join(dir, "out") ||
		f.Truth != filepath.Join(dir, "truth") || f.InputStage() != StageIngest {
		t.Fatalf("paths %q %q %q", f.Data, f.Run, f.Truth)
	}
	if !f.HasStage(StageMixing) || !f.HasStage(StageTruth) || f.HasStage(StageGenerate) {
		t.Error("stages present wrongly")
	}
	pts := f.Points()
	if len(pts) != 6 {
		t.Fatalf("%d points, want 2·3·1·1", len(pts))
	}
	// First axis slowest; seed is shared by train and evaluate, so both
	// carry their stage; other characters than [A-Za-z0-9.+-] become _.
	if pts[0].Name != "protocol-pcd_train.seed-1_samples-10_evaluate.seed-7" ||
		pts[5].Name != "protocol-r_d_m_train.seed-3_samples-10_evaluate.seed-7" {
		t.Errorf("names %q, %q", pts[0].Name, pts[5].Name)
	}
	s := f.Settings(StageTrain, pts[4])
	if s["hidden"] != "8" || s["k"] != "3" || s["seed"] != "2" || s["protocol"] != "r d/m" {
		t.Errorf("settings of point 4: %v", s)
	}
	if got := f.RunDir(pts[1]); string(got) != filepath.Join(dir, "out", pts[1].Name) {
		t.Errorf("run dir %s", got)
	}
	if _, err := f.Point(6); !errors.Is(err, ErrInput) {
		t.Errorf("point 6 of 6: %v", err)
	}
}

func TestParseRunOverrideAndInputs(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.yaml", "fixture: ising9\ngenerate: {model: sk}\ningest: {seed: 1}\n")
	_, err := Parse(p, "", testSchema)
	for _, w := range []string{"run: missing", "exactly one input", `fixture "ising9"`,
		"ingest: settings apply to data:"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("want %q in %v", w, err)
		}
	}
	p = writeFile(t, dir, "q.yaml", "fixture: ising8\n")
	f, err := Parse(p, "/elsewhere", testSchema)
	if err != nil || f.Run != "/elsewhere" || f.IsSweep() || len(f.Points()) != 1 {
		t.Fatalf("f = %+v, err %v", f, err)
	}
}

func TestParseYAMLSyntaxError(t *testing.T) {
	p := writeFile(t, t.TempDir(), "p.yaml", "run: a\ntrain:\n  k: [1\n")
	_, err := Parse(p, "", testSchema)
	var fe FileErrors
	if !errors.As(err, &fe) || len(fe) != 1 || fe[0].Pos.Line == 0 {
		t.Fatalf("err = %#v", err)
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"hidden", "hiden", 1}, {"kitten", "sitting", 3}, {"abc", "", 3}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
