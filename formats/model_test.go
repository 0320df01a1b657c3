package formats

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// randomModel returns an N×M model with parameters drawn from a fixed
// seed, negative values included.
func randomModel(n, nh int, seed uint64) *Model {
	rng := rand.New(rand.NewPCG(seed, 2))
	m := &Model{Visible: UnitIsing, Hidden: UnitBernoulli,
		W: make([]float64, n*nh), B: make([]float64, n), C: make([]float64, nh),
		Training: map[string]any{"protocol": "pcd", "k": 10, "seed": uint64(1<<63 + 12345)}}
	for i := range n {
		m.VisibleNames = append(m.VisibleNames, fmt.Sprintf("v%d", i))
	}
	for _, x := range [][]float64{m.W, m.B, m.C} {
		for k := range x {
			x[k] = rng.NormFloat64()
		}
	}
	return m
}

func TestModelRoundTrip(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {3, 2}, {805, 12}} {
		m := randomModel(size[0], size[1], 9)
		dir := filepath.Join(t.TempDir(), "model")
		if err := WriteModel(dir, m, false); err != nil {
			t.Fatal(err)
		}
		got, err := ReadModel(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.W, m.W) || !slices.Equal(got.B, m.B) || !slices.Equal(got.C, m.C) ||
			!slices.Equal(got.VisibleNames, m.VisibleNames) ||
			got.Visible != m.Visible || got.Hidden != m.Hidden {
			t.Fatalf("%v: model differs after the round trip", size)
		}
		// Training survives with every digit of a 64-bit seed.
		if s := got.Training["seed"].(json.Number).String(); s != "9223372036854788153" {
			t.Fatalf("seed %s", s)
		}
		if got.Training["protocol"] != "pcd" || got.Training["k"].(json.Number) != "10" {
			t.Fatalf("training %v", got.Training)
		}
	}
}

func TestModelLayout(t *testing.T) {
	// W[i,a] sits in row i, column h{a} of weights.parquet, as the docs
	// promise to pandas users.
	m := randomModel(4, 3, 1)
	dir := filepath.Join(t.TempDir(), "model")
	if err := WriteModel(dir, m, false); err != nil {
		t.Fatal(err)
	}
	w, err := ReadTable(filepath.Join(dir, WeightsFile))
	if err != nil {
		t.Fatal(err)
	}
	if w.Artifact != ArtifactWeights || w.Rows != 4 || len(w.Columns) != 3 {
		t.Fatalf("weights: %q, %d rows, %d columns", w.Artifact, w.Rows, len(w.Columns))
	}
	if w.Columns[2].Name != "h2" || w.Columns[2].Float64[1] != m.W[1*3+2] {
		t.Fatalf("W[1,2]: %s %v, want h2 %v", w.Columns[2].Name, w.Columns[2].Float64[1], m.W[5])
	}
	var mj map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, ModelJSONFile))
	if err := json.Unmarshal(b, &mj); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{"visible": "ising", "hidden": "bernoulli",
		"n_visible": 4.0, "n_hidden": 3.0, "spinfer_version": SpinferVersion} {
		if mj[k] != v {
			t.Errorf("model.json %s = %v, want %v", k, mj[k], v)
		}
	}
}

func TestModelAtomic(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "model")
	if err := WriteModel(dir, randomModel(3, 2, 1), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteModel(dir, randomModel(3, 2, 2), false); !errors.Is(err, atomicfile.ErrExists) {
		t.Fatalf("got %v, want ErrExists", err)
	}
	bad := randomModel(3, 2, 3)
	bad.W[3] = math.NaN()
	if err := WriteModel(dir, bad, true); !errors.Is(err, ErrInvalid) ||
		!strings.Contains(err.Error(), "W[1,1] is NaN") {
		t.Fatalf("got %v, want ErrInvalid naming W[1,1]", err)
	}
	got, err := ReadModel(dir)
	if err != nil || got.W[0] != randomModel(3, 2, 1).W[0] {
		t.Fatalf("a refused write changed the model: %v", err)
	}
	if err := WriteModel(filepath.Join(parent, "m2"), bad, false); err == nil {
		t.Fatal("invalid model written")
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Fatalf("%d entries left in the parent, want 1", len(entries))
	}
	if err := WriteModel(dir, randomModel(3, 2, 2), true); err != nil {
		t.Fatal(err)
	}
}

func TestWriteModelFilesIntoCheckpoint(t *testing.T) {
	tmp := t.TempDir()
	m := randomModel(2, 2, 1)
	if err := WriteModelFiles(tmp, m); err != nil {
		t.Fatal(err)
	}
	// A checkpoint adds its own state file; ReadModel ignores it.
	os.WriteFile(filepath.Join(tmp, "state.json"), []byte("{}"), 0o644)
	if _, err := ReadModel(tmp); err != nil {
		t.Fatal(err)
	}
	if err := WriteModelFiles(tmp, m); !errors.Is(err, atomicfile.ErrExists) {
		t.Fatalf("second write: %v, want ErrExists", err)
	}
}

func TestModelValidate(t *testing.T) {
	m := randomModel(3, 2, 1)
	m.VisibleNames = m.VisibleNames[:2]
	m.W = m.W[:5]
	m.Visible = "gaussian"
	m.C[1] = math.Inf(1)
	err := m.Validate()
	for _, want := range []string{"2 visible names for 3", "W has 5 entries", `"gaussian"`,
		"C[1] is +Inf"} {
		if !strings.Contains(fmt.Sprint(err), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("%v does not wrap ErrInvalid", err)
	}
}

func TestReadModelInconsistent(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(dir string)
		want  string
	}{
		{"missing model.json", func(dir string) { os.Remove(filepath.Join(dir, ModelJSONFile)) },
			"model.json"},
		{"n_visible", func(dir string) { editModelJSON(dir, "n_visible", 4) },
			"weights.parquet: 3 rows but model.json says n_visible = 4"},
		{"n_hidden", func(dir string) { editModelJSON(dir, "n_hidden", 3) },
			`weights.parquet: columns ["h0" "h1"], want ["h0" "h1" "h2"]`},
		{"visible rows", func(dir string) {
			WriteTable(filepath.Join(dir, VisibleFile), ArtifactVisible, []Column{
				{Name: "variable", String: []string{"a", "b"}},
				{Name: "bias", Float64: []float64{1, 2}}}, nil, true)
		}, "visible.parquet: 2 rows but model.json says n_visible = 3"},
		{"swapped files", func(dir string) {
			os.Rename(filepath.Join(dir, HiddenFile), filepath.Join(dir, "x"))
			b, _ := os.ReadFile(filepath.Join(dir, VisibleFile))
			os.WriteFile(filepath.Join(dir, HiddenFile), b, 0o644)
		}, `hidden.parquet: spinfer.artifact is "model-visible", want "model-hidden"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "model")
			if err := WriteModel(dir, randomModel(3, 2, 1), false); err != nil {
				t.Fatal(err)
			}
			tc.spoil(dir)
			_, err := ReadModel(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func editModelJSON(dir, key string, v any) {
	path := filepath.Join(dir, ModelJSONFile)
	var mj map[string]any
	b, _ := os.ReadFile(path)
	json.Unmarshal(b, &mj)
	mj[key] = v
	b, _ = json.Marshal(mj)
	os.WriteFile(path, b, 0o644)
}
