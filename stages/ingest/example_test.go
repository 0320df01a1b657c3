package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spinfer/spinfer/stages/ingest"
)

// Reading a small comma-separated text with a header.
func ExampleReadText() {
	text := "# two spins\na,b\n1,-1\n-1,-1\n1,1\n"
	p, err := ingest.ReadText(context.Background(), strings.NewReader(text),
		"spins.csv", ingest.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := p.Dataset
	fmt.Println(d.Rows, "rows of", d.Names, "in the", d.Basis, "basis:", d.Values)
	// Output: 3 rows of [a b] in the ising basis: [1 -1 -1 -1 1 1]
}

// Errors name the file, line, column and value.
func ExampleInputError() {
	_, err := ingest.ReadText(context.Background(), strings.NewReader("1 0\n1 2\n"),
		"data.txt", ingest.ReadOptions{})
	fmt.Println(err)
	fmt.Println("exit status 2:", ingest.IsInputError(err))
	// Output:
	// data.txt:2:2: value "2" is outside the basis {0,1}
	// exit status 2: true
}

// Ingesting a one-variable-per-line file into a run directory, with a
// reproducible train/test split.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "spinfer-example")
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "snps.txt")
	os.WriteFile(in, []byte("1 0 1 1\n0 0 1 0\n"), 0o644) // 2 variables × 4 samples

	res, err := ingest.Run(context.Background(), ingest.Options{Input: in,
		RunDir: filepath.Join(dir, "run"), Transpose: true,
		TestFraction: 0.25, Seed: 1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Rows, "rows,", res.Variables, "variables,", res.Basis)
	fmt.Println("train", res.TrainRows, "test", res.TestRows)
	for _, out := range res.Outputs {
		fmt.Println(out.Part, filepath.Base(out.Path))
	}
	// Output:
	// 4 rows, 2 variables, binary
	// train 3 test 1
	// dataset dataset.parquet
	// train train.parquet
	// test test.parquet
}
