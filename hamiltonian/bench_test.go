package hamiltonian

import (
	"fmt"
	"testing"
)

// BenchmarkSet measures one full-formula evaluation per order on 100×20
// models (dense N(0,0.3²) and features), one core.
func BenchmarkSet(b *testing.B) {
	for name, r := range map[string]RBM{
		"dense":    randomRBM(100, 20, 0.3, false, 5),
		"features": featureRBM(100, 20, 6, 5),
	} {
		e := r.Effective()
		ev := newEvaluator(&e, &GaussianOptions{Workers: 1})
		for k := 1; k <= 4; k++ {
			b.Run(fmt.Sprintf("%s/k=%d", name, k), func(b *testing.B) {
				var s scratch
				sites := []int{3, 17, 42, 88}[:k]
				for b.Loop() {
					ev.set(sites, &s)
				}
			})
		}
	}
}
