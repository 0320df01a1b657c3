package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

func sweepCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "sweep",
		Usage:     "list a pipeline's grid points, or write a Slurm or Taskfile recipe that runs them",
		ArgsUsage: "PIPELINE.yaml",
		Description: "Without --emit it lists the grid points (index, run directory, values).\n" +
			"--emit slurm writes a bash script that submits one job for the shared upstream\n" +
			"stages, a job array (task I runs `spinfer run PIPELINE --point I`) that starts\n" +
			"once it succeeded, and a summary job; --emit taskfile writes the same as a\n" +
			"Taskfile (docs/pipelines.md). Running the sweep here: spinfer run PIPELINE --jobs N.\n\n" +
			"Examples:\n" +
			"   spinfer sweep fixtures/pipelines/sweep-ising8.yaml\n" +
			"   spinfer sweep fixtures/pipelines/sweep-ising8.yaml --emit slurm -o sweep.sh && bash sweep.sh\n" +
			"   spinfer sweep fixtures/pipelines/sweep-ising8.yaml --emit taskfile -o Sweep.yml",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "emit", Usage: "slurm or taskfile"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"},
				Usage: "file to write (default: standard output)"},
			&cli.StringFlag{Name: "run", Usage: "sweep directory (instead of the file's run:)"},
			&cli.StringFlag{Name: "spinfer",
				Usage: "spinfer binary the jobs run (default: this one, absolute path)"},
			&cli.BoolFlag{Name: "force", Usage: "replace an existing output file"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{fmt.Errorf("sweep takes one PIPELINE file, got %d arguments",
					c.NArg())}
			}
			return runSweepCommand(c, e)
		},
	}
}

func runSweepCommand(c *cli.Context, e *env) error {
	emit := c.String("emit")
	if emit != "" && emit != "slurm" && emit != "taskfile" {
		return usageError{fmt.Errorf("--emit %q: want slurm or taskfile", emit)}
	}
	run := c.String("run")
	if run != "" {
		run, _ = filepath.Abs(run)
	}
	f, err := pipeline.Parse(c.Args().First(), run, pipelineSchema())
	if err != nil {
		return err
	}
	if !f.IsSweep() {
		return pipeline.Inputf("%s has no sweep: block (run it with spinfer run %s)", f.Path, f.Path)
	}
	if emit == "" {
		for _, p := range f.Points() {
			fmt.Fprintf(e.stdout, "%3d  %s  %s\n", p.Index, f.RunDir(p), f.Describe(p))
		}
		return nil
	}
	return writeRecipe(c, e, f, run, emit)
}

// writeRecipe writes the Slurm script or the Taskfile of a sweep.
func writeRecipe(c *cli.Context, e *env, f *pipeline.File, run, emit string) error {
	em, err := emitConfig(c, f, run)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if emit == "slurm" {
		err = em.Slurm(&b)
	} else {
		err = em.Taskfile(&b)
	}
	if err != nil {
		return err
	}
	out := c.String("output")
	if out == "" {
		_, err = e.stdout.Write(b.Bytes())
		return err
	}
	if err := atomicfile.Write(out, c.Bool("force"), func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	}); err != nil {
		return err
	}
	if emit == "slurm" {
		if err := os.Chmod(out, 0o755); err != nil {
			return err
		}
	}
	e.log.Info("wrote "+emit+" recipe", "file", out, "runs", len(f.Points()))
	return nil
}

// emitConfig resolves the binary, the file and the working directory the
// jobs use to absolute paths.
func emitConfig(c *cli.Context, f *pipeline.File, run string) (pipeline.Emit, error) {
	bin := c.String("spinfer")
	if bin == "" {
		exe, err := os.Executable()
		if err != nil {
			return pipeline.Emit{}, fmt.Errorf("sweep: locating the spinfer binary: %w "+
				"(give --spinfer)", err)
		}
		bin = exe
	}
	bin, _ = filepath.Abs(bin)
	file, err := filepath.Abs(f.Path)
	if err != nil {
		return pipeline.Emit{}, err
	}
	wd, err := os.Getwd()
	if err != nil {
		return pipeline.Emit{}, err
	}
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	return pipeline.Emit{Spinfer: bin, Pipeline: file, Run: run, WorkDir: wd, Name: name,
		Points: len(f.Points())}, nil
}
