package formats

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// makeRun builds a run directory with one artifact of each kind.
func makeRun(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	d := randomDataset(40, 805, Ising, 1)
	d.Meta = map[string]string{KeySource: "hgd.txt"}
	must(t, WriteDataset(filepath.Join(dir, "dataset.parquet"), d, false))
	must(t, WriteModel(filepath.Join(dir, "model"), randomModel(805, 4, 1), false))
	ck := filepath.Join(dir, "checkpoints")
	for _, u := range []string{"0000000001", "0000000010"} {
		must(t, WriteModel(filepath.Join(ck, u), randomModel(805, 4, 2), false))
	}
	must(t, WriteCouplings(filepath.Join(dir, "couplings"), sampleCouplings(), false))
	must(t, WriteTable(filepath.Join(dir, "metrics.parquet"), ArtifactMetrics, []Column{
		{Name: "update", Int64: []int64{1, 2}}, {Name: "loglik", Float64: []float64{-3, -2.5}},
	}, nil, false))
	manifest := `{"spinfer_version": "x", "stages": {"ingest": {"status": "ok", "seconds": 1.25}}}`
	must(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(manifest), 0o644))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestDescribeKinds(t *testing.T) {
	run := makeRun(t)
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"dataset.parquet", []string{
			"dataset (spinfer " + SpinferVersion + "), 40 rows × 805 columns, 1 row group",
			"basis ising", "schema (805 columns):", "s0 ", "s7 ", "(794 more: 794 × int8)",
			"s804", "spinfer.source", "hgd.txt", "first 3 of 40 rows:", "check: ok"}},
		{"metrics.parquet", []string{"metrics (spinfer", "update", "int64", "loglik", "double",
			"-2.5", "check: ok"}},
		{"model", []string{"model directory (RBM), 805 visible units (ising) × 4 hidden units",
			"W", "3220 values", "protocol", `"pcd"`, "weights.parquet: model-weights",
			"hidden.parquet: model-hidden"}},
		{"couplings", []string{"couplings directory, 5 variables", "pairs.parquet", "3",
			"0.44 at (a, b)", "triplets", "absent", "spinfer.method",
			"pairs.parquet: couplings-pairs"}},
		{"checkpoints", []string{"2 checkpoints, updates 1 … 10", "last checkpoint:"}},
		{"checkpoints/0000000010", []string{"model directory (RBM)"}},
		{".", []string{"run directory", "stages: ingest ok (1.2 s)",
			"train.parquet", "absent", "2 checkpoints", "805 visible units",
			"dataset (spinfer", "metrics (spinfer", "couplings directory"}},
		{"manifest.json", []string{"JSON", `"stages"`}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Describe(&buf, filepath.Join(run, tc.path), 3); err != nil {
				t.Fatalf("%v\n%s", err, buf.String())
			}
			out := buf.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestDescribeUnknown(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "data.txt")
	os.WriteFile(text, []byte("1 -1\n"), 0o644)
	for _, path := range []string{dir, text} {
		var buf bytes.Buffer
		err := Describe(&buf, path, 3)
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: got %v, want ErrFormat naming the path", path, err)
		}
	}
	err := Describe(&bytes.Buffer{}, filepath.Join(dir, "none"), 3)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing path: %v", err)
	}
}

func TestDescribeReportsBadArtifact(t *testing.T) {
	run := makeRun(t)
	// A hidden.parquet that disagrees with model.json.
	must(t, WriteTable(filepath.Join(run, "model", HiddenFile), ArtifactHidden, []Column{
		{Name: "hidden", String: []string{"h0"}}, {Name: "bias", Float64: []float64{0}}},
		nil, true))
	var buf bytes.Buffer
	err := Describe(&buf, run, 2)
	if err == nil || !strings.Contains(buf.String(), "check: FAILED") ||
		!strings.Contains(buf.String(), "dataset (spinfer") {
		t.Fatalf("got %v:\n%s", err, buf.String())
	}
}

func TestReadFileInfo(t *testing.T) {
	run := makeRun(t)
	fi, err := ReadFileInfo(filepath.Join(run, "couplings", PairsFile))
	if err != nil {
		t.Fatal(err)
	}
	want := []ColumnInfo{{"i", "int32", false}, {"j", "int32", false}, {"value", "double", false}}
	if len(fi.Columns) != 3 || fi.Rows != 3 || fi.RowGroups != 1 ||
		fi.Meta[KeyArtifact] != ArtifactPairs {
		t.Fatalf("%+v", fi)
	}
	for k, c := range want {
		if fi.Columns[k] != c {
			t.Errorf("column %d: %+v, want %+v", k, fi.Columns[k], c)
		}
	}
}
