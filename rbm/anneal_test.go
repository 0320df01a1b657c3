package rbm

import (
	"math"
	"testing"
)

// TestPopulationAnnealingMatchesExact: on N = 6 (64 states) the weighted
// final population of 20000 chains matches the exact distribution within
// tvBound (expected TV ≤ ½·sqrt(2·64/(π·S_eff)) ≈ 0.02 at worst for an
// effective sample S_eff ≈ 10⁴ after resampling; the models are peaked, so
// less), and the log Z estimate is within 0.02 of exact enumeration. The
// threshold 0.95 forces resampling events.
func TestPopulationAnnealingMatchesExact(t *testing.T) {
	for _, vis := range bothVisible() {
		p, exact := sizedSamplerModel[float64](t, 6, 3, vis)
		res, err := PopulationAnneal(p, AnnealConfig{Population: 20000, Steps: 50,
			ESSThreshold: 0.95, Seed: 8})
		if err != nil {
			t.Fatal(err)
		}
		h := make([]float64, len(exact))
		for r := range res.Rows {
			row := int8ToFloat[float64](res.Samples[r*p.N : (r+1)*p.N])
			h[stateIndex(row)] += math.Exp(res.LogWeights[r])
		}
		logZ, _ := ExactLogZ(p)
		d := totalVariation(h, exact)
		t.Logf("%v: TV %.4f, log Z %.4f (exact %.4f), ESS %.3f, %d resamplings", vis, d,
			res.LogZ, logZ, res.ESS, res.Resamplings)
		if d > tvBound {
			t.Errorf("%v: TV(annealing, exact) = %.4f > %v", vis, d, tvBound)
		}
		if math.Abs(res.LogZ-logZ) > 0.02 || res.Resamplings == 0 {
			t.Errorf("%v: log Z %.4f, exact %.4f", vis, res.LogZ, logZ)
		}
	}
}
