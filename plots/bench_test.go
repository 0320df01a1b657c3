package plots

import (
	"fmt"
	"path/filepath"
	"testing"
)

// Scatter sizes: couplings of N = 64 (2016 pairs) up to the pairs of
// N = 805 (323 610).
func BenchmarkScatter(b *testing.B) {
	dir := b.TempDir()
	for _, n := range []int{2016, 32000, 323610} {
		x, y := noisyLine(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				err := Scatter(filepath.Join(dir, "s.png"), "t", "x", "y", x, y, true)
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
