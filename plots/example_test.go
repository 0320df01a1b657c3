package plots_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/plots"
)

// Inferred against true couplings with the y = x line.
func ExampleScatter() {
	dir, err := os.MkdirTemp("", "plots-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "pairs.png")
	truth := []float64{0.44, 0.44, 0, 0, -0.2}
	inferred := []float64{0.41, 0.46, 0.02, -0.01, -0.18}
	err = plots.Scatter(path, "Pair couplings", "true J", "inferred J", truth, inferred, true)
	if err != nil {
		panic(err)
	}
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		panic(err)
	}
	fmt.Println(cfg.Width, "×", cfg.Height, "pixels")
	// Output: 750 × 600 pixels
}
