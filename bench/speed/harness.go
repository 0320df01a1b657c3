package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// harness runs the measurements of one benchmark run.
type harness struct {
	o     options
	log   io.Writer
	bin   string            // directory of the built binaries
	tools []string          // the tools available, in table order
	go_   map[string]string // spinfer tool → worker binary
	cli   map[string]string // spinfer tool → spinfer binary
	npy   map[string]string // workload → .npy for the peers
	wls   []Workload
	r     *Results
}

// threadEnv lists the variables that set BLAS and OpenMP threads; the
// harness sets them explicitly for every child.
var threadEnv = []string{"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS",
	"MKL_NUM_THREADS", "GOMAXPROCS"}

func newHarness(o options, log io.Writer) (*harness, error) {
	h := &harness{o: o, log: log, bin: filepath.Join(o.work, "bin"),
		go_: map[string]string{}, cli: map[string]string{}, npy: map[string]string{},
		r: &Results{Started: time.Now().UTC(), Quick: o.quick, Reps: o.reps}}
	if err := os.MkdirAll(h.bin, 0o755); err != nil {
		return nil, err
	}
	return h, nil
}

// skip records and prints why something is not measured.
func (h *harness) skip(format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	h.r.Skipped = append(h.r.Skipped, msg)
	fmt.Fprintln(h.log, "skip:", msg)
}

// wanted reports whether the -tools flag selects tool.
func (h *harness) wanted(tool string) bool {
	return h.o.tools == "" || slices.Contains(strings.Split(h.o.tools, ","), tool)
}

// command runs name args in env (nil: the harness's environment without
// thread settings) and returns its stdout. A timeout > 0 kills the process
// after that long. (Peak memory comes from the child's own VmHWM or
// /usr/bin/time, not from getrusage here: Linux carries the parent's
// high-water mark over exec into the child's ru_maxrss.)
func (h *harness) command(timeout time.Duration, env []string, name string,
	args ...string) ([]byte, error) {
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(cleanEnv(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("did not finish within %v", timeout)
		}
		return nil, fmt.Errorf("%s %.200s: %w\n%s", name, strings.Join(args, " "), err,
			strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}

// cleanEnv returns the environment without threadEnv.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(threadEnv, k) {
			env = append(env, kv)
		}
	}
	return env
}

// commandLine renders env and argv as a shell line for the report.
func commandLine(env []string, argv ...string) string {
	return strings.TrimSpace(strings.Join(env, " ") + " " + strings.Join(argv, " "))
}

// runAll prepares the tools and data, then runs every measurement reps
// times, interleaved so that load on the machine hits all tools alike.
func (h *harness) runAll() (*Results, error) {
	h.sampleLoad()
	if err := h.prepare(); err != nil {
		return nil, err
	}
	for rep := 1; rep <= h.o.reps; rep++ {
		fmt.Fprintf(h.log, "== repetition %d of %d\n", rep, h.o.reps)
		for wi, w := range h.wls {
			for _, entry := range rotate(h.trainEntries(), rep+wi) {
				h.trainOrFloor(rep, entry, w)
			}
		}
		h.spinferOnly(rep)
		h.checkpoint()
	}
	h.ingest()
	if !h.o.noOnce {
		h.once()
	}
	return h.r, nil
}

// floorEntry stands for the products floor (kindFloor, run in the
// spinfer-openblas worker) in the rotated order of a workload's training
// runs.
const floorEntry = "floor"

// trainEntries lists what runs once per workload and repetition: every
// tool's training and, with the OpenBLAS build, the products floor.
func (h *harness) trainEntries() []string {
	list := slices.Clone(h.tools)
	if _, ok := h.go_[toolOpenBLAS]; ok {
		list = append(list, floorEntry)
	}
	return list
}

// trainOrFloor runs one entry of trainEntries on w.
func (h *harness) trainOrFloor(rep int, entry string, w Workload) {
	if entry == floorEntry {
		h.runJobs(rep, toolOpenBLAS, []Job{{Kind: kindFloor, Workload: w}})
		return
	}
	h.record(rep, entry, w.Name, kindTrain, func() (Measurement, error) {
		m, err := h.train(entry, w)
		m.Settings = &w
		return m, err
	})
}

// checkpoint saves the results so far, so that a run stopped later keeps
// its finished repetitions (the report can be drawn from them with
// -replot).
func (h *harness) checkpoint() {
	h.r.Finished = time.Now().UTC()
	h.sampleLoad()
	if err := h.r.save(h.o.results); err != nil {
		fmt.Fprintln(h.log, "speed: checkpoint:", err)
	}
}

// sampleLoad appends the current load averages to the results.
func (h *harness) sampleLoad() {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		h.r.Load = append(h.r.Load, time.Now().UTC().Format("15:04")+" "+strings.Join(f[:3], " "))
	}
}

// rotate returns list rotated left by k places.
func rotate(list []string, k int) []string {
	if len(list) == 0 {
		return nil
	}
	k %= len(list)
	return append(slices.Clone(list[k:]), list[:k]...)
}

// record runs one measurement, stores it and prints a line; failures are
// reported and skipped.
func (h *harness) record(rep int, tool, workload, kind string, f func() (Measurement, error)) {
	m, err := f()
	if err != nil {
		h.skip("%s %s on %s (repetition %d): %v", tool, kind, workload, rep, err)
		return
	}
	m.Rep, m.Tool, m.Workload, m.Kind = rep, tool, workload, kind
	h.r.Runs = append(h.r.Runs, m)
	fmt.Fprintf(h.log, "%-16s %-9s %-7s %9.3f s  %.4g s/unit  rss %.0f MiB\n",
		tool, kind, workload, m.Seconds, m.PerCount(), m.PeakRSSMB)
}

// worker runs a Job in the spinfer tool's worker binary.
func (h *harness) worker(tool string, j Job) (Measurement, error) {
	spec, err := json.Marshal(j)
	if err != nil {
		return Measurement{}, err
	}
	out, err := h.command(jobTimeout(j.Kind, h.o.quick), nil, h.go_[tool], "-worker",
		string(spec))
	if err != nil {
		return Measurement{}, err
	}
	var m Measurement
	if err := json.Unmarshal(out, &m); err != nil {
		return Measurement{}, fmt.Errorf("worker output %q: %w", out, err)
	}
	m.Info["command"] = commandLine(nil, h.go_[tool], "-worker", "'"+string(spec)+"'")
	return m, nil
}

// jobTimeout bounds the coupling extraction (pairs cost O(N²·M) and take
// minutes at 805 × 200); the other jobs run unbounded.
func jobTimeout(kind string, quick bool) time.Duration {
	switch {
	case kind != kindCouplings:
		return 0
	case quick:
		return 2 * time.Minute
	}
	return 12 * time.Minute
}

// train times the PCD training of workload w with tool.
func (h *harness) train(tool string, w Workload) (Measurement, error) {
	if _, ok := h.go_[tool]; ok {
		return h.worker(tool, Job{Kind: kindTrain, Workload: w})
	}
	return h.peer(tool, w)
}

// peer runs the Python loop of tool (sklearn or torch) on w. sklearn's
// numpy uses OpenBLAS on every core; torch runs one intra-op thread over
// an OpenBLAS using every core (one thread layer: PERF.md measured torch
// threads over OpenBLAS threads 3–5× slower).
func (h *harness) peer(tool string, w Workload) (Measurement, error) {
	cores := fmt.Sprint(runtime.NumCPU())
	env := []string{"OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=" + cores}
	argv := []string{h.o.python, "bench/speed/peers.py", "--tool", tool, "--data", h.npy[w.Name],
		"--hidden", fmt.Sprint(w.Hidden), "--batch", fmt.Sprint(w.Batch),
		"--k", fmt.Sprint(w.K), "--updates", fmt.Sprint(w.Updates),
		"--warmup", fmt.Sprint(w.Warmup), "--lr", "0.01", "--torch-threads", "1"}
	out, err := h.command(0, env, argv[0], argv[1:]...)
	if err != nil {
		return Measurement{}, err
	}
	var p map[string]any
	if err := json.Unmarshal(out, &p); err != nil {
		return Measurement{}, fmt.Errorf("peer output %q: %w", out, err)
	}
	m := Measurement{Info: map[string]string{"command": commandLine(env, argv...)}}
	for k, v := range p {
		switch k {
		case "peak_rss_mb":
			m.PeakRSSMB, _ = v.(float64)
		case "seconds":
			m.Seconds, _ = v.(float64)
		case "updates":
			m.Count, _ = v.(float64)
		default:
			m.Info[k] = fmt.Sprint(v)
		}
	}
	return m, nil
}

// spinferOnly runs, in every repetition and build, the spinfer
// measurements that have no peer: Gibbs throughput per workload, the
// data-only memory baseline and the 784×500 step.
func (h *harness) spinferOnly(rep int) {
	for _, tool := range toolOrder {
		if _, ok := h.go_[tool]; ok {
			h.runJobs(rep, tool, h.spinferJobs(false))
		}
	}
}

// once runs, after the repetitions, on the first build only, the
// measurements that use no BLAS and take long: exact log Z and coupling
// extraction.
func (h *harness) once() {
	for _, tool := range toolOrder {
		if _, ok := h.go_[tool]; ok {
			h.runJobs(1, tool, h.spinferJobs(true))
			return
		}
	}
}

func (h *harness) runJobs(rep int, tool string, jobs []Job) {
	for _, j := range jobs {
		h.record(rep, tool, j.Workload.Name, j.Kind, func() (Measurement, error) {
			m, err := h.worker(tool, j)
			m.Settings = &j.Workload
			return m, err
		})
	}
}

// logzHidden is the number of hidden units of the exact log Z per
// workload (2^M states, each costing O(N)); absent workloads are skipped.
func logzHidden(quick bool) map[string]int {
	if quick {
		return map[string]int{"ising8": 16}
	}
	return map[string]int{"ising8": 24, "hgd": 16}
}

// spinferJobs lists the jobs of spinferOnly, or those of once.
func (h *harness) spinferJobs(once bool) []Job {
	var jobs []Job
	for _, w := range h.wls {
		if !once {
			jobs = append(jobs, Job{Kind: kindGibbs, Workload: w}, Job{Kind: kindLoad, Workload: w})
			if w.Name == "mnist" {
				jobs = append(jobs, Job{Kind: kindStep, Workload: w,
					Rounds: max(w.GibbsSteps/4, 2), Profile: filepath.Join(h.o.work, "step.prof")})
			}
			continue
		}
		if m, ok := logzHidden(h.o.quick)[w.Name]; ok {
			jobs = append(jobs, Job{Kind: kindLogZ, Workload: w, Hidden: m})
		}
		if w.Name == "hgd" {
			c := w
			c.Updates = 300
			if h.o.quick {
				c.Updates, c.Hidden = 20, 2
			}
			jobs = append(jobs, Job{Kind: kindCouplings, Workload: c})
		}
	}
	return jobs
}
