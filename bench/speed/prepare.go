package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// prepare builds the spinfer binaries, finds the peers, writes the data
// for them and describes the machine.
func (h *harness) prepare() error {
	h.r.Machine = describeMachine()
	h.r.Machine.Versions = map[string]string{}
	h.r.Machine.Commit = h.o.commit
	if h.o.commit == "" {
		h.r.Machine.Commit = h.gitCommit()
	}
	h.buildSpinfer()
	h.findPeers()
	for _, w := range workloads(h.o.quick) {
		path := filepath.Join(h.o.work, w.Name+".npy")
		if err := h.writeData(w, path); err != nil {
			h.skip("workload %s: %v", w.Name, err)
			continue
		}
		h.npy[w.Name] = path
		h.wls = append(h.wls, w)
	}
	if len(h.tools) == 0 || len(h.wls) == 0 {
		return fmt.Errorf("speed: nothing to measure (tools %v, workloads %d)", h.tools, len(h.wls))
	}
	return nil
}

// gitCommit names the checked-out commit, marking uncommitted changes.
func (h *harness) gitCommit() string {
	out, err := h.command(0, nil, "git", "rev-parse", "--short", "HEAD")
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, err := h.command(0, nil, "git", "status", "--porcelain", "--untracked-files=no",
		"--", "."); err == nil && len(bytes.TrimSpace(st)) > 0 {
		c += " with uncommitted changes in the tree"
	}
	return c
}

// writeData writes the data of w to path as .npy, in a worker process
// when one is built (the harness stays small; see command).
func (h *harness) writeData(w Workload, path string) error {
	for _, tool := range toolOrder {
		if _, ok := h.go_[tool]; ok {
			_, err := h.worker(tool, Job{Kind: kindNPY, Workload: w, Out: path})
			return err
		}
	}
	data, n, err := loadData(w.Name)
	if err != nil {
		return err
	}
	return writeNPY(path, data, n)
}

// buildSpinfer builds the worker and the spinfer CLI, pure Go and as
// `task build-openblas` does (openblas tag and GOEXPERIMENT=simd for the
// AVX2 sigmoids, without the experiment when the toolchain refuses it); a
// failed OpenBLAS build skips that tool.
func (h *harness) buildSpinfer() {
	builds := []struct {
		tool, tags string
		envs       [][]string
	}{{toolGonum, "", [][]string{nil}},
		{toolOpenBLAS, "openblas", [][]string{{"GOEXPERIMENT=simd"}, nil}}}
	for _, b := range builds {
		if !h.wanted(b.tool) {
			continue
		}
		var err error
		for _, env := range b.envs {
			if err = h.buildTool(b.tool, b.tags, env); err == nil {
				break
			}
		}
		if err != nil {
			h.skip("%s: %v", b.tool, err)
		}
	}
}

// buildTool builds the worker and CLI of one spinfer tool and checks
// its backend.
func (h *harness) buildTool(tool, tags string, env []string) error {
	worker := filepath.Join(h.bin, "speed-"+tool)
	cli := filepath.Join(h.bin, tool)
	args := []string{"build", "-tags", tags}
	_, err := h.command(0, env, "go", append(args, "-o", worker, "./bench/speed")...)
	if err == nil {
		_, err = h.command(0, env, "go", append(args, "-o", cli, "./cmd/spinfer")...)
	}
	if err != nil {
		return fmt.Errorf("build failed (the openblas tag needs apt-get install "+
			"libopenblas-dev): %w", err)
	}
	out, err := h.command(0, nil, cli, "version")
	if err != nil {
		return err
	}
	version := strings.TrimSpace(string(out))
	if tags == "openblas" && !strings.Contains(version, "backend: openblas") {
		return fmt.Errorf("the openblas build does not use OpenBLAS:\n%s", version)
	}
	h.r.Machine.Versions[tool] = version
	h.go_[tool], h.cli[tool] = worker, cli
	h.tools = append(h.tools, tool)
	for _, pkg := range []string{"./bench/speed", "./cmd/spinfer"} {
		out := worker
		if pkg == "./cmd/spinfer" {
			out = cli
		}
		h.r.Commands = append(h.r.Commands, commandLine(env, "go", "build", "-tags",
			"'"+tags+"'", "-o", out, pkg))
	}
	return nil
}

// findPeers checks that Debian's Python imports each peer.
func (h *harness) findPeers() {
	for _, p := range []struct{ tool, module, pkg string }{
		{toolSklearn, "sklearn", "python3-sklearn"}, {toolTorch, "torch", "python3-torch"}} {
		if !h.wanted(p.tool) {
			continue
		}
		code := "import " + p.module + ", numpy; print(" + p.module + ".__version__, " +
			"'numpy', numpy.__version__)"
		out, err := h.command(0, nil, h.o.python, "-c", code)
		if err != nil {
			h.skip("%s: %s cannot import %s (apt-get install %s): %v", p.tool, h.o.python,
				p.module, p.pkg, err)
			continue
		}
		h.r.Machine.Versions[p.tool] = p.module + " " + strings.TrimSpace(string(out))
		h.tools = append(h.tools, p.tool)
	}
}

// describeMachine reads the CPU model, core count and memory from /proc.
func describeMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version() + " " + runtime.GOOS + "/" +
		runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		cpuFacts(&m, string(b))
	}
	m.Caches = cacheSizes("/sys/devices/system/cpu/cpu0/cache")
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		f := strings.Fields(procField(string(b), "MemTotal"))
		if len(f) > 0 {
			kb, _ := strconv.ParseFloat(f[0], 64)
			m.MemoryGB = kb / (1 << 20)
		}
	}
	return m
}

// cpuFacts sets the CPU description of m from the first processor of a
// /proc/cpuinfo text: model name with its SIMD flags, family, model,
// stepping, MHz and threads per core (siblings ÷ cpu cores).
func cpuFacts(m *Machine, cpuinfo string) {
	m.CPU = procField(cpuinfo, "model name")
	if flags := procField(cpuinfo, "flags"); flags != "" {
		var simd []string
		for _, f := range []string{"avx2", "fma", "avx512f"} {
			if strings.Contains(" "+flags+" ", " "+f+" ") {
				simd = append(simd, f)
			}
		}
		m.CPU += " (" + strings.Join(simd, ", ") + ")"
	}
	m.Family = procField(cpuinfo, "cpu family")
	m.Model = procField(cpuinfo, "model")
	m.Stepping = procField(cpuinfo, "stepping")
	m.MHz, _ = strconv.ParseFloat(procField(cpuinfo, "cpu MHz"), 64)
	sib, err1 := strconv.Atoi(procField(cpuinfo, "siblings"))
	cores, err2 := strconv.Atoi(procField(cpuinfo, "cpu cores"))
	if err1 == nil && err2 == nil && cores > 0 {
		m.ThreadsPerCore = sib / cores
	}
}

// cacheSizes describes the caches of a CPU's sysfs cache directory
// (index*/level, type, size, shared_cpu_list): "L1d 32K", "L2 512K",
// "L3 8192K shared by 0-1" (the CPUs sharing it, when more than this one).
func cacheSizes(dir string) []string {
	idx, _ := filepath.Glob(filepath.Join(dir, "index*"))
	var out []string
	for _, d := range idx {
		read := func(name string) string {
			b, _ := os.ReadFile(filepath.Join(d, name))
			return strings.TrimSpace(string(b))
		}
		level, size := read("level"), read("size")
		if level == "" || size == "" {
			continue
		}
		s := "L" + level
		switch read("type") {
		case "Data":
			s += "d"
		case "Instruction":
			s += "i"
		}
		s += " " + size
		if sh := read("shared_cpu_list"); strings.ContainsAny(sh, ",-") {
			s += " shared by " + sh
		}
		out = append(out, s)
	}
	return out
}

// procField returns the value of the first "key : value" line of a /proc
// file.
func procField(text, key string) string {
	for line := range strings.Lines(text) {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// ingest measures the peak RSS of `spinfer ingest` on the public HGD
// text (90 MB unzipped) and on its zip.
func (h *harness) ingest() {
	cli, ok := h.cli[toolGonum]
	if !ok {
		cli, ok = h.cli[toolOpenBLAS]
	}
	zipPath := filepath.Join(h.o.shared, "data", "hgd_805snps_transposed.zip")
	if !ok {
		h.skip("ingest: no spinfer binary")
		return
	}
	text := filepath.Join(h.o.work, "1kg_xtrain.d")
	if err := unzipFirst(zipPath, text); err != nil {
		h.skip("ingest: %v", err)
		return
	}
	for _, in := range []struct{ name, path string }{{"hgd-text", text}, {"hgd-zip", zipPath}} {
		h.record(1, "spinfer", in.name, kindIngest, func() (Measurement, error) {
			out := filepath.Join(h.o.work, in.name+".parquet")
			argv := []string{cli, "ingest", in.path, "--transpose", "-o", out, "--force"}
			if err := os.Remove(out); err != nil && !os.IsNotExist(err) {
				return Measurement{}, err
			}
			st, _ := os.Stat(in.path)
			m, err := h.timed(nil, argv...)
			if st != nil {
				m.Values = map[string]float64{"input_mb": float64(st.Size()) / (1 << 20)}
			}
			return m, err
		})
	}
}

// timed runs argv under /usr/bin/time -v and returns its wall time and
// the "Maximum resident set size" it reports.
func (h *harness) timed(env []string, argv ...string) (Measurement, error) {
	report := filepath.Join(h.o.work, "time-v.txt")
	full := append([]string{"/usr/bin/time", "-v", "-o", report}, argv...)
	t0 := time.Now()
	_, err := h.command(0, env, full[0], full[1:]...)
	m := Measurement{Seconds: time.Since(t0).Seconds(), Count: 1,
		Info: map[string]string{"command": commandLine(env, full...)}}
	if err != nil {
		return m, fmt.Errorf("%w (apt-get install time)", err)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return m, err
	}
	kb, err := strconv.ParseFloat(procField(string(b), "Maximum resident set size (kbytes)"), 64)
	m.PeakRSSMB = kb / 1024
	return m, err
}

// unzipFirst extracts the first file of a zip archive to dst.
func unzipFirst(src, dst string) error {
	z, err := zip.OpenReader(src)
	if err != nil {
		return fmt.Errorf("%w (set -shared to the shared/ directory)", err)
	}
	defer z.Close()
	if len(z.File) == 0 {
		return fmt.Errorf("%s: empty archive", src)
	}
	r, err := z.File[0].Open()
	if err != nil {
		return err
	}
	defer r.Close()
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if _, err := io.Copy(w, r); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
