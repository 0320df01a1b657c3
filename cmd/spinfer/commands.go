package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/train"
)

func commands(e *env) []*cli.Command {
	return []*cli.Command{
		runCommand(e),
		sweepCommand(e),
		ingestCommand(e),
		inspectCommand(e),
		trainCommand(e),
		sampleCommand(e),
		mixingCommand(e),
		couplingsCommand(e),
		importCommand(e),
		evaluateCommand(e),
		reportCommand(e),
		generateCommand(e),
		truthCommand(e),
		benchCommand(e),
		versionCommand(e),
	}
}

func inspectCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "print the schema, metadata and first rows of any spinfer artifact or run directory",
		ArgsUsage: "PATH",
		Description: "A trainer state (state.gob of a checkpoint) gets its settings and progress.\n\n" +
			"Examples:\n" +
			"   spinfer inspect runs/ising               # a whole run directory\n" +
			"   spinfer inspect runs/ising/dataset.parquet --rows 3\n" +
			"   spinfer inspect runs/ising/model\n" +
			"   spinfer inspect runs/ising/checkpoints/0000010000/state.gob",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "rows", Value: 5, Usage: "rows to preview"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{fmt.Errorf("inspect takes one PATH, got %d arguments", c.NArg())}
			}
			return inspect(e.stdout, c.Args().First(), c.Int("rows"))
		},
	}
}

// inspect describes path: a trainer state file (name ending in .gob) with
// package train, anything else with formats.Describe; a checkpoint
// directory gets its trainer state after its model.
func inspect(w io.Writer, path string, rows int) error {
	if strings.HasSuffix(path, ".gob") {
		return train.DescribeState(w, path)
	}
	err := formats.Describe(w, path, rows)
	state := filepath.Join(path, train.StateFile)
	if !fileExists(state) {
		return err
	}
	if _, werr := fmt.Fprintln(w); werr != nil {
		return cmp.Or(err, werr)
	}
	return cmp.Or(err, train.DescribeState(w, state))
}

func versionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version, the matrix backend and the Go runtime",
		Action: func(*cli.Context) error {
			fmt.Fprintf(e.stdout, "spinfer %s\nbackend: %s\ngo: %s %s/%s, %d cores\n",
				pipeline.Version, backendName(), runtime.Version(), runtime.GOOS,
				runtime.GOARCH, runtime.NumCPU())
			return nil
		},
	}
}

// backendName names the matrix-product backend in use, as found at run
// time (gonum (pure Go), or OpenBLAS with its thread count and build
// configuration in a binary built with -tags openblas), and the loop of
// the float32 sigmoids (avx2 in a GOEXPERIMENT=simd build, else scalar).
func backendName() string {
	return rbm.CurrentBackend().String() + ", elementwise " + rbm.ElementwiseKernel()
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
