package rbm

import (
	"bytes"
	"encoding/gob"
	"math"
	"testing"
)

// TestResumeBitForBit: for every protocol, a run of 2u updates equals, bit
// for bit in every parameter and chain state, a run of u updates saved to
// State, gob-encoded, decoded, resumed and run for u more; at float64 and
// float32. u = 9 crosses PT ladder rebuilds (updates 1, 2, 4, 8, then
// every 7) and Jarzynski resamplings. Removing any piece of State (a
// stream, the permutation, the weights) makes this test fail.
func TestResumeBitForBit(t *testing.T) {
	data := teacherData(t, 9, 3, 250, Binary, 1.5, 4)
	for _, cfg := range allProtocols() {
		cfg.Hidden, cfg.K, cfg.Batch, cfg.LearningRate, cfg.Updates, cfg.Seed = 5, 3, 50, 1,
			18, 3
		if cfg.Protocol != CD {
			cfg.Chains = 40
		}
		cfg.Schedule = Schedule{Kind: Exponential, FinalLR: 0.1}
		cfg.InitStd = 0.5 // coupled from the start: multi-rung ladders, memory in the chains
		name := string(cfg.Protocol)
		t.Run(name+"/float64", func(t *testing.T) { testResume[float64](t, cfg, data) })
		t.Run(name+"/float32", func(t *testing.T) { testResume[float32](t, cfg, data) })
	}
}

func testResume[T Float](t *testing.T, cfg Config, data []int8) {
	const u = 9
	whole := trainFor[T](t, mustTrainer[T](t, cfg, data), 2*u)
	half := trainFor[T](t, mustTrainer[T](t, cfg, data), u)
	st, err := half.State()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(st); err != nil {
		t.Fatal(err)
	}
	var back State
	if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
		t.Fatal(err)
	}
	resumed, err := Resume[T](&back, data)
	if err != nil {
		t.Fatal(err)
	}
	resumed = trainFor[T](t, resumed, u)
	if name, ok := sameBits(whole.Params(), resumed.Params()); !ok {
		t.Errorf("%s differs after resume", name)
	}
	for k := range whole.ch.v {
		if whole.ch.v[k] != resumed.ch.v[k] {
			t.Fatalf("chain state %d differs after resume", k)
		}
	}
	for k := range whole.logW {
		if math.Float64bits(whole.logW[k]) != math.Float64bits(resumed.logW[k]) {
			t.Fatalf("log w %d differs after resume", k)
		}
	}
	if whole.Update() != resumed.Update() || whole.epochs() != resumed.epochs() {
		t.Errorf("counters differ: %d/%v vs %d/%v", whole.Update(), whole.epochs(),
			resumed.Update(), resumed.epochs())
	}
}

func mustTrainer[T Float](t *testing.T, cfg Config, data []int8) *Trainer[T] {
	t.Helper()
	tr, err := NewTrainer[T](cfg, data, len(data)/250, Binary)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func trainFor[T Float](t *testing.T, tr *Trainer[T], n int) *Trainer[T] {
	t.Helper()
	for range n {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

func TestResumeRejectsMismatch(t *testing.T) {
	data := teacherData(t, 9, 3, 250, Binary, 1.5, 4)
	tr := trainFor(t, mustTrainer[float32](t, Config{Hidden: 4, Batch: 50}, data), 2)
	st, err := tr.State()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Resume[float64](st, data); err == nil {
		t.Error("float32 state resumed as float64")
	}
	other := append([]int8(nil), data...)
	other[5] = 1 - other[5]
	if _, err := Resume[float32](st, other); err == nil {
		t.Error("state resumed on different data")
	}
}
