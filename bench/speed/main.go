package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// options are the command-line settings.
type options struct {
	quick   bool
	reps    int
	out     string // Markdown report
	results string // raw JSON results
	work    string // scratch directory (binaries, .npy data, profiles)
	shared  string // the shared/ directory with the public HGD text
	python  string
	tools   string
	replot  bool
	noOnce  bool   // skip exact log Z and coupling extraction
	commit  string // the source's commit, for the report (default git rev-parse)
	worker  string // a Job as JSON: run it and exit (internal)
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// parse reads the flags; quick changes the defaults of reps and outputs.
func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("speed", flag.ContinueOnError)
	fs.BoolVar(&o.quick, "quick", false, "short settings (about a minute), one repetition")
	fs.IntVar(&o.reps, "reps", 0, "repetitions of every measurement (default 3, quick 1)")
	fs.StringVar(&o.out, "out", "", "Markdown report (default docs/benchmarks.md, "+
		"quick runs/bench/benchmarks.md)")
	fs.StringVar(&o.results, "results", "", "raw results JSON (default "+
		"bench/results/speed.json, quick runs/bench/speed.json)")
	fs.StringVar(&o.work, "work", "runs/bench", "scratch directory")
	fs.StringVar(&o.shared, "shared", "../shared", "shared/ directory holding "+
		"data/hgd_805snps_transposed.zip (for the ingest memory measurement)")
	fs.StringVar(&o.python, "python", "/usr/bin/python3", "Debian's Python with "+
		"python3-sklearn and python3-torch")
	fs.StringVar(&o.tools, "tools", "", "comma-separated subset of "+
		"spinfer-gonum,spinfer-openblas,sklearn,torch (default all)")
	fs.BoolVar(&o.replot, "replot", false, "rewrite the report from the results JSON; run nothing")
	fs.BoolVar(&o.noOnce, "no-once", false, "skip the BLAS-free, long measurements "+
		"(exact log Z, coupling extraction)")
	fs.StringVar(&o.commit, "commit", "", "commit measured, for the report "+
		"(default: git rev-parse --short HEAD)")
	fs.StringVar(&o.worker, "worker", "", "internal: run one measurement job (JSON)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("speed: unexpected arguments %q", fs.Args())
	}
	return o, o.fill()
}

// fill sets the defaults that depend on quick and checks the values.
func (o *options) fill() error {
	def := func(s *string, full, quick string) {
		if *s == "" {
			*s = full
			if o.quick {
				*s = quick
			}
		}
	}
	def(&o.out, "docs/benchmarks.md", filepath.Join(o.work, "benchmarks.md"))
	def(&o.results, "bench/results/speed.json", filepath.Join(o.work, "speed.json"))
	if o.reps == 0 {
		o.reps = 3
		if o.quick {
			o.reps = 1
		}
	}
	if o.reps < 0 {
		return errors.New("speed: -reps must be ≥ 1")
	}
	return nil
}

// run is the command: a worker job, a replot, or the whole benchmark.
func run(args []string, stdout io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	if o.worker != "" {
		return runWorker(o.worker, stdout)
	}
	if o.replot {
		r, err := loadResults(o.results)
		if err != nil {
			return err
		}
		r.file = o.results
		return writeReport(o.out, r)
	}
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("speed: run from the module root (go run ./bench/speed)")
	}
	h, err := newHarness(o, stdout)
	if err != nil {
		return err
	}
	r, err := h.runAll()
	if err != nil {
		return err
	}
	r.Finished = time.Now().UTC()
	r.file = o.results
	if err := r.save(o.results); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", o.results)
	if err := writeReport(o.out, r); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s)\n", o.out, r.Finished.Sub(r.Started).Round(time.Second))
	return nil
}
