package generate_test

import (
	"context"
	"fmt"
	"os"

	"github.com/spinfer/spinfer/stages/generate"
)

// Draw 1000 configurations of a 3×3 periodic ferromagnet at βJ = 0.3; with
// N = 9 ≤ 16 the automatic sampler enumerates the 512 states exactly.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "spinfer-generate")
	defer os.RemoveAll(dir)
	res, err := generate.Run(context.Background(), generate.Options{RunDir: dir,
		Model: generate.Ferro2D, L: 3, Beta: 0.3, Samples: 1000, Seed: 1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d×%d by %s; truth: %d bonds of βJ = %g\n", res.Rows, res.N, res.Sampler,
		res.Terms[2], res.Beta)
	// Output:
	// 1000×9 by exact; truth: 18 bonds of βJ = 0.3
}
