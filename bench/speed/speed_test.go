package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/internal/npy"
)

// tracesOutput is the shape of `go tool pprof -traces` output: three
// samples, 30ms + 1.2s inside products, 770ms outside.
const tracesOutput = `File: speed-spinfer-openblas
Type: cpu
Duration: 2s, Total samples = 2s (100.00%)
-----------+-------------------------------------------------------
      30ms   gonum.org/v1/gonum/internal/asm/f32.AxpyUnitary
             gonum.org/v1/gonum/blas/gonum.sgemmSerial
             github.com/spinfer/spinfer/rbm.gemm[go.shape.float32]
-----------+-------------------------------------------------------
     770ms   github.com/spinfer/spinfer/rbm.drawRow[go.shape.float32]
             github.com/spinfer/spinfer/rbm.(*chains[go.shape.float32]).sampleHidden
-----------+-------------------------------------------------------
      1.2s   runtime.cgocall
             gonum.org/v1/netlib/blas/netlib._Cfunc_cblas_sgemm
-----------+-------------------------------------------------------
`

func TestTraceShares(t *testing.T) {
	in, total, err := traceShares(strings.NewReader(tracesOutput), productFrames)
	if err != nil {
		t.Fatal(err)
	}
	// Reference: the sample values written in tracesOutput.
	if math.Abs(in-1.23) > 1e-12 || math.Abs(total-2) > 1e-12 {
		t.Errorf("in, total = %v, %v; want 1.23, 2", in, total)
	}
	in, _, err = traceShares(strings.NewReader(tracesOutput), regexp.MustCompile(`drawRow`))
	if err != nil || math.Abs(in-0.77) > 1e-12 {
		t.Errorf("drawRow share = %v, %v; want 0.77", in, err)
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want float64
	}{{"10ms", 0.01}, {"1.20s", 1.2}, {"250us", 250e-6}, {"3ns", 3e-9}, {"2mins", 120}}
	for _, c := range cases {
		got, err := parseDuration(c.in)
		if err != nil || math.Abs(got-c.want) > 1e-15*math.Max(1, c.want) {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "ms", "fast", "12"} {
		if _, err := parseDuration(bad); err == nil {
			t.Errorf("parseDuration(%q) accepted", bad)
		}
	}
}

func TestRotate(t *testing.T) {
	l := []string{"a", "b", "c"}
	if got := rotate(l, 4); !slices.Equal(got, []string{"b", "c", "a"}) {
		t.Errorf("rotate(l, 4) = %v", got)
	}
	if !slices.Equal(l, []string{"a", "b", "c"}) {
		t.Errorf("rotate changed its input: %v", l)
	}
}

func TestMedian(t *testing.T) {
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("odd median %v", m)
	}
	if m := median([]float64{4, 1, 2, 3}); m != 2.5 {
		t.Errorf("even median %v", m)
	}
}

// syntheticResults holds two repetitions of training runs whose ratios
// are known: on "hgd" torch takes 1.5× and sklearn 3× the OpenBLAS time,
// on "mnist" torch takes 1.1× (goal missed) and sklearn 2.6×; the pure-Go
// build takes 2.4× torch on mnist (goal missed). The products floor is
// 1.2 ms on hgd and 95 ms on mnist, where torch ÷ floor = 1.16 is below
// the 1.3× goal.
func syntheticResults() *Results {
	r := &Results{Reps: 2, Machine: Machine{CPU: "test CPU", Cores: 2,
		Versions: map[string]string{"torch": "torch 1.13"}}}
	ms := map[string]map[string]float64{ // ms per update, per workload and tool
		"hgd":   {toolOpenBLAS: 2, toolGonum: 4, toolTorch: 3, toolSklearn: 6},
		"mnist": {toolOpenBLAS: 100, toolGonum: 264, toolTorch: 110, toolSklearn: 260},
	}
	for _, w := range []string{"hgd", "mnist"} {
		for _, tool := range toolOrder {
			for rep, noise := range []float64{0.9, 1.1} { // medians = the table's values
				r.Runs = append(r.Runs, Measurement{Rep: rep + 1, Kind: kindTrain, Workload: w,
					Tool: tool, Count: 10, Seconds: noise * 10 * ms[w][tool] / 1e3,
					Values: map[string]float64{"n": 805, "updates_per_epoch": 45}})
			}
		}
	}
	floorMS := map[string]float64{"hgd": 1.2, "mnist": 95} // products floor, ms per update
	shape := map[string][3]float64{"hgd": {100, 805, 200}, "mnist": {1000, 784, 500}}
	for _, w := range []string{"hgd", "mnist"} {
		b, n, m := shape[w][0], shape[w][1], shape[w][2]
		for rep, noise := range []float64{0.9, 1.1} {
			r.Runs = append(r.Runs, Measurement{Rep: rep + 1, Kind: kindFloor, Workload: w,
				Tool: toolOpenBLAS, Count: 1, Seconds: noise * floorMS[w] / 1e3,
				Values: map[string]float64{"flops": 10 * b * n * m, "cores": 2,
					"split_s": noise * floorMS[w] / 1e3, "serial_s": 2 * floorMS[w] / 1e3,
					"sgemm1_gflops": 30 + 10*noise, "sgemm_all_gflops": 40 + 10*noise}})
		}
	}
	r.Runs = append(r.Runs, Measurement{Rep: 1, Kind: kindStep, Workload: "mnist",
		Tool: toolOpenBLAS, Count: 10, Seconds: 0.5, Values: map[string]float64{
			"product_fraction": 0.7, "step_gflops": 90, "sgemm_gflops": 150}},
		Measurement{Rep: 1, Kind: kindIngest, Workload: "hgd-text", Tool: "spinfer",
			Count: 1, Seconds: 2, PeakRSSMB: 150})
	return r
}

func TestGoals(t *testing.T) {
	want := map[string][3]string{ // goal → measured, status, reach
		"OpenBLAS training vs PyTorch": {"hgd 1.50×, mnist 1.10×", "MISSED on mnist",
			"torch ÷ floor: hgd 2.50×, mnist 1.16×; ≥ 1.3× is out of reach on this machine " +
				"on mnist"},
		"OpenBLAS training vs scikit-learn": {"hgd 3.00×, mnist 2.60×", "met",
			"sklearn ÷ floor: hgd 5.00×, mnist 2.74×"},
		"Pure-Go training vs PyTorch": {"hgd 1.33×, mnist 2.40×", "MISSED on mnist", ""},
		"784×500 Gibbs step: products vs OpenBLAS sgemm": {
			"60 % (90.0 vs 150.0 GFLOP/s)", "met", ""},
		"784×500 Gibbs step: elementwise work": {
			"30 % of the step's CPU time outside the products", "MISSED", ""},
		"Ingest of the 90 MB HGD text": {"150 MiB (157 MB)", "met", ""},
	}
	gs := goals(syntheticResults())
	if len(gs) != len(want) {
		t.Fatalf("%d goals, want %d", len(gs), len(want))
	}
	for _, g := range gs {
		w, ok := want[g.name]
		if !ok {
			t.Errorf("unexpected goal %q", g.name)
			continue
		}
		if g.measured != w[0] || g.status != w[1] || g.reach != w[2] {
			t.Errorf("%s: measured %q status %q reach %q; want %q, %q, %q", g.name,
				g.measured, g.status, g.reach, w[0], w[1], w[2])
		}
	}
}

func TestTrainingTable(t *testing.T) {
	var sb strings.Builder
	renderTraining(&sb, syntheticResults())
	out := sb.String()
	// Rows: median ms (min–max), ms/epoch = 45 updates, ratios to the
	// floor and to the two spinfer builds; the floor's own row; the
	// floor's FLOPs (10·100·805·200) and rate (0.161 GFLOP in 1.2 ms).
	for _, row := range []string{
		"| spinfer-openblas | 2.00 (1.80–2.20) | 90.0 | 1.67 | 1.00 | 0.50 | 0 | float32 |",
		"| torch | 3.00 (2.70–3.30) | 135 | 2.50 | 1.50 | 0.75 | 0 | float32 |",
		"| sklearn | 260 (234–286) | 11700 | 2.74 | 2.60 | 0.98 | 0 | float32 |",
		"| floor (products only) | 1.20 (1.08–1.32) | 54.0 | 1.00 | 0.60 | 0.30 | – | float32 |",
		"| floor (products only) | 95.0 (85.5–105) | 4275 | 1.00 | 0.95 | 0.36 | – | float32 |",
		"Floor: 0.161 GFLOP per update at 134.2 GFLOP/s; products cut over 2 cores 1.20 ms, " +
			"one call per product on one core 2.40 ms.",
	} {
		if !strings.Contains(out, row) {
			t.Errorf("table lacks row\n%s\nin\n%s", row, out)
		}
	}
	if strings.Index(out, "#### hgd") > strings.Index(out, "#### mnist") {
		t.Error("workloads out of run order")
	}
}

func TestWriteReportKeepsBackends(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "benchmarks.md")
	backends := "# Benchmarks\n\nIntro.\n\n## Backends\n\nOpenBLAS text.\n\n"
	old := backends + "## Old generated section\n\nstale\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second write finds the marker
		if err := writeReport(path, syntheticResults()); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc := string(b)
		if !strings.HasPrefix(doc, backends+generatedMarker) {
			t.Fatalf("head not kept:\n%.300s", doc)
		}
		if strings.Contains(doc, "stale") || strings.Count(doc, "## Backends") != 1 {
			t.Fatalf("old generated text kept or Backends duplicated:\n%s", doc)
		}
		if !strings.Contains(doc, "| OpenBLAS training vs PyTorch |") {
			t.Fatal("goals table missing")
		}
	}
}

func TestNPYRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.npy")
	data := []int8{0, 1, 1, 0, 1, 1}
	if err := writeNPY(path, data, 3); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := npy.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Shape, []int{2, 3}) || a.DType.Descr() != "|u1" {
		t.Errorf("shape %v dtype %s; want [2 3] |u1", a.Shape, a.DType.Descr())
	}
	for k, x := range data {
		if a.Data[k] != float64(x) {
			t.Fatalf("element %d = %v, want %d", k, a.Data[k], x)
		}
	}
}

func TestReadIDXImages(t *testing.T) {
	var raw bytes.Buffer
	hdr := [4]uint32{0x803, 2, 1, 3} // 2 images of 1×3 pixels
	if err := binary.Write(&raw, binary.BigEndian, hdr); err != nil {
		t.Fatal(err)
	}
	raw.Write([]byte{0, 127, 128, 255, 3, 200})
	var gz bytes.Buffer
	z := gzip.NewWriter(&gz)
	z.Write(raw.Bytes())
	z.Close()
	path := filepath.Join(t.TempDir(), "img.gz")
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	data, n, err := readIDXImages(path)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || !slices.Equal(data, []int8{0, 0, 1, 1, 0, 1}) {
		t.Errorf("n = %d, data = %v; want 3, [0 0 1 1 0 1] (pixels > 127)", n, data)
	}
	hdr[0] = 0x801
	raw.Reset()
	binary.Write(&raw, binary.BigEndian, hdr)
	gz.Reset()
	z = gzip.NewWriter(&gz)
	z.Write(raw.Bytes())
	z.Close()
	os.WriteFile(path, gz.Bytes(), 0o644)
	if _, _, err := readIDXImages(path); err == nil {
		t.Error("label file (magic 0x801) accepted as images")
	}
}

func TestWorkloadsSklearnShape(t *testing.T) {
	// sklearn's fit walks whole epochs: timed and warm-up updates must be
	// at most one epoch or a whole number of epochs (rows from the
	// fixtures and Fashion-MNIST: 10000, 4500, 60000).
	rows := map[string]int{"ising8": 10000, "hgd": 4500, "mnist": 60000}
	for _, quick := range []bool{false, true} {
		for _, w := range workloads(quick) {
			per := rows[w.Name] / w.Batch
			for _, u := range []int{w.Updates, w.Warmup} {
				if u > per && u%per != 0 {
					t.Errorf("%s (quick %v): %d updates, epoch of %d", w.Name, quick, u, per)
				}
			}
		}
	}
}

// floorResults has one sklearn training run of sklearnMS and one floor
// run of floorMS milliseconds per update on mnist.
func floorResults(sklearnMS, floorMS float64) *Results {
	return &Results{Runs: []Measurement{
		{Rep: 1, Kind: kindTrain, Workload: "mnist", Tool: toolSklearn, Count: 1,
			Seconds: sklearnMS / 1e3},
		{Rep: 1, Kind: kindFloor, Workload: "mnist", Tool: toolOpenBLAS, Count: 1,
			Seconds: floorMS / 1e3},
	}}
}

func TestReachOutOfReachExactlyBelowGoal(t *testing.T) {
	// sklearn ÷ floor = 250/100.4 = 2.49 and 250/99.6 = 2.51 around the
	// 2.5× goal; 250/50 = 5.
	cases := []struct {
		floorMS float64
		want    string
		short   bool
	}{{100.4, "sklearn ÷ floor: mnist 2.49×", true}, {99.6, "sklearn ÷ floor: mnist 2.51×", false},
		{50, "sklearn ÷ floor: mnist 5.00×", false}}
	for _, c := range cases {
		r := floorResults(250, c.floorMS)
		got := reach(r, toolSklearn, 2.5)
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("floor %v ms: reach %q, want prefix %q", c.floorMS, got, c.want)
		}
		var sb strings.Builder
		renderGoals(&sb, r)
		out := strings.Contains(sb.String(), "≥ 2.5× is out of reach on this machine on mnist")
		if out != c.short {
			t.Errorf("floor %v ms: out-of-reach text shown %v, want %v:\n%s", c.floorMS, out,
				c.short, sb.String())
		}
	}
	r := floorResults(250, 50)
	r.Runs = r.Runs[:1] // no floor run
	if got := reach(r, toolSklearn, 2.5); got != "–" {
		t.Errorf("reach without floor runs = %q, want –", got)
	}
}

func TestUpdateProductsFlops(t *testing.T) {
	// (2b + 3c)·n·m multiply-adds: b·n·m positive phase, c·n·m for each
	// chain product, (b+c)·n·m for the weight gradient; 5·b·n·m at c = b.
	cases := []struct{ b, c, n, m int }{{3, 5, 7, 11}, {100, 100, 805, 200}, {1000, 1000, 784, 500}}
	for _, c := range cases {
		got := totalFlops(updateProducts(c.b, c.c, c.n, c.m))
		want := 2 * float64((2*c.b+3*c.c)*c.n*c.m)
		if got != want {
			t.Errorf("%+v: %v FLOPs, want %v", c, got, want)
		}
	}
	if got, want := totalFlops(updateProducts(100, 100, 805, 200)), 10.0*100*805*200; got != want {
		t.Errorf("PCD-1 at c = b: %v FLOPs, want 10·b·n·m = %v", got, want)
	}
}

func TestUpdateProductsSplitMatchesNaive(t *testing.T) {
	// Every product cut into 1, 2 or 3 row shares equals a naive triple
	// loop over op(A)·op(B) (float32 sums of 0/1 times N(0, 0.01) terms:
	// tolerance 1e-4).
	for _, parts := range []int{1, 2, 3} {
		for i, p := range updateProducts(5, 4, 7, 3) {
			p.split(parts)
			for r := range p.m {
				for c := range p.n {
					var want float64
					for k := range p.k {
						a := p.a[r*p.lda+k]
						if p.transA {
							a = p.a[k*p.lda+r]
						}
						b := p.b[k*p.ldb+c]
						if p.transB {
							b = p.b[c*p.ldb+k]
						}
						want += float64(a) * float64(b)
					}
					if got := float64(p.c[r*p.ldc+c]); math.Abs(got-want) > 1e-4 {
						t.Fatalf("parts %d product %d C[%d,%d] = %v, want %v", parts, i, r, c,
							got, want)
					}
				}
			}
		}
	}
}

// cpuinfoHead is the start of /proc/cpuinfo on the benchmark machine (an
// AMD EPYC VM, 2 vCPUs), shortened flags.
const cpuinfoHead = `processor	: 0
vendor_id	: AuthenticAMD
cpu family	: 23
model		: 1
model name	: AMD EPYC
stepping	: 2
cpu MHz		: 1996.248
cache size	: 512 KB
siblings	: 2
cpu cores	: 2
flags		: fpu sse2 fma avx avx2 sha_ni

processor	: 1
model		: 9
`

func TestCPUFacts(t *testing.T) {
	var m Machine
	cpuFacts(&m, cpuinfoHead)
	if m.CPU != "AMD EPYC (avx2, fma)" || m.Family != "23" || m.Model != "1" ||
		m.Stepping != "2" || m.MHz != 1996.248 || m.ThreadsPerCore != 1 {
		t.Errorf("cpuFacts = %+v", m)
	}
	m.Cores = 2
	want := "AMD EPYC (avx2, fma), family 23 model 1 stepping 2, 1996 MHz, 2 cores, " +
		"1 thread(s) per core"
	if got := cpuLine(m); got != want {
		t.Errorf("cpuLine = %q, want %q", got, want)
	}
	if got := cpuLine(Machine{CPU: "old", Cores: 2}); got != "old, 2 cores" {
		t.Errorf("cpuLine of a results file without the facts = %q", got)
	}
}

func TestCacheSizes(t *testing.T) {
	dir := t.TempDir()
	caches := [][4]string{{"1", "Data", "32K", "0"}, {"1", "Instruction", "64K", "0"},
		{"2", "Unified", "512K", "0"}, {"3", "Unified", "8192K", "0-1"}}
	for i, c := range caches {
		d := filepath.Join(dir, "index"+string(rune('0'+i)))
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		for k, name := range []string{"level", "type", "size", "shared_cpu_list"} {
			if err := os.WriteFile(filepath.Join(d, name), []byte(c[k]+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := []string{"L1d 32K", "L1i 64K", "L2 512K", "L3 8192K shared by 0-1"}
	if got := cacheSizes(dir); !slices.Equal(got, want) {
		t.Errorf("cacheSizes = %q, want %q", got, want)
	}
}

func TestMachineSection(t *testing.T) {
	r := syntheticResults()
	r.Machine.Caches = []string{"L1d 32K", "L3 8192K shared by 0-1"}
	var sb strings.Builder
	renderMachine(&sb, r)
	// Medians over the four floor runs: 30 + 10·{0.9, 1.1} and 40 + 10·{0.9, 1.1}.
	for _, line := range []string{
		"- caches of CPU 0 (each core its own unless shared): L1d 32K, L3 8192K shared by 0-1",
		"- float32 sgemm 1000×784·784×500 (OpenBLAS, one thread per call; median of the " +
			"floor jobs): 40.0 GFLOP/s on 1 core, 50.0 GFLOP/s on 2 cores",
	} {
		if !strings.Contains(sb.String(), line) {
			t.Errorf("machine section lacks\n%s\nin\n%s", line, sb.String())
		}
	}
}

// A quick run's report names the quick command and the results file it
// wrote, not the full run's; a full run keeps bench/results/speed.json.
func TestReportNamesItsRunAndFile(t *testing.T) {
	r := syntheticResults()
	r.Quick, r.file = true, "runs/bench/speed.json"
	var sb strings.Builder
	renderReport(&sb, r)
	out := sb.String()
	for _, want := range []string{"`go run ./bench/speed -quick`", "Raw numbers: `runs/bench/speed.json`",
		"from a small HGD model (quick run)"} {
		if !strings.Contains(out, want) {
			t.Errorf("quick report lacks %q", want)
		}
	}
	if strings.Contains(out, "extraction from an 805 × 200 model") {
		t.Error("quick report claims couplings of an 805 × 200 model")
	}
	r.Quick, r.file = false, ""
	sb.Reset()
	renderReport(&sb, r)
	if !strings.Contains(sb.String(), "Raw numbers: `bench/results/speed.json`") {
		t.Error("full report does not name bench/results/speed.json")
	}
}
