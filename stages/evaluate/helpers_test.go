package evaluate

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// The synthetic run: N = 6 spins on a ring.
const (
	testN    = 6
	testM    = 3
	testRows = 300
	testJ    = 0.4
)

var testFields = []float64{0.1, -0.2, 0, 0.3, 0, 0.05}

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "s" + strconv.Itoa(i)
	}
	return out
}

// randomData returns rows×n uniform ±1 spins (or 0/1 when binary).
func randomData(rows, n int, binary bool, seed uint64) *formats.Dataset {
	r := rand.New(rand.NewPCG(seed, 1))
	d := &formats.Dataset{Names: names(n), Basis: formats.Ising, Rows: rows,
		Values: make([]int8, rows*n)}
	if binary {
		d.Basis = formats.Binary
	}
	for i := range d.Values {
		v := int8(r.IntN(2))
		if !binary {
			v = 2*v - 1
		}
		d.Values[i] = v
	}
	return d
}

func ring(n int) [][2]int32 {
	var out [][2]int32
	for i := 0; i < n; i++ {
		a, b := int32(i), int32((i+1)%n)
		out = append(out, [2]int32{min(a, b), max(a, b)})
	}
	return out
}

// truthCouplings is the ring of J = 0.4 with testFields.
func truthCouplings() *formats.Couplings {
	var pairs []formats.Term
	for _, p := range ring(testN) {
		pairs = append(pairs, formats.Term{Sites: [4]int32{p[0], p[1]}, Value: testJ})
	}
	return &formats.Couplings{Names: names(testN), Fields: append([]float64(nil), testFields...),
		Orders: map[int][]formats.Term{2: pairs}, Meta: map[string]string{}}
}

// inferredCouplings lists all 15 pairs with the true values, changed by
// delta where given.
func inferredCouplings(delta map[[2]int32]float64) *formats.Couplings {
	nn := map[[2]int32]bool{}
	for _, p := range ring(testN) {
		nn[p] = true
	}
	var pairs []formats.Term
	for i := int32(0); i < testN; i++ {
		for j := i + 1; j < testN; j++ {
			v := 0.0
			if nn[[2]int32{i, j}] {
				v = testJ
			}
			v += delta[[2]int32{i, j}]
			pairs = append(pairs, formats.Term{Sites: [4]int32{i, j}, Value: v})
		}
	}
	return &formats.Couplings{Names: names(testN), Fields: append([]float64(nil), testFields...),
		Orders: map[int][]formats.Term{2: pairs}, Meta: map[string]string{}}
}

// testModel is a small random RBM with Ising visible units.
func testModel() *formats.Model {
	r := rand.New(rand.NewPCG(7, 2))
	m := &formats.Model{VisibleNames: names(testN), Visible: formats.UnitIsing,
		Hidden: formats.UnitBernoulli, W: make([]float64, testN*testM),
		B: make([]float64, testN), C: make([]float64, testM), Training: map[string]any{}}
	for i := range m.W {
		m.W[i] = 0.5 * r.NormFloat64()
	}
	for i := range m.B {
		m.B[i] = 0.2 * r.NormFloat64()
	}
	for a := range m.C {
		m.C[a] = 0.2 * r.NormFloat64()
	}
	return m
}

// bruteLogLik is the mean log-probability per row of data (Ising values)
// under m, by enumerating all 2^N visible and 2^M hidden states:
// log p(s) = log Σ_h exp(−E(s,h)) − log Z, E = −b·s − c·h − sᵀWh.
func bruteLogLik(m *formats.Model, data []int8) float64 {
	n, k := m.NVisible(), m.NHidden()
	logMarg := func(s []float64) float64 {
		var terms []float64
		for h := 0; h < 1<<k; h++ {
			e := 0.0
			for i := range n {
				e -= m.B[i] * s[i]
			}
			for a := range k {
				if h>>a&1 == 0 {
					continue
				}
				e -= m.C[a]
				for i := range n {
					e -= s[i] * m.W[i*k+a]
				}
			}
			terms = append(terms, -e)
		}
		return logSumExp(terms)
	}
	var all []float64
	s := make([]float64, n)
	for v := 0; v < 1<<n; v++ {
		for i := range n {
			s[i] = float64(2*(v>>i&1) - 1)
		}
		all = append(all, logMarg(s))
	}
	logZ := logSumExp(all)
	rows := len(data) / n
	sum := 0.0
	for r := range rows {
		for i := range n {
			s[i] = float64(data[r*n+i])
		}
		sum += logMarg(s) - logZ
	}
	return sum / float64(rows)
}

func logSumExp(xs []float64) float64 {
	mx := math.Inf(-1)
	for _, x := range xs {
		mx = max(mx, x)
	}
	sum := 0.0
	for _, x := range xs {
		sum += math.Exp(x - mx)
	}
	return mx + math.Log(sum)
}

// testRun writes a complete run directory: dataset (train), test set,
// samples equal to the data, truth, inferred couplings, model and a
// training log.
func testRun(t *testing.T, delta map[[2]int32]float64) (pipeline.RunDir, *formats.Dataset,
	*formats.Dataset) {
	t.Helper()
	run := pipeline.RunDir(t.TempDir())
	data := randomData(testRows, testN, false, 1)
	test := randomData(100, testN, false, 2)
	must(t, formats.WriteDataset(run.Dataset(), data, false))
	must(t, formats.WriteDataset(run.Test(), test, false))
	must(t, formats.WriteSamples(run.Samples(), data, false))
	must(t, formats.WriteCouplings(run.Truth(), truthCouplings(), false))
	must(t, formats.WriteCouplings(run.Couplings(), inferredCouplings(delta), false))
	must(t, formats.WriteModel(run.Model(), testModel(), false))
	writeMetrics(t, run.Metrics())
	return run, data, test
}

// writeMetrics writes a training log of four rows, the log-likelihood
// measured at two of them.
func writeMetrics(t *testing.T, path string) {
	t.Helper()
	nan := math.NaN()
	cols := []formats.Column{
		{Name: "update", Int64: []int64{0, 1, 10, 100}},
		{Name: "epoch", Float64: []float64{0, 0.3, 3, 30}},
		{Name: "wall_seconds", Float64: []float64{0, 0.1, 1, 10}},
		{Name: "train_loglik", Float64: []float64{-4.2, nan, -4.0, -3.9}},
		{Name: "test_loglik", Float64: []float64{-4.3, nan, -4.1, -4.05}},
		{Name: "loglik_method", String: []string{"exact", "", "exact", "exact"}},
		{Name: "loglik_ais_spread", Float64: []float64{0, nan, 0, 0}},
		{Name: "pll_per_site", Float64: []float64{-0.69, -0.68, -0.66, -0.65}},
		{Name: "recon_error", Float64: []float64{1, 0.9, 0.8, 0.7}},
		{Name: "singular_1", Float64: []float64{0.01, 0.1, 1, 2}},
		{Name: "singular_2", Float64: []float64{0.01, 0.05, 0.5, 1}},
	}
	must(t, formats.WriteTable(path, formats.ArtifactMetrics, cols, nil, false))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// readResult parses evaluation.json both generically and as a Result.
func readResult(t *testing.T, run pipeline.RunDir) (map[string]any, *Result, []byte) {
	t.Helper()
	b, err := os.ReadFile(run.Evaluation())
	must(t, err)
	var generic map[string]any
	if err := json.Unmarshal(b, &generic); err != nil {
		t.Fatalf("evaluation.json does not parse: %v", err)
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("evaluation.json does not parse as a Result: %v", err)
	}
	return generic, &r, b
}

func near(t *testing.T, what string, got Number, want, tol float64) {
	t.Helper()
	if !got.Valid() || math.Abs(float64(got)-want) > tol {
		t.Errorf("%s = %v, want %v ± %g", what, float64(got), want, tol)
	}
}
