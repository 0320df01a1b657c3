package ising

import (
	"fmt"
	"testing"
)

// BenchmarkSweep measures one sweep of each Markov method on the periodic
// 2D ferromagnet at K = 0.4 for a ladder of sizes (ns/op is per sweep;
// Tempering has 12 replicas).
func BenchmarkSweep(b *testing.B) {
	for _, L := range []int{8, 32, 128} {
		h, err := Spec{L: L, Beta: 0.4}.Build(nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range []Method{Metropolis, HeatBath, Wolff, Tempering} {
			b.Run(fmt.Sprintf("%s/L=%d", m, L), func(b *testing.B) {
				rng := newStream(1, 1)
				cfg := Config{Method: m}.withDefaults()
				k := newKernel(h, cfg, rng)
				b.ResetTimer()
				for b.Loop() {
					k.sweep(rng)
				}
			})
		}
	}
}
