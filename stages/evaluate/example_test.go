package evaluate_test

import (
	"context"
	"fmt"
	"os"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/evaluate"
)

// Compare inferred pair couplings with the truth of a 4-spin ring: one bond
// is inferred 0.1 too strong, one true zero at 0.1.
func ExampleRun() {
	dir, err := os.MkdirTemp("", "spinfer-evaluate")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	run := pipeline.RunDir(dir)

	names := []string{"s0", "s1", "s2", "s3"}
	pair := func(i, j int32, v float64) formats.Term {
		return formats.Term{Sites: [4]int32{i, j}, Value: v}
	}
	truth := &formats.Couplings{Names: names, Orders: map[int][]formats.Term{
		2: {pair(0, 1, 0.4), pair(1, 2, 0.4), pair(2, 3, 0.4), pair(0, 3, 0.4)}}}
	inferred := &formats.Couplings{Names: names, Orders: map[int][]formats.Term{
		2: {pair(0, 1, 0.5), pair(0, 2, 0.1), pair(0, 3, 0.4), pair(1, 2, 0.4),
			pair(1, 3, 0), pair(2, 3, 0.4)}}}
	if err := formats.WriteCouplings(run.Truth(), truth, false); err != nil {
		panic(err)
	}
	if err := formats.WriteCouplings(run.Couplings(), inferred, false); err != nil {
		panic(err)
	}

	res, err := evaluate.Run(context.Background(),
		evaluate.Options{RunDir: dir, NoPlots: true}, nil)
	if err != nil {
		panic(err)
	}
	s := res.Summary
	fmt.Printf("Δ_J = %.4f\n", s.PairsDeltaJ) // sqrt((0.1² + 0.1²) / (4·0.4²)) = sqrt(1/32)
	fmt.Printf("mean J on the bonds = %.3f (true %.3f)\n", s.MeanNNCoupling, s.TrueNNCoupling)
	fmt.Printf("ROC-AUC = %.2f\n", s.PairsAUC)
	fmt.Println("samples compared:", s.Samples2ptR.Valid())
	// Output:
	// Δ_J = 0.1768
	// mean J on the bonds = 0.425 (true 0.400)
	// ROC-AUC = 1.00
	// samples compared: false
}
