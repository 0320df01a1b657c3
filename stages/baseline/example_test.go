package baseline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/stages/baseline"
	"github.com/spinfer/spinfer/stages/generate"
)

// Generate 3×3 ferromagnet data, then infer its couplings by
// pseudo-likelihood: every one of the 36 pairs is listed.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "spinfer-baseline")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	generate.Run(ctx, generate.Options{RunDir: dir, Model: generate.Ferro2D, L: 3,
		Beta: 0.3, Samples: 2000, Seed: 1}, nil)
	res, err := baseline.Run(ctx, baseline.Options{Method: baseline.PLM,
		Data:   filepath.Join(dir, "dataset.parquet"),
		Output: filepath.Join(dir, "couplings")}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := formats.ReadCouplings(res.Output)
	fmt.Println(c.Meta["spinfer.method"], len(c.Fields), "fields,", res.Pairs, "pairs")
	// Output:
	// plm 9 fields, 36 pairs
}
