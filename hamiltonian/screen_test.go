package hamiltonian

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// featureRBM draws an RBM whose hidden units each have a few strong
// weights (|W| ≈ 1.5, on `strong` random sites) over dense weak ones
// (N(0, 0.1²)), the shape of trained models; binary visible.
func featureRBM(n, m, strong int, seed uint64) RBM {
	r := randomRBM(n, m, 0.1, false, seed)
	rng := rand.New(rand.NewPCG(seed, 77))
	for a := 0; a < m; a++ {
		for _, i := range rng.Perm(n)[:strong] {
			r.W[i*m+a] = 1.5 * (1 + 0.3*rng.NormFloat64())
			if rng.IntN(2) == 0 {
				r.W[i*m+a] = -r.W[i*m+a]
			}
		}
	}
	return r
}

// topSets returns the sites of the K strongest terms of all.
func topSets(all []Term, k, K int) map[[4]int32]bool {
	s := slices.Clone(all)
	slices.SortFunc(s, func(a, b Term) int { return compareStrength(&a, &b, k) })
	out := map[[4]int32]bool{}
	for _, t := range s[:K] {
		out[t.Sites] = true
	}
	return out
}

func recall(truth map[[4]int32]bool, got []Term) float64 {
	hit := 0
	for _, t := range got {
		if truth[t.Sites] {
			hit++
		}
	}
	return float64(hit) / float64(len(truth))
}

// TestScreenRecall measures the screen's recall of the true top K triplets
// (exhaustive Gaussian evaluation of all C(100,3) = 161 700) on N = 100,
// M = 20 models: "dense" (W ~ N(0, 0.3²)) always, "features" (featureRBM)
// when SPINFER_LONG is set. Budgets: the default (the pool holds every
// site, so the rank-M form is scored on all triplets), 2e5 (pool of 32
// sites, unit lists of 7) and 1e6 (pool of 54, unit lists of 11). Floors
// are the measured recalls (seed 5) less ~0.05:
//
//	model     budget   K=100  K=1000
//	dense     default  1.000  1.000
//	dense     2e5      0.740  0.410
//	dense     1e6      0.940  0.773
//	features  default  1.000  1.000
//	features  2e5      1.000  0.618
//	features  1e6      1.000  0.874
func TestScreenRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive triplets of N = 100")
	}
	models := map[string]RBM{
		"dense": randomRBM(100, 20, 0.3, false, 5),
	}
	if os.Getenv("SPINFER_LONG") != "" {
		models["features"] = featureRBM(100, 20, 6, 5)
	}
	floors := map[string]map[float64][2]float64{ // budget → floor for K=100, 1000
		"dense":    {0: {0.95, 0.95}, 2e5: {0.69, 0.36}, 1e6: {0.89, 0.72}},
		"features": {0: {0.95, 0.95}, 2e5: {0.95, 0.57}, 1e6: {0.95, 0.82}},
	}
	for name, r := range models {
		full, err := Gaussian(r, GaussianOptions{MaxOrder: 3})
		if err != nil {
			t.Fatal(err)
		}
		for budget, floor := range floors[name] {
			for j, K := range []int{100, 1000} {
				got, err := Gaussian(r, GaussianOptions{MaxOrder: 3, MaxAll: -1, Top: K,
					ScreenBudget: budget})
				if err != nil {
					t.Fatal(err)
				}
				rc := recall(topSets(full.Orders[3], 3, K), got.Orders[3])
				t.Logf("%s budget=%g K=%d: recall %.3f", name, budget, K, rc)
				if rc < floor[j] {
					t.Errorf("%s budget=%g K=%d: recall %.3f < %.2f",
						name, budget, K, rc, floor[j])
				}
			}
		}
	}
}

// TestScreenQuadruplets: with a pool holding every site, the screen must
// find the true top 200 of the C(22,4) = 7315 quadruplets (measured
// recall 1.0; floor 0.95).
func TestScreenQuadruplets(t *testing.T) {
	r := randomRBM(22, 6, 0.4, true, 8)
	full, err := Gaussian(r, GaussianOptions{MaxOrder: 4})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Gaussian(r, GaussianOptions{MaxOrder: 4, MaxAll: -1, Top: 200})
	if err != nil {
		t.Fatal(err)
	}
	if got.TopK[4] != 200 || got.TopK[3] != 200 || len(got.Orders[4]) != 200 {
		t.Fatalf("TopK = %v, %d quadruplets", got.TopK, len(got.Orders[4]))
	}
	for j := 1; j < len(got.Orders[4]); j++ {
		if compareSites(&got.Orders[4][j-1], &got.Orders[4][j], 4) >= 0 {
			t.Fatalf("screened quadruplets not in lexicographic order at %d", j)
		}
	}
	rc := recall(topSets(full.Orders[4], 4, 200), got.Orders[4])
	t.Logf("quadruplet recall %.3f", rc)
	if rc < 0.95 {
		t.Errorf("quadruplet recall %.3f < 0.95", rc)
	}
}
