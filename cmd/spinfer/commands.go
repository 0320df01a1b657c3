package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
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
		Description: "Examples:\n" +
			"   spinfer inspect runs/ising               # a whole run directory\n" +
			"   spinfer inspect runs/ising/dataset.parquet --rows 3\n" +
			"   spinfer inspect runs/ising/model",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "rows", Value: 5, Usage: "rows to preview"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{fmt.Errorf("inspect takes one PATH, got %d arguments", c.NArg())}
			}
			return formats.Describe(e.stdout, c.Args().First(), c.Int("rows"))
		},
	}
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
