package rbm

import "testing"

// TestMixingFastModel: a weakly coupled model (W ~ N(0, 0.1²), N = 20)
// decorrelates in a few Gibbs steps, so the diagnostic reports mixing by
// t = 16 and a short energy autocorrelation time.
func TestMixingFastModel(t *testing.T) {
	p := randomParams[float64](20, 5, Binary, 0.1, 2)
	data := randomData(300, 20)
	mx, err := MixingDiagnostic(p, data, MixingConfig{Chains: 200, MaxTime: 256, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("mixed %v at %d; τ_E %.2f (reliable %v)", mx.Mixed, mx.MixingTime, mx.TauEnergy,
		mx.TauReliable)
	if !mx.Mixed || mx.MixingTime > 16 || !mx.TauReliable || mx.TauEnergy > 5 {
		t.Errorf("fast model: %+v", mx)
	}
	if len(mx.Times) != 9 || mx.Times[8] != 256 {
		t.Errorf("times %v, want 1..256", mx.Times)
	}
}

// TestMixingBimodalModel: on the bimodal model of TestPTCrossesBarrier,
// chains started from exact samples (both modes) stay in their mode: their
// overlap with themselves at t/2 stays near 1 while independent chains
// overlap near 0, so the diagnostic must report no mixing.
func TestMixingBimodalModel(t *testing.T) {
	p, pv := bimodalModel(t)
	var data []int8
	for idx, q := range pv { // the two most probable states: one per mode
		if q > 0.05 {
			for _, x := range config[float64](idx, p.N, true) {
				data = append(data, int8(x))
			}
		}
	}
	if len(data) != 2*p.N {
		t.Fatalf("expected two dominant states, got %d rows", len(data)/p.N)
	}
	mx, err := MixingDiagnostic(p, data, MixingConfig{Chains: 200, MaxTime: 512, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	last := len(mx.Times) - 1
	t.Logf("q(t,t/2) %.3f, q_indep %.3f at t=%d", mx.OverlapHalf[last], mx.OverlapIndep[last],
		mx.Times[last])
	if mx.Mixed {
		t.Errorf("bimodal model reported mixed at %d", mx.MixingTime)
	}
}

// TestAutocorrelationAR1: an AR(1) series x_t = a x_{t−1} + ε has
// ρ(τ) = a^τ and τ_int = (1+a)/(1−a) = 3 for a = 0.5; 50 series of 4000
// steps estimate it within 10%.
func TestAutocorrelationAR1(t *testing.T) {
	s := newStream(1, 99, 0)
	series := make([][]float64, 50)
	for j := range series {
		x := 0.0
		for range 4000 {
			// uniform noise of unit variance: √12 (u − ½)
			x = 0.5*x + 3.4641016151377544*(s.float64()-0.5)
			series[j] = append(series[j], x)
		}
	}
	rho, tau, ok := autocorrelation(series)
	if !ok || tau < 2.7 || tau > 3.3 || rho[1] < 0.45 || rho[1] > 0.55 {
		t.Errorf("τ = %v (ok %v), ρ(1) = %v; want 3 and 0.5", tau, ok, rho[1])
	}
}
