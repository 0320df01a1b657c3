package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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

// parseErrs parses text as a pipeline file in dir and returns its errors
// as "line:col: message" strings.
func parseErrs(t *testing.T, dir, text string, s Schema) (*File, []string) {
	t.Helper()
	f, err := Parse(writeFile(t, dir, "p.yaml", text), "", s)
	if err == nil {
		return f, nil
	}
	var fe FileErrors
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want FileErrors", err)
	}
	var out []string
	for _, e := range fe {
		out = append(out, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg))
	}
	return nil, out
}

// A second YAML document is refused, not silently dropped (it once ran
// the first document's defaults).
func TestParseRefusesSecondDocument(t *testing.T) {
	_, errs := parseErrs(t, t.TempDir(), "run: a\nfixture: ising8\n---\nrun: b\n", testSchema)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "4:1: a second YAML document") {
		t.Fatalf("errors %q, want one at 4:1 about a second document", errs)
	}
}

// Aliases stand for their anchor's value; merge keys get their own message.
func TestParseAliasesAndMergeKeys(t *testing.T) {
	dir := t.TempDir()
	f, errs := parseErrs(t, dir, `run: a
fixture: ising8
mixing: {chains: &c 7}
sample: {samples: *c}
train: &t {k: 2}
sweep:
  train.hidden: [*c, 8]
`, testSchema)
	if errs != nil {
		t.Fatalf("errors %q", errs)
	}
	if s, _ := f.Blocks[StageSample].Get("samples"); s.Value != "7" {
		t.Errorf("sample.samples = %q, want 7", s.Value)
	}
	if got := f.Sweep[0].Values; len(got) != 2 || got[0] != "7" {
		t.Errorf("sweep values %q, want [7 8]", got)
	}
	_, errs = parseErrs(t, dir, "run: a\nfixture: ising8\ntrain: &t {k: 2}\nsample:\n  <<: *t\n",
		testSchema)
	if len(errs) != 1 || !strings.Contains(errs[0], "5:3: sample: merge keys (<<)") {
		t.Fatalf("errors %q, want one about the merge key at 5:3", errs)
	}
}

// A setting that is not a single value is reported once: the stage check
// does not also see it as an empty value.
func TestParseNonScalarSettingReportedOnce(t *testing.T) {
	s := testSchema
	s.Check = func(stage, run string, set map[string]string) []Problem {
		if v, ok := set["hidden"]; ok && v == "" {
			return []Problem{{Key: "hidden", Msg: `train.hidden: "": want an integer`}}
		}
		return nil
	}
	_, errs := parseErrs(t, t.TempDir(), "run: a\nfixture: ising8\ntrain:\n  hidden: [4]\n"+
		"  k:\n", s)
	want := []string{"4:11: train.hidden: want a single value", "5:5: train.k: want a single value"}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Fatalf("errors\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// A grid beyond MaxPoints is refused before anything expands it.
func TestParseRefusesHugeGrid(t *testing.T) {
	vals := func(n int) string {
		v := make([]string, n)
		for i := range v {
			v[i] = strconv.Itoa(i + 1)
		}
		return "[" + strings.Join(v, ", ") + "]"
	}
	text := "run: a\nfixture: ising8\nsweep:\n  train.k: " + vals(101) + "\n  train.seed: " +
		vals(100) + "\n"
	_, errs := parseErrs(t, t.TempDir(), text, testSchema)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "4:3: sweep: 101 × 100 = 10100 points") {
		t.Fatalf("errors %q, want one about 10100 points at 4:3", errs)
	}
	text = "run: a\nfixture: ising8\nsweep:\n  train.k: " + vals(100) + "\n  train.seed: " +
		vals(100) + "\n"
	if _, errs = parseErrs(t, t.TempDir(), text, testSchema); errs != nil {
		t.Fatalf("a grid of exactly MaxPoints: errors %q", errs)
	}
}

// The run directory may not be a file, nor hold the pipeline's inputs
// (a data file named dataset.parquet in it was overwritten by ingest).
func TestParseRunDirAgainstInputs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "dataset.parquet", "x")
	writeFile(t, dir, "afile", "x")
	if err := os.MkdirAll(filepath.Join(dir, "out", "truth"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, want string }{
		{"run: .\ndata: dataset.parquet\n", "2:7: data: " + dir + "/dataset.parquet is inside"},
		{"run: link\ndata: dataset.parquet\n", "2:7: data: " + dir + "/dataset.parquet is inside"},
		{"run: out\nfixture: ising8\ntruth: out/truth\n", "3:8: truth: " + dir + "/out/truth is inside"},
		{"run: afile\nfixture: ising8\n", "1:6: run: " + dir + "/afile exists and is not a directory"},
	} {
		_, errs := parseErrs(t, dir, c.text, testSchema)
		if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
			t.Errorf("%q: errors %q, want one starting %q", c.text, errs, c.want)
		}
	}
	if _, errs := parseErrs(t, dir, "run: out/new\ndata: dataset.parquet\n", testSchema); errs != nil {
		t.Errorf("data beside the run directory: errors %q", errs)
	}
}

// An empty or null run: is reported once, at its value; a file without
// run: is reported at the top of the file.
func TestParseEmptyRunAtValue(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ text, want string }{
		{"fixture: ising8\nrun: \"\"\n", `2:6: run: "": want the run directory`},
		{"fixture: ising8\nrun:   ''\n", `2:8: run: "": want the run directory`},
		{"fixture: ising8\nrun:\n", "2:5: run: want a single value"},
		{"fixture: ising8\n", "1:1: run: missing"},
	} {
		_, errs := parseErrs(t, dir, c.text, testSchema)
		if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
			t.Errorf("%q: errors %q, want one beginning %q", c.text, errs, c.want)
		}
	}
}
