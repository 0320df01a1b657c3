package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// Result reports what an ingest run read and wrote.
type Result struct {
	Input        string        // Options.Input as given
	Format       string        // reader chain, e.g. "zip/text" (see [Parsed])
	Rows         int           // configurations in the dataset
	Variables    int           // variables (columns) in the dataset
	Basis        formats.Basis // basis of the values
	Constant     []string      // names of the constant columns, kept as they are
	Notes        []string      // choices made for the user (see [Parsed])
	SourceSHA256 string        // hex sha256 of the input bytes as given
	TrainRows    int           // rows of train.parquet, 0 without a split
	TestRows     int           // rows of test.parquet, 0 without a split
	Outputs      []Output      // files written, dataset first
	Elapsed      time.Duration // wall time of Run
}

// Output is one file written by [Run].
type Output struct {
	Part   string // "dataset", "train" or "test"
	Path   string
	Rows   int
	SHA256 string // hex sha256 of the file
	Bytes  int64
}

// Paths returns the paths of the files written, dataset first.
func (r *Result) Paths() []string {
	var p []string
	for _, o := range r.Outputs {
		p = append(p, o.Path)
	}
	return p
}

// Run ingests o.Input: it reads the data (see [Read]), checks it, and
// writes dataset.parquet, plus train.parquet and test.parquet when
// o.TestFraction is set, into o.RunDir, or o.Output and its siblings.
//
// Every file appears atomically. Existing outputs (dataset, train and test,
// even when no split is asked for) are refused before anything is read
// unless o.Force; a forced run without a split removes the train and test
// files of an earlier split. When a later file of a split cannot be
// written, the files this run already wrote are removed, so a failed run
// leaves no output. Errors caused by the input or options satisfy
// [IsInputError]. log receives a summary (nil discards it).
func Run(ctx context.Context, o Options, log *slog.Logger) (*Result, error) {
	start := time.Now()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	paths := o.outputPaths()
	if err := checkOutputs(paths, o.Force); err != nil {
		return nil, err
	}
	p, sum, err := o.read(ctx)
	if err != nil {
		return nil, err
	}
	d := p.Dataset
	d.Meta[formats.KeySource] = sourceName(o.Input)
	d.Meta[formats.KeySHA256] = sum
	res := &Result{Input: o.Input, Format: p.Format, Rows: d.Rows,
		Variables: d.N(), Basis: d.Basis, Notes: p.Notes, SourceSHA256: sum}
	for _, i := range constantColumns(d) {
		res.Constant = append(res.Constant, d.Names[i])
	}
	parts := []*formats.Dataset{d}
	if o.TestFraction > 0 {
		train, test, err := split(d, o.Input, o.TestFraction, o.Seed)
		if err != nil {
			return nil, err
		}
		parts = append(parts, train, test)
		res.TrainRows, res.TestRows = train.Rows, test.Rows
	}
	if res.Outputs, err = o.write(paths, parts); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	logResult(log, res)
	return res, nil
}

// outputPaths returns the dataset, train and test paths.
func (o Options) outputPaths() []string {
	if o.RunDir != "" {
		r := pipeline.RunDir(o.RunDir)
		return []string{r.Dataset(), r.Train(), r.Test()}
	}
	stem := strings.TrimSuffix(o.Output, ".parquet")
	return []string{o.Output, stem + ".train.parquet", stem + ".test.parquet"}
}

// checkOutputs refuses outputs that exist (unless force) or that are
// directories.
func checkOutputs(paths []string, force bool) error {
	for _, p := range paths {
		st, err := os.Lstat(p)
		switch {
		case err != nil:
			continue
		case st.IsDir():
			return &InputError{File: p, Msg: "output is a directory"}
		case !force:
			return &InputError{File: p, Err: atomicfile.ErrExists,
				Msg: "output already exists (use --force to overwrite)"}
		}
	}
	return nil
}

// read reads the input and hashes its bytes as given.
func (o Options) read(ctx context.Context) (*Parsed, string, error) {
	if o.Input != "-" {
		p, err := Read(ctx, o.Input, o.ReadOptions())
		if err != nil {
			return nil, "", err
		}
		sum, _, err := pipeline.HashPath(o.Input)
		if err != nil {
			return nil, "", fmt.Errorf("ingest: hashing %s: %w", o.Input, err)
		}
		return p, sum, nil
	}
	in := o.Stdin
	if in == nil {
		in = os.Stdin
	}
	h := sha256.New()
	tee := io.TeeReader(in, h)
	p, err := ReadStream(ctx, tee, "stdin", o.ReadOptions())
	if err != nil {
		return nil, "", err
	}
	if _, err := io.Copy(io.Discard, tee); err != nil {
		return nil, "", fmt.Errorf("ingest: reading stdin: %w", err)
	}
	return p, hex.EncodeToString(h.Sum(nil)), nil
}

func sourceName(input string) string {
	if input == "-" {
		return "stdin"
	}
	return filepath.Base(input)
}

// write writes the parts (dataset, then train and test) to their paths
// and hashes them. On failure it removes what it wrote.
func (o Options) write(paths []string, parts []*formats.Dataset) ([]Output, error) {
	if o.RunDir != "" {
		if err := os.MkdirAll(o.RunDir, 0o755); err != nil {
			return nil, &InputError{File: o.RunDir,
				Msg: "cannot create the run directory: " + err.Error(), Err: err}
		}
	}
	var outs []Output
	for i, d := range parts {
		out, err := writePart(paths[i], partName(i), d, o.Force)
		if err != nil {
			for _, w := range outs {
				os.Remove(w.Path)
			}
			return nil, err
		}
		outs = append(outs, out)
	}
	removeStale(paths[len(parts):])
	return outs, nil
}

func writePart(path, part string, d *formats.Dataset, force bool) (Output, error) {
	if err := formats.WriteDataset(path, d, force); err != nil {
		return Output{}, writeErr(path, err)
	}
	sum, n, err := pipeline.HashPath(path)
	if err != nil {
		os.Remove(path)
		return Output{}, fmt.Errorf("ingest: hashing %s: %w", path, err)
	}
	return Output{Part: part, Path: path, Rows: d.Rows, SHA256: sum, Bytes: n}, nil
}

// removeStale removes the train and test files of an earlier split that a
// forced run without a split replaces, so that they cannot be mistaken for
// parts of the new dataset. (Without Force, checkOutputs refused them.)
func removeStale(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}

func partName(i int) string { return [...]string{"dataset", "train", "test"}[i] }

func writeErr(path string, err error) error {
	if errors.Is(err, atomicfile.ErrExists) {
		return &InputError{File: path, Err: err,
			Msg: "output already exists (use --force to overwrite)"}
	}
	return fmt.Errorf("ingest: writing %s: %w", path, err)
}

func logResult(log *slog.Logger, r *Result) {
	log.Info("ingested", "input", r.Input, "format", r.Format, "rows", r.Rows,
		"variables", r.Variables, "basis", string(r.Basis),
		"seconds", r.Elapsed.Seconds())
	for _, n := range r.Notes {
		log.Info("note", "input", r.Input, "note", n)
	}
	if len(r.Constant) > 0 {
		shown := r.Constant[:min(len(r.Constant), 10)]
		log.Warn("constant columns kept (their correlations are undefined)",
			"count", len(r.Constant), "names", strings.Join(shown, ","))
	}
	for _, out := range r.Outputs {
		log.Info("wrote", "part", out.Part, "path", out.Path, "rows", out.Rows,
			"sha256", out.SHA256)
	}
}
