package mixing

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// setup writes a run directory with an Ising-visible model of one hidden
// unit and a dataset of N = 8 spins: half the rows all +1, half all −1.
func setup(t *testing.T, w, b float64, protocol string) string {
	t.Helper()
	dir := t.TempDir()
	const n = 8
	m := &formats.Model{Visible: formats.UnitIsing, Hidden: formats.UnitBernoulli,
		W: make([]float64, n), B: make([]float64, n), C: []float64{0},
		Training: map[string]any{"protocol": protocol, "k": 1}}
	d := &formats.Dataset{Basis: formats.Ising, Rows: 40}
	for i := range n {
		m.W[i], m.B[i] = w, b
		m.VisibleNames = append(m.VisibleNames, "s"+string(rune('0'+i)))
	}
	d.Names = m.VisibleNames
	for r := range d.Rows {
		for range n {
			d.Values = append(d.Values, int8(1-2*(r%2)))
		}
	}
	if err := formats.WriteModel(filepath.Join(dir, "model"), m, false); err != nil {
		t.Fatal(err)
	}
	if err := formats.WriteDataset(filepath.Join(dir, "dataset.parquet"), d, false); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A model of independent spins (W = 0) mixes within a few steps: an rdm
// model with k = 1 is then not flagged. A strongly bimodal model (one hidden
// unit with W = 3 on every spin) keeps chains from the two data modes apart
// for the whole run: flagged, and mixing.json says so.
func TestVerdict(t *testing.T) {
	free := setup(t, 0, 0.2, "rdm")
	rep, err := Run(context.Background(), Options{RunDir: free, MaxTime: 64, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Mixed || rep.OutOfEquilibrium || rep.MixingTime == nil || *rep.MixingTime > 4 {
		t.Fatalf("independent spins: %+v", rep)
	}

	stuck := setup(t, 3, -1.5, "pcd")
	rep, err = Run(context.Background(), Options{RunDir: stuck, MaxTime: 64, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Mixed || !rep.OutOfEquilibrium || rep.MixingTime != nil {
		t.Fatalf("bimodal model: %+v", rep)
	}
	b, err := os.ReadFile(filepath.Join(stuck, JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var got Report
	if err := json.Unmarshal(b, &got); err != nil || !got.OutOfEquilibrium {
		t.Fatalf("mixing.json: %s (%v)", b, err)
	}
	tab, err := formats.ReadTable(filepath.Join(stuck, CurveFile))
	if err != nil || tab.Rows != 7 { // t = 1, 2, …, 64
		t.Fatalf("curve: %v rows, err %v", tab, err)
	}
	if _, err := Run(context.Background(), Options{RunDir: stuck, MaxTime: 64}, nil); err == nil {
		t.Fatal("existing mixing.json replaced without force")
	}
}
