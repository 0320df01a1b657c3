package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// Kinds of directory a report describes (Result.Kind).
const (
	KindRun   = "run"
	KindSweep = "sweep"
)

// Result says what a report wrote.
type Result struct {
	// Kind is KindRun or KindSweep.
	Kind string
	// Path is the report.md written.
	Path string
	// Figures lists the figures written, relative to the directory.
	Figures []string
	// Missing lists, one line each, the artifacts the report found absent
	// and the command that makes each.
	Missing []string
	// Notes lists parts that could not be computed, and why.
	Notes []string
	// Runs holds the report of each run of a sweep.
	Runs []*Result
}

// Run writes report.md and report/ into o.RunDir, a run or a sweep
// directory (see the package documentation). Absent artifacts are listed
// in the report, not errors; a directory that is neither kind, an invalid
// option or an existing report without Force are input errors (wrapping
// pipeline.ErrInput or atomicfile.ErrExists). log may be nil.
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	st, err := os.Stat(o.RunDir)
	if err != nil || !st.IsDir() {
		return nil, pipeline.Inputf("report: %s is not a directory", o.RunDir)
	}
	switch {
	case isSweep(o.RunDir):
		return runSweep(ctx, o, log)
	case isRun(o.RunDir):
		return runOne(ctx, o, log)
	}
	return nil, pipeline.Inputf("report: %s is not a run directory (no %s and no run "+
		"artifact) nor a sweep directory (no %s or %s)", o.RunDir, pipeline.ManifestFile,
		SummaryParquet, SummaryMarkdown)
}

// runEntries are the names whose presence makes a run directory.
var runEntries = []string{pipeline.ManifestFile, pipeline.DatasetFile, pipeline.TrainFile,
	pipeline.ModelDir, pipeline.MetricsFile, pipeline.SamplesFile, pipeline.CouplingsDir,
	pipeline.EvaluationFile, mixingJSON}

// isRun reports whether dir holds manifest.json or any run artifact.
func isRun(dir string) bool {
	for _, name := range runEntries {
		if exists(filepath.Join(dir, name)) {
			return true
		}
	}
	return false
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// checkFree refuses to replace an existing report without force.
func checkFree(dir string, force bool) error {
	if force {
		return nil
	}
	for _, name := range []string{File, FiguresDir} {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("report: %s: %w", p, atomicfile.ErrExists)
		}
	}
	return nil
}

// write puts the figures drawn by fill into DIR/report/ and then the
// Markdown fill returns into DIR/report.md, each atomically.
func write(dir string, force bool, fill func(figDir string) (string, error)) (string, error) {
	var md string
	err := atomicfile.WriteDir(filepath.Join(dir, FiguresDir), force, func(tmp string) error {
		var err error
		md, err = fill(tmp)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	path := filepath.Join(dir, File)
	err = atomicfile.Write(path, force, func(w io.Writer) error {
		_, err := io.WriteString(w, md)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	return path, nil
}

// runOne writes the report of one run directory.
func runOne(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	if err := checkFree(o.RunDir, o.Force); err != nil {
		return nil, err
	}
	b := &builder{o: o, run: pipeline.RunDir(o.RunDir), log: log,
		res: &Result{Kind: KindRun, Figures: []string{}}}
	path, err := write(o.RunDir, o.Force, func(figDir string) (string, error) {
		b.figDir = figDir
		return b.build(ctx)
	})
	if err != nil {
		return nil, err
	}
	b.res.Path = path
	return b.res, nil
}

// header opens a report with its title and provenance.
func header(p *page, title, dir string) {
	p.h(1, title)
	p.para("Written by spinfer %s on %s from `%s`.", pipeline.Version,
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), filepath.Base(absPath(dir)))
}

func absPath(dir string) string {
	if a, err := filepath.Abs(dir); err == nil {
		return a
	}
	return dir
}

// isNotExist reports whether err says a file is absent.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
