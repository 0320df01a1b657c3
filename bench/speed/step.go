package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/spinfer/spinfer/rbm"
)

// productFrames matches the stack frames of matrix products: gonum's
// pure-Go BLAS and its float32 kernels, or the cgo OpenBLAS binding.
var productFrames = regexp.MustCompile(
	`gonum/blas/gonum\.|gonum/internal/asm/f32\.|netlib/blas|_Cfunc_cblas|cgocall`)

// stepBlock is the number of chains whose products one goroutine computes
// in a Gibbs step of package rbm (its chain block).
const stepBlock = 32

// workStep splits a Gibbs step (Batch chains, N×M model) into matrix
// products and the rest. It times GibbsSteps steps of Sample under the CPU
// profiler, counts the profile samples inside the products, and times the
// step's two products (chains×N·N×M and chains×M·M×N) bare: as one sgemm
// per core on half the rows each, and in 32-chain blocks as the step
// does them.
func workStep(j Job) (Measurement, error) {
	w := j.Workload
	p, _, err := benchParams(w.Name, w.Hidden)
	if err != nil {
		return Measurement{}, err
	}
	cfg := rbm.SampleConfig{Chains: w.Batch, K: w.GibbsSteps, Samples: w.Batch, Seed: 1}
	f, err := os.Create(j.Profile)
	if err != nil {
		return Measurement{}, err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return Measurement{}, err
	}
	t0 := time.Now()
	_, err = rbm.Sample(p, cfg)
	sec := time.Since(t0).Seconds()
	pprof.StopCPUProfile()
	if err != nil {
		return Measurement{}, err
	}
	frac, err := productFraction(j.Profile)
	if err != nil {
		return Measurement{}, err
	}
	rounds := max(j.Rounds, 1)
	c, n, m := w.Batch, p.N, p.M
	flops := 4 * float64(c) * float64(n) * float64(m) // two products per step
	whole := timeProducts(c, n, m, (c+1)/2, rounds)
	blocked := timeProducts(c, n, m, stepBlock, rounds)
	stepSec := sec / float64(w.GibbsSteps)
	return Measurement{Seconds: sec, Count: float64(w.GibbsSteps), Values: map[string]float64{
		"product_fraction":  frac,
		"step_gflops":       flops / (stepSec * frac) / 1e9,
		"sgemm_gflops":      flops * float64(rounds) / whole / 1e9,
		"block_sgemm_gflop": flops * float64(rounds) / blocked / 1e9,
		"flops_per_step":    flops,
	}}, nil
}

// timeProducts times rounds of the two products of a Gibbs step of c
// chains, v·W (c×n·n×m) and h·Wᵀ (c×m·m×n), cut into blocks of rows
// computed on GOMAXPROCS goroutines, and returns the seconds.
func timeProducts(c, n, m, rows, rounds int) float64 {
	r := rand.New(rand.NewPCG(3, 4))
	fill := func(x []float32) {
		for k := range x {
			x[k] = float32(r.IntN(2))
		}
	}
	v, h, wt := make([]float32, c*n), make([]float32, c*m), make([]float32, n*m)
	fill(v)
	fill(h)
	for k := range wt {
		wt[k] = float32(r.NormFloat64() * 0.1)
	}
	actH, actV := make([]float32, c*m), make([]float32, c*n)
	impl := blas32.Implementation()
	block := func(b int) {
		lo, hi := b*rows, min((b+1)*rows, c)
		impl.Sgemm(blas.NoTrans, blas.NoTrans, hi-lo, m, n, 1, v[lo*n:], n, wt, m,
			0, actH[lo*m:], m)
		impl.Sgemm(blas.NoTrans, blas.Trans, hi-lo, n, m, 1, h[lo*m:], m, wt, m,
			0, actV[lo*n:], n)
	}
	nb := (c + rows - 1) / rows
	onCores(nb, block) // warm-up
	t0 := time.Now()
	for range rounds {
		onCores(nb, block)
	}
	return time.Since(t0).Seconds()
}

// onCores calls f(i) for i in [0,n) on GOMAXPROCS goroutines.
func onCores(n int, f func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// productFraction returns the fraction of the CPU profile's sample time
// whose stack passes through a matrix product, read with
// `go tool pprof -traces`.
func productFraction(profile string) (float64, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	out, err := exec.Command("go", "tool", "pprof", "-traces", exe, profile).Output()
	if err != nil {
		return 0, fmt.Errorf("speed: go tool pprof -traces: %w", err)
	}
	in, total, err := traceShares(strings.NewReader(string(out)), productFrames)
	if err != nil {
		return 0, err
	}
	if total == 0 {
		return 0, fmt.Errorf("speed: empty CPU profile %s", profile)
	}
	return in / total, nil
}

// traceShares parses `go tool pprof -traces` output: samples separated by
// lines of dashes, each starting with its value ("10ms", "1.20s") before
// its innermost frame, one frame per line. It returns the summed value of
// the samples with a frame matching re, and of all samples, in seconds.
func traceShares(r io.Reader, re *regexp.Regexp) (in, total float64, err error) {
	sc := bufio.NewScanner(r)
	var cur float64
	var hit, open bool
	flush := func() {
		if open {
			total += cur
			if hit {
				in += cur
			}
		}
		cur, hit, open = 0, false, false
	}
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "-----------+"):
			flush()
		case !open && isSampleStart(line):
			f := strings.Fields(line)
			if cur, err = parseDuration(f[0]); err != nil {
				return 0, 0, err
			}
			open = true
			hit = re.MatchString(strings.Join(f[1:], " "))
		case open:
			hit = hit || re.MatchString(line)
		}
	}
	flush()
	return in, total, sc.Err()
}

// isSampleStart reports whether a -traces line opens a sample (a value
// followed by a frame).
func isSampleStart(line string) bool {
	f := strings.Fields(line)
	if len(f) < 2 {
		return false
	}
	_, err := parseDuration(f[0])
	return err == nil
}

// parseDuration reads pprof's durations: a number with unit ns, us, µs,
// ms, s, mins or hrs.
func parseDuration(s string) (float64, error) {
	units := []struct {
		suffix string
		scale  float64
	}{{"mins", 60}, {"hrs", 3600}, {"ns", 1e-9}, {"us", 1e-6}, {"µs", 1e-6}, {"ms", 1e-3},
		{"s", 1}} // longest first: "mins" ends in "ns"
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			x, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, fmt.Errorf("speed: bad duration %q", s)
			}
			return x * u.scale, nil
		}
	}
	return 0, fmt.Errorf("speed: bad duration %q", s)
}
