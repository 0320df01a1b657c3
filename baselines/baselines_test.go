package baselines

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/ising"
)

// randomPairwise returns a pairwise model on n sites with every pair coupled,
// J_ij ~ N(0, scale²) and h_i ~ N(0, field²), as a Hamiltonian and as
// dense truth.
func randomPairwise(t *testing.T, n int, scale, field float64,
	seed uint64) (*ising.Hamiltonian, *Pairwise) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 17))
	truth := &Pairwise{N: n, Fields: make([]float64, n), J: make([]float64, n*n)}
	var terms []ising.Term
	for i := range n {
		truth.Fields[i] = field * rng.NormFloat64()
		for j := i + 1; j < n; j++ {
			v := scale * rng.NormFloat64()
			truth.J[i*n+j], truth.J[j*n+i] = v, v
			terms = append(terms, ising.NewTerm(v, i, j))
		}
	}
	h, err := ising.New(n, truth.Fields, terms)
	if err != nil {
		t.Fatal(err)
	}
	return h, truth
}

// exactData returns every configuration of h, weighted by its exact
// probability (enumeration).
func exactData(t *testing.T, h *ising.Hamiltonian) Samples {
	t.Helper()
	d, err := ising.Enumerate(h)
	if err != nil {
		t.Fatal(err)
	}
	s := Samples{N: h.N, Spins: make([]int8, len(d.P)*h.N), Weights: d.P}
	for x := range d.P {
		ising.StateSpins(s.Spins[x*h.N:(x+1)*h.N], uint64(x))
	}
	return s
}

// maxErrors returns the largest absolute errors of the fields and of the
// couplings (i < j) of got against want.
func maxErrors(got, want *Pairwise) (field, coupling float64) {
	for i := range want.N {
		field = max(field, math.Abs(got.Fields[i]-want.Fields[i]))
		for j := i + 1; j < want.N; j++ {
			coupling = max(coupling, math.Abs(got.Coupling(i, j)-want.Coupling(i, j)))
		}
	}
	return field, coupling
}

// TestPLMRecoversExactModel: on exact data the pseudo-likelihood is
// maximised by the true parameters (each conditional is exactly logistic),
// so with λ = 0 the fit must return them; tolerance 1e-5, with the gradient
// driven below 1e-8 (curvatures are O(0.1–1), so the optimiser's own error
// is below 1e-7; 1e-10 is under the rounding floor of the objective).
func TestPLMRecoversExactModel(t *testing.T) {
	h, truth := randomPairwise(t, 8, 0.4, 0.3, 1)
	p, err := PseudoLikelihood(exactData(t, h), PLMConfig{NoPenalty: true, GradTol: 1e-8})
	if err != nil {
		t.Fatal(err)
	}
	fe, ce := maxErrors(p, truth)
	t.Logf("max |Δh| = %.2e, max |ΔJ| = %.2e", fe, ce)
	if fe > 1e-5 || ce > 1e-5 {
		t.Fatalf("max field error %v, coupling error %v; want ≤ 1e-5", fe, ce)
	}
	if p.Lambda != 0 {
		t.Fatalf("Lambda = %v with NoPenalty", p.Lambda)
	}
	// the log pseudo-likelihood per site is ⟨log P(s_i|s_−i)⟩ < 0
	for i, l := range p.LogPL {
		if !(l < 0) {
			t.Fatalf("site %d: log pseudo-likelihood %v", i, l)
		}
	}
}

// TestNMFFirstOrder: naive mean field is exact to first order in J; by the
// TAP expansion its error is 2 J_ij² m_i m_j + O(J³) (Tanaka 1998), so with
// couplings of scale ε the coupling error is bounded by about 2ε_max², and
// halving ε divides it by about 4. Exact moments (enumeration), no
// sampling noise. Tolerances: error ≤ 2·max|J|² + 10ε³ and error ratio
// between 3 and 5 when ε halves.
func TestNMFFirstOrder(t *testing.T) {
	var errs []float64
	for _, eps := range []float64{0.04, 0.02} {
		h, truth := randomPairwise(t, 8, eps, 0.5, 2)
		p, err := NaiveMeanField(exactData(t, h), NMFConfig{})
		if err != nil {
			t.Fatal(err)
		}
		fe, ce := maxErrors(p, truth)
		maxJ := 0.0
		for _, v := range truth.J {
			maxJ = max(maxJ, math.Abs(v))
		}
		t.Logf("ε=%v: max|J| %.3f, max |ΔJ| %.2e (bound %.2e), max |Δh| %.2e", eps, maxJ, ce,
			2*maxJ*maxJ, fe)
		if ce > 2*maxJ*maxJ+10*eps*eps*eps {
			t.Errorf("ε=%v: coupling error %v exceeds second-order bound", eps, ce)
		}
		errs = append(errs, ce)
	}
	if r := errs[0] / errs[1]; r < 3 || r > 5 {
		t.Errorf("error ratio %v when ε halves, want ≈ 4 (second order)", r)
	}
}

// TestNMFMatchesTAPCorrection checks the sign and size of the leading nMF
// error against the TAP term 2 J_ij² m_i m_j with exact m_i: what remains
// is O(J³), below 10ε³ for ε = 0.04.
func TestNMFMatchesTAPCorrection(t *testing.T) {
	const eps = 0.04
	h, truth := randomPairwise(t, 8, eps, 0.5, 2)
	s := exactData(t, h)
	p, err := NaiveMeanField(s, NMFConfig{})
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := moments(s)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for i := range truth.N {
		for j := i + 1; j < truth.N; j++ {
			jt := truth.Coupling(i, j)
			worst = max(worst, math.Abs(p.Coupling(i, j)-jt-2*jt*jt*m[i]*m[j]))
		}
	}
	t.Logf("max residual after TAP term %.2e", worst)
	if worst > 10*eps*eps*eps {
		t.Fatalf("residual %v exceeds 10ε³ = %v", worst, 10*eps*eps*eps)
	}
}

// ferroSamples draws a periodic L×L ferromagnet at coupling k with Wolff.
func ferroSamples(t *testing.T, L int, k float64, rows int) (Samples, [][2]int32) {
	t.Helper()
	h, err := ising.Spec{L: L, Beta: k}.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ising.Sample(h, ising.Config{Method: ising.Wolff, Samples: rows, Chains: 2}, 3)
	if err != nil {
		t.Fatal(err)
	}
	return Samples{N: h.N, Spins: res.Spins}, ising.LatticeNeighbours(L, 2)
}

// TestBaselinesRecoverFerroStructure: on 10⁴ samples of a 5×5 periodic
// ferromagnet at K = 0.3 both methods must rank all 50 true bonds above all
// 250 non-bonds (ROC-AUC 1). Pseudo-likelihood must also get the bond
// values: mean within 0.01 of 0.3 (statistical error of one bond ≈
// 1/√(R·⟨4σ(1−σ)⟩) ≈ 0.012, of the mean of 50 about 0.002; the default
// λ = 1/R shrinks by about 2λ/0.8, negligible) and non-bonds within 5
// single-bond errors of 0.
func TestBaselinesRecoverFerroStructure(t *testing.T) {
	const L, k = 5, 0.3
	s, bonds := ferroSamples(t, L, k, 10000)
	isBond := map[[2]int]bool{}
	for _, b := range bonds {
		isBond[[2]int{int(b[0]), int(b[1])}] = true
	}
	nmf, err := NaiveMeanField(s, NMFConfig{})
	if err != nil {
		t.Fatal(err)
	}
	plm, err := PseudoLikelihood(s, PLMConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*Pairwise{"nmf": nmf, "plm": plm} {
		minBond, maxOther, sum := math.Inf(1), 0.0, 0.0
		for i := range p.N {
			for j := i + 1; j < p.N; j++ {
				if isBond[[2]int{i, j}] {
					minBond = min(minBond, p.Coupling(i, j))
					sum += p.Coupling(i, j)
				} else {
					maxOther = max(maxOther, math.Abs(p.Coupling(i, j)))
				}
			}
		}
		mean := sum / float64(len(bonds))
		t.Logf("%s: weakest bond %.3f, mean bond %.3f, largest |non-bond| %.3f",
			name, minBond, mean, maxOther)
		if minBond <= maxOther {
			t.Errorf("%s: a non-bond (%.3f) outranks a bond (%.3f)", name, maxOther, minBond)
		}
		if name == "plm" && (math.Abs(mean-k) > 0.01 || maxOther > 5*0.012) {
			t.Errorf("plm: mean bond %v (want %v ± 0.01), largest non-bond %v", mean, k, maxOther)
		}
	}
}

func TestPLMDeterministicAcrossWorkers(t *testing.T) {
	s, _ := ferroSamples(t, 4, 0.3, 2000)
	a, err := PseudoLikelihood(s, PLMConfig{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := PseudoLikelihood(s, PLMConfig{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.J, b.J) || !slices.Equal(a.Fields, b.Fields) {
		t.Fatal("results depend on the worker count")
	}
}

func TestDefaultLambda(t *testing.T) {
	s := Samples{N: 2, Spins: []int8{1, 1, -1, 1, 1, -1, -1, -1}}
	if l := DefaultLambda(s); math.Abs(l-0.25) > 1e-15 {
		t.Errorf("4 equal rows: λ = %v, want 1/4", l)
	}
	// weights 2,1,1,0: R_eff = 4²/(4+1+1) = 8/3
	s.Weights = []float64{2, 1, 1, 0}
	if l := DefaultLambda(s); math.Abs(l-3.0/8) > 1e-15 {
		t.Errorf("weighted: λ = %v, want 3/8", l)
	}
}

func TestConstantColumns(t *testing.T) {
	s := Samples{N: 3, Spins: []int8{1, 1, -1, -1, 1, 1, 1, 1, -1}}
	var ce *ConstantColumnsError
	_, err := NaiveMeanField(s, NMFConfig{})
	if !errors.As(err, &ce) || !slices.Equal(ce.Columns, []int{1}) {
		t.Errorf("nmf: err = %v, want constant column [1]", err)
	}
	if _, err := PseudoLikelihood(s, PLMConfig{}); !errors.As(err, &ce) {
		t.Errorf("plm: err = %v, want *ConstantColumnsError", err)
	}
	// a row of zero weight does not count
	s.Weights = []float64{1, 0, 1}
	s.Spins[4] = -1
	if _, err := NaiveMeanField(s, NMFConfig{}); !errors.As(err, &ce) {
		t.Errorf("weighted: err = %v, want *ConstantColumnsError", err)
	}
}

func TestNMFSingularAndRidge(t *testing.T) {
	// column 2 duplicates column 0: C is singular
	s := Samples{N: 3, Spins: []int8{
		1, 1, 1, -1, 1, -1, 1, -1, 1, -1, -1, -1, 1, 1, 1, -1, -1, -1,
	}}
	var se *SingularError
	if _, err := NaiveMeanField(s, NMFConfig{}); !errors.As(err, &se) {
		t.Fatalf("err = %v, want *SingularError", err)
	}
	p, err := NaiveMeanField(s, NMFConfig{Ridge: 0.1})
	if err != nil {
		t.Fatalf("with ridge: %v", err)
	}
	if !(p.Coupling(0, 2) > p.Coupling(0, 1)) {
		t.Errorf("ridge fit: J_02 = %v not above J_01 = %v", p.Coupling(0, 2), p.Coupling(0, 1))
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name string
		s    Samples
		want string
	}{
		{"binary value", Samples{N: 2, Spins: []int8{1, -1, 0, 1}}, "row 1, column 0"},
		{"ragged", Samples{N: 2, Spins: []int8{1, -1, 1}}, "do not fill"},
		{"weights", Samples{N: 2, Spins: []int8{1, -1}, Weights: []float64{1, 1}}, "2 weights"},
		{"negative", Samples{N: 2, Spins: []int8{1, -1}, Weights: []float64{-1}}, "weight -1"},
		{"one column", Samples{N: 1, Spins: []int8{1}}, "1 variables"},
	}
	for _, c := range cases {
		_, err := PseudoLikelihood(c.s, PLMConfig{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want mention of %q", c.name, err, c.want)
		}
	}
	bad := PLMConfig{Lambda: -1, NoPenalty: true, GradTol: -1, MaxIterations: -1, Workers: -1}
	err := bad.Validate()
	for _, f := range []string{"Lambda = -1", "Lambda = -1 with", "GradTol", "MaxIterations",
		"Workers"} {
		if err == nil || !strings.Contains(err.Error(), f) {
			t.Errorf("Validate: %v does not mention %q", err, f)
		}
	}
}

func TestPairwiseHamiltonian(t *testing.T) {
	h, truth := randomPairwise(t, 5, 0.3, 0.2, 4)
	g, err := truth.Hamiltonian()
	if err != nil {
		t.Fatal(err)
	}
	s := []int8{1, -1, -1, 1, 1}
	if math.Abs(g.Energy(s)-h.Energy(s)) > 1e-12 || len(truth.Terms()) != 10 {
		t.Fatalf("Hamiltonian of truth differs: %v vs %v", g.Energy(s), h.Energy(s))
	}
}
