package sample

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

func writeModel(t *testing.T, dir, protocol string) {
	t.Helper()
	m := &formats.Model{VisibleNames: []string{"a", "b", "c"}, Visible: formats.UnitIsing,
		Hidden: formats.UnitBernoulli, W: []float64{0.5, -0.2, 0.1, 0.3, -0.4, 0.2},
		B: []float64{0.1, 0, -0.1}, C: []float64{0, 0.2},
		Training: map[string]any{"protocol": protocol, "k": 7}}
	if err := formats.WriteModel(filepath.Join(dir, "model"), m, false); err != nil {
		t.Fatal(err)
	}
}

// Samples carry the model's variable names and basis, and say how they
// were drawn; an rdm model is sampled with its own k by default.
func TestRunFollowsTraining(t *testing.T) {
	dir := t.TempDir()
	writeModel(t, dir, "rdm")
	res, err := Run(context.Background(), Options{RunDir: dir, Samples: 50, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.K != 7 || res.Init != InitRandom || res.Chains != 50 {
		t.Fatalf("rdm model sampled with k = %d, init %s, %d chains; want its own k = 7 "+
			"from random starts, one chain per sample", res.K, res.Init, res.Chains)
	}
	d, err := formats.ReadDataset(filepath.Join(dir, "samples.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 50 || d.Basis != formats.Ising || d.Names[2] != "c" {
		t.Fatalf("samples %d rows, basis %s, names %v", d.Rows, d.Basis, d.Names)
	}
	if d.Meta["spinfer.sample_k"] != "7" || d.Meta["spinfer.model_protocol"] != "rdm" {
		t.Fatalf("metadata %v", d.Meta)
	}
	if _, err := Run(context.Background(), Options{RunDir: dir, Samples: 50}, nil); err == nil {
		t.Fatal("existing samples replaced without force")
	}
}

// The same seed gives the same samples; PCD models default to long chains.
func TestRunReproducible(t *testing.T) {
	dir := t.TempDir()
	writeModel(t, dir, "pcd")
	o := Options{RunDir: dir, Samples: 40, Seed: 9, Force: true}
	r1, err := Run(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := formats.ReadDataset(filepath.Join(dir, "samples.parquet"))
	Run(context.Background(), o, nil)
	b, _ := formats.ReadDataset(filepath.Join(dir, "samples.parquet"))
	if r1.K != 1000 {
		t.Fatalf("pcd model k = %d, want 1000", r1.K)
	}
	for i := range a.Values {
		if a.Values[i] != b.Values[i] {
			t.Fatal("same seed, different samples")
		}
	}
}

// Samples beyond the machine's memory are an input error naming --samples,
// before any sampling (the process grew until the Go runtime crashed). The
// machine is set to 1000 bytes: 1000 samples of 3 values, held twice, need 6000.
func TestSamplesBeyondMemoryAreInputError(t *testing.T) {
	saved := memTotal
	defer func() { memTotal = saved }()
	memTotal = func() float64 { return 1000 }
	dir := t.TempDir()
	writeModel(t, dir, "pcd")
	_, err := Run(context.Background(), Options{RunDir: dir, Samples: 1000, K: 5}, nil)
	if !errors.Is(err, pipeline.ErrInput) || !strings.Contains(err.Error(), "--samples 1000") {
		t.Fatalf("err = %v, want an input error naming --samples 1000", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "samples.parquet")); err == nil {
		t.Error("samples.parquet written")
	}
}

// A cancelled context (Ctrl-C, SIGTERM) stops sampling with the context's
// error and writes no samples file, with and without tempering.
func TestRunStopsOnCancel(t *testing.T) {
	for _, pt := range []bool{false, true} {
		dir := t.TempDir()
		writeModel(t, dir, "pcd")
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Run(ctx, Options{RunDir: dir, Samples: 40, PT: pt}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("pt=%v: error %v, want context.Canceled", pt, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "samples.parquet")); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("pt=%v: samples file after cancellation: %v", pt, err)
		}
	}
}
