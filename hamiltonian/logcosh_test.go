package hamiltonian

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The table agrees with the direct formula log cosh y = |y| +
// log1p(e^(−2|y|)) − log 2 to 2e−15 absolute (a few ulp of the O(1)
// terms summed) on a dense grid, at the node midpoints (the largest
// Taylor step), at random points, across the table's end and for ±Inf
// and NaN.
func TestLogCoshTab(t *testing.T) {
	worst := 0.0
	check := func(y float64) {
		want := math.Abs(y) + math.Log1p(math.Exp(-2*math.Abs(y))) - math.Ln2
		got := logCoshTab(y)
		if d := math.Abs(got - want); d > worst {
			worst = d
		}
		if d := math.Abs(got - want); !(d <= 2e-15*math.Max(1, math.Abs(y))) {
			t.Fatalf("logCoshTab(%v) = %v, want %v (off by %g)", y, got, want, d)
		}
	}
	for y := -25.0; y <= 25; y += 1e-4 {
		check(y)
	}
	for k := 0; k < tabMax*tabScale; k++ {
		check((float64(k) + 0.5) / (2 * tabScale)) // t halfway between nodes
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		check(rng.NormFloat64() * 3)
	}
	for _, y := range []float64{tabMax / 2, tabMax/2 - 1e-12, tabMax/2 + 1e-12, 40, -1e3} {
		check(y)
	}
	if !math.IsInf(logCoshTab(math.Inf(-1)), 1) || !math.IsNaN(logCoshTab(math.NaN())) {
		t.Error("±Inf or NaN mishandled")
	}
	t.Logf("largest difference %.2g", worst)
}

func BenchmarkLogCosh(b *testing.B) {
	ys := make([]float64, 1024)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range ys {
		ys[i] = rng.NormFloat64() * 2
	}
	var sink float64
	for _, f := range []struct {
		name string
		f    func(float64) float64
	}{{"direct", logCosh}, {"table", logCoshTab}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				for _, y := range ys {
					sink += f.f(y)
				}
			}
		})
	}
	_ = sink
}
