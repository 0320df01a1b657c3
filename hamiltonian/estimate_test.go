package hamiltonian

import (
	"testing"
)

// TestEstimateCounts checks the predicted work against the plan: complete
// orders count C(N, k) sets, screened orders C·K, and the time and memory
// are positive. (Predicted times are not asserted: see the benchmarks.)
func TestEstimateCounts(t *testing.T) {
	r := randomRBM(30, 5, 0.3, false, 1)
	c, err := Estimate(r, GaussianOptions{MaxOrder: 4, MaxAll: 5000, Top: 50})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]int{1: 30, 2: 435, 3: 4060, 4: 200} // C(30,4) = 27405 > 5000
	for k, n := range want {
		if c.Sets[k] != n {
			t.Errorf("Sets[%d] = %d, want %d", k, c.Sets[k], n)
		}
	}
	if _, ok := c.Scores[3]; ok || c.Scores[4] <= 0 {
		t.Errorf("Scores = %v, want only order 4", c.Scores)
	}
	if c.Duration <= 0 || c.Bytes < int64(24*(30+435+4060+200)) {
		t.Errorf("Duration %v, Bytes %d", c.Duration, c.Bytes)
	}
	ex, err := ExactCost(randomRBM(24, 3, 0.1, false, 1), 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Bytes < 8<<24 || ex.Duration <= 0 || ex.Sets[2] != 276 {
		t.Errorf("ExactCost = %+v, want ≥ 128 MiB and 276 pairs", ex)
	}
}
