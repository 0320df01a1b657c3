package importmodel

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkRun imports models of growing size from .npy (float32) and
// from CSV text, writing the model directory each time.
func BenchmarkRun(b *testing.B) {
	for _, size := range [][2]int{{64, 16}, {784, 500}} {
		n, m := size[0], size[1]
		mod := randomModel(n, m, 0.1, 10)
		dir := b.TempDir()
		p := files(dir, "W.npy", "b.npy", "c.npy", "W.csv")
		writeNPY(b, p[0], "<f4", false, n, m, mod.w)
		writeNPY(b, p[1], "<f4", false, n, 0, mod.b)
		writeNPY(b, p[2], "<f4", false, m, 0, mod.c)
		writeText(b, p[3], ",", nil, n, m, mod.w)
		for _, w := range []string{p[0], p[3]} {
			b.Run(fmt.Sprintf("%dx%d/%s", n, m, filepath.Ext(w)[1:]), func(b *testing.B) {
				o := Options{Weights: w, VisibleBias: p[1], HiddenBias: p[2],
					Output: filepath.Join(dir, "model"), Force: true}
				for b.Loop() {
					if _, err := Run(context.Background(), o, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
