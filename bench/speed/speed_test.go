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
// build takes 2.4× torch on mnist (goal missed).
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
	r.Runs = append(r.Runs, Measurement{Rep: 1, Kind: kindStep, Workload: "mnist",
		Tool: toolOpenBLAS, Count: 10, Seconds: 0.5, Values: map[string]float64{
			"product_fraction": 0.7, "step_gflops": 90, "sgemm_gflops": 150}},
		Measurement{Rep: 1, Kind: kindIngest, Workload: "hgd-text", Tool: "spinfer",
			Count: 1, Seconds: 2, PeakRSSMB: 150})
	return r
}

func TestGoals(t *testing.T) {
	want := map[string][2]string{ // goal → measured, status
		"OpenBLAS training vs PyTorch":      {"hgd 1.50×, mnist 1.10×", "MISSED on mnist"},
		"OpenBLAS training vs scikit-learn": {"hgd 3.00×, mnist 2.60×", "met"},
		"Pure-Go training vs PyTorch":       {"hgd 1.33×, mnist 2.40×", "MISSED on mnist"},
		"784×500 Gibbs step: products vs OpenBLAS sgemm": {
			"60 % (90.0 vs 150.0 GFLOP/s)", "met"},
		"784×500 Gibbs step: elementwise work": {
			"30 % of the step's CPU time outside the products", "MISSED"},
		"Ingest of the 90 MB HGD text": {"150 MiB (157 MB)", "met"},
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
		if g.measured != w[0] || g.status != w[1] {
			t.Errorf("%s: measured %q status %q; want %q, %q", g.name, g.measured, g.status,
				w[0], w[1])
		}
	}
}

func TestTrainingTable(t *testing.T) {
	var sb strings.Builder
	renderTraining(&sb, syntheticResults())
	out := sb.String()
	// Rows: median ms (min–max), ms/epoch = 45 updates, ratios to the two
	// spinfer builds.
	for _, row := range []string{
		"| spinfer-openblas | 2.00 (1.80–2.20) | 90.0 | 1.00 | 0.50 | 0 | float32 |",
		"| torch | 3.00 (2.70–3.30) | 135 | 1.50 | 0.75 | 0 | float32 |",
		"| sklearn | 260 (234–286) | 11700 | 2.60 | 0.98 | 0 | float32 |",
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
