package rbm

import (
	"math"
	"slices"
	"testing"
)

// TestESSHandComputed: ESS = (Σw)²/(nΣw²) on the weights w = exp(log w).
// For w = (1,2,3): 36/(3·14) = 6/7. Computing it on 1/w (the mixed
// convention seen in public code) would give (11/6)²/(3·49/36) = 121/147,
// so the case tells the conventions apart.
func TestESSHandComputed(t *testing.T) {
	cases := []struct {
		logW []float64
		want float64
	}{
		{[]float64{0, math.Log(2), math.Log(3)}, 6.0 / 7},
		{[]float64{5, 5, 5, 5}, 1},
		{[]float64{0, -1000, -1000}, 1.0 / 3},
		{[]float64{800, 800 + math.Log(3)}, 16.0 / 20}, // (1+3)²/(2·10), no overflow
	}
	for _, c := range cases {
		// 1e−12: 800 + log 3 is rounded at the ulp of 800 (1.1e−13)
		if got := ESS(c.logW); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ESS(%v) = %v, want %v", c.logW, got, c.want)
		}
	}
}

// TestSystematicResampleHandComputed: normalised weights (0.1,0.2,0.3,0.4)
// have cumulative sums (0.1,0.3,0.6,1.0). With u = 0.5 the pointers
// (j+u)/4 = 0.125, 0.375, 0.625, 0.875 fall in chains 1, 2, 3, 3; with
// u = 0 the pointers 0, 0.25, 0.5, 0.75 fall in 0, 1, 2, 3.
func TestSystematicResampleHandComputed(t *testing.T) {
	logW := []float64{math.Log(0.1), math.Log(0.2), math.Log(0.3), math.Log(0.4)}
	for _, c := range []struct {
		u    float64
		want []int
	}{{0.5, []int{1, 2, 3, 3}}, {0, []int{0, 1, 2, 3}}, {0.999, []int{1, 2, 3, 3}}} {
		if got := SystematicResample(logW, c.u); !slices.Equal(got, c.want) {
			t.Errorf("u = %v: %v, want %v", c.u, got, c.want)
		}
	}
	// one dominant weight takes every slot
	if got := SystematicResample([]float64{-900, 0, -900}, 0.3); !slices.Equal(got,
		[]int{1, 1, 1}) {
		t.Errorf("dominant weight: %v", got)
	}
}

// TestJarzynskiWeightSign: on N = M = 1 with a chain at (v,h) = (1,1),
// E = −(b + c + W). An update that raises b by lr·∇b lowers E by that much,
// so log w must grow by exactly lr·∇b: the state became more probable.
func TestJarzynskiWeightSign(t *testing.T) {
	data := []int8{1, 1, 1, 0}
	cfg := Config{Protocol: Jarzynski, Hidden: 1, Batch: 2, Chains: 2, K: 1, Updates: 1,
		LearningRate: 0.5}
	tr, err := NewTrainer[float64](cfg, data, 1, Binary)
	if err != nil {
		t.Fatal(err)
	}
	// chain 0 at (1,1), chain 1 at (0,0): only chain 0's energy depends on
	// the parameters
	tr.ch.v[0], tr.ch.h[0], tr.ch.v[1], tr.ch.h[1] = 1, 1, 0, 0
	tr.ch.fresh = false
	tr.energy = chainEnergies(tr.ch, tr.p)
	before := tr.p.Clone()
	tr.g.gW[0], tr.g.gb[0], tr.g.gc[0] = 0, 0.2, 0
	var info StepInfo
	tr.applyUpdate(0.5, true, &info)
	wantDE := -(tr.p.B[0] - before.B[0]) // −0.1
	if math.Abs(wantDE+0.1) > 1e-15 {
		t.Fatalf("b moved by %v, want 0.1", -wantDE)
	}
	if math.Abs(tr.logW[0]-0.1) > 1e-15 || tr.logW[1] != 0 {
		t.Errorf("log w = %v, want [0.1 0]", tr.logW)
	}
	if want := ESS([]float64{0.1, 0}); math.Abs(info.ESS-want) > 1e-15 || info.Resampled {
		t.Errorf("ESS %v (resampled %v), want %v without resampling", info.ESS, info.Resampled,
			want)
	}
}

// TestJarzynskiResamplesUnderThreshold: with threshold 1 every update whose
// weights are not all equal resamples, and resampling resets log w to 0.
func TestJarzynskiResamplesUnderThreshold(t *testing.T) {
	data := teacherData(t, 6, 2, 200, Binary, 1.5, 2)
	cfg := Config{Protocol: Jarzynski, Hidden: 4, Updates: 20, LearningRate: 0.1,
		Jarzynski: JarzynskiConfig{ESSThreshold: 1, WarmUp: 5}}
	tr, err := NewTrainer[float64](cfg, data, 6, Binary)
	if err != nil {
		t.Fatal(err)
	}
	for u := range cfg.Updates {
		info, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		warm := u < cfg.Jarzynski.WarmUp
		if warm != (info.ESS == 1 && !info.Resampled) {
			t.Errorf("update %d: warm-up %v but ESS %v, resampled %v", u+1, warm, info.ESS,
				info.Resampled)
		}
		if !warm && (!info.Resampled || slices.ContainsFunc(tr.logW, func(l float64) bool {
			return l != 0
		})) {
			t.Errorf("update %d: ESS %v < 1 but resampled %v, log w %v", u+1, info.ESS,
				info.Resampled, tr.logW[:3])
		}
	}
}
