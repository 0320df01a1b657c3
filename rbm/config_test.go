package rbm

import (
	"math"
	"strings"
	"testing"
)

func TestConfigZeroValueIsValid(t *testing.T) {
	if err := (Config{}).Validate(); err != nil {
		t.Fatal(err)
	}
	d := Config{}.withDefaults()
	if d.Protocol != PCD || d.K != 10 || d.Batch != 100 || d.Chains != 100 ||
		d.LearningRate != 0.01 || d.Updates != 10000 || d.Hidden != 100 {
		t.Errorf("defaults %+v", d)
	}
}

// TestConfigValidateReportsEveryField sets many bad fields at once; the
// error must name each of them.
func TestConfigValidateReportsEveryField(t *testing.T) {
	c := Config{Protocol: "gibbs", K: -1, Batch: -2, LearningRate: math.NaN(), Updates: 5,
		Epochs: 2, L1: -1, Minibatch: "stream", InitStd: -1,
		Schedule:  Schedule{Kind: Exponential},
		Jarzynski: JarzynskiConfig{ESSThreshold: 2, WarmUp: -3},
		PT:        PTConfig{Betas: []float64{0.5, 0.2, 1}, TargetSwapRate: 1.5, BetaMin: 1}}
	err := c.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, field := range []string{"Protocol", "K =", "Batch", "LearningRate", "give one",
		"L1", "Minibatch", "InitStd", "Schedule", "ESSThreshold", "WarmUp", "PT.Betas",
		"TargetSwapRate", "BetaMin"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("error does not mention %s: %v", field, err)
		}
	}
}

func TestCDNeedsOneChainPerRow(t *testing.T) {
	if err := (Config{Protocol: CD, Batch: 10, Chains: 20}).Validate(); err == nil {
		t.Error("cd with Chains ≠ Batch accepted")
	}
}

func TestDataAlphabetErrors(t *testing.T) {
	_, err := NewTrainer[float32](Config{Batch: 1}, []int8{0, 1, 1, -1}, 2, Binary)
	if err == nil || !strings.Contains(err.Error(), "row 1, column 1: value -1") {
		t.Errorf("err = %v", err)
	}
	_, err = NewTrainer[float32](Config{Batch: 1}, []int8{1, 1, 0}, 2, Ising)
	if err == nil || !strings.Contains(err.Error(), "multiple") {
		t.Errorf("ragged data: err = %v", err)
	}
	_, err = NewTrainer[float32](Config{Batch: 5}, []int8{1, 1, 0, 0}, 2, Binary)
	if err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Errorf("batch larger than data: err = %v", err)
	}
}

// TestScheduleAndEpochs: an exponential schedule with FinalLR reaches it
// at the last planned update; epochs count passes over the data in both
// minibatch modes (10 rows, batch 4: 2 updates per shuffled epoch, the
// remaining 2 rows wait for the next permutation).
func TestScheduleAndEpochs(t *testing.T) {
	data := make([]int8, 10*3)
	for k := range data {
		data[k] = int8(k % 2)
	}
	cfg := Config{Hidden: 2, Batch: 4, Epochs: 3, LearningRate: 0.1,
		Schedule: Schedule{Kind: Exponential, FinalLR: 0.001}}
	tr, err := NewTrainer[float64](cfg, data, 3, Binary)
	if err != nil {
		t.Fatal(err)
	}
	if tr.TotalUpdates() != 6 {
		t.Fatalf("TotalUpdates = %d, want 6", tr.TotalUpdates())
	}
	var info StepInfo
	for u := range 6 {
		if info, err = tr.Step(); err != nil {
			t.Fatal(err)
		}
		want := 0.1 * math.Pow(0.01, float64(u)/5)
		if math.Abs(info.LearningRate-want) > 1e-15 {
			t.Errorf("update %d: lr %v, want %v", u+1, info.LearningRate, want)
		}
		if wantE := float64(u+1) / 2; info.Epoch != wantE {
			t.Errorf("update %d: epoch %v, want %v", u+1, info.Epoch, wantE)
		}
	}
	if !tr.Done() {
		t.Error("not Done after the planned updates")
	}
	cfg.Minibatch = SamplePerUpdate
	tr, _ = NewTrainer[float64](cfg, data, 3, Binary)
	if info, _ = tr.Step(); tr.TotalUpdates() != 9 || info.Epoch != 0.4 {
		t.Errorf("sample mode: total %d (want 9), epoch %v (want 0.4)", tr.TotalUpdates(),
			info.Epoch)
	}
}
