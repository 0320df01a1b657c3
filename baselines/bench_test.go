package baselines

import (
	"fmt"
	"testing"

	"github.com/spinfer/spinfer/ising"
)

// BenchmarkInference times both methods on Metropolis samples of an L×L
// periodic ferromagnet at K = 0.3, on a ladder of sizes (R rows).
func BenchmarkInference(b *testing.B) {
	for _, c := range []struct{ L, rows int }{{5, 2000}, {7, 10000}} {
		h, err := ising.Spec{L: c.L, Beta: 0.3}.Build(nil)
		if err != nil {
			b.Fatal(err)
		}
		res, err := ising.Sample(h, ising.Config{Samples: c.rows}, 1)
		if err != nil {
			b.Fatal(err)
		}
		s := Samples{N: h.N, Spins: res.Spins}
		b.Run(fmt.Sprintf("nmf/L=%d/R=%d", c.L, c.rows), func(b *testing.B) {
			for b.Loop() {
				if _, err := NaiveMeanField(s, NMFConfig{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("plm/L=%d/R=%d", c.L, c.rows), func(b *testing.B) {
			for b.Loop() {
				if _, err := PseudoLikelihood(s, PLMConfig{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
