package report_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/stages/report"
)

// A run directory holding only a dataset gets a report that names what is
// missing (and, in report.md, the command that makes each).
func ExampleRun() {
	dir, err := os.MkdirTemp("", "spinfer-report-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	d := &formats.Dataset{Names: []string{"a", "b"}, Basis: formats.Ising, Rows: 2,
		Values: []int8{1, -1, -1, 1}}
	if err := formats.WriteDataset(filepath.Join(dir, "dataset.parquet"), d, false); err != nil {
		log.Fatal(err)
	}
	res, err := report.Run(context.Background(), report.Options{RunDir: dir}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Kind, filepath.Base(res.Path), len(res.Figures), "figures")
	for _, m := range res.Missing {
		fmt.Println("missing:", strings.SplitN(m, " (", 2)[0])
	}
	// Output:
	// run report.md 0 figures
	// missing: evaluation.json
	// missing: manifest.json
	// missing: model/
	// missing: metrics.parquet
	// missing: couplings/
	// missing: truth/
	// missing: samples.parquet
	// missing: mixing.json
}
