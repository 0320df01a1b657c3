package hamiltonian

import (
	"fmt"
	"math"
	"sync"
)

// Gaussian returns the Ising-basis couplings of r's effective Hamiltonian
// in the central-limit (Gaussian) approximation: fields, all pairs, and for
// orders 3 and 4 (up to opts.MaxOrder) either every set or, when C(N, k)
// exceeds opts.MaxAll, the opts.Top sets of largest |J| found by a screen
// (package documentation, "Methods").
//
// For a set S of k sites the exact coupling is a sum over hidden units of
// a k-th signed difference of the conditional mean of log cosh over the
// other spins, X_a = Σ_(j∉S) w_ja s_j. The approximation takes X_a normal
// with mean 0 and variance σ²_(S,a) = Σ_(j∉S) w_ja², which depends on S:
//
//	J_S = Σ_a 2⁻ᵏ Σ_(σ∈{±1}ᵏ) (Π_i σ_i) E[log cosh(θ_a + Σ_(i∈S) w_ia σ_i + σ_(S,a) Z)]
//	h_i = η_i + J_(i) (same formula with k = 1),  Z ~ N(0, 1).
//
// Each expectation is a one-dimensional integral (see [Rule]); where a
// unit's weights are small against its σ the same quantity comes from a
// series in per-unit derivatives (series.go), a few dozen flops per set
// and unit instead of 2ᵏ integrals. [Estimate] predicts the cost. Sets are
// evaluated in parallel with per-worker scratch and written by index, so
// the result does not depend on opts.Workers.
//
// References: Decelle, Furtlehner, Navas Gómez, Seoane, Inferring
// effective couplings with Restricted Boltzmann Machines, SciPost Phys.
// 16, 095 (2024), arXiv:2309.02292; Decelle, Navas Gómez, Seoane,
// Inferring higher-order couplings with neural networks, Phys. Rev. Lett.
// 135, 207301 (2025), arXiv:2501.06108.
func Gaussian(r RBM, opts GaussianOptions) (*Result, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	e := r.Effective()
	ev := newEvaluator(&e, &opts)
	pl := newPlan(e.N, &opts)
	pr := &progress{fn: opts.Progress, total: pl.fullSets()}
	res := &Result{Orders: map[int][]Term{}, TopK: map[int]int{}}

	// Fields and every complete order.
	fields := allSets(e.N, 1)
	ev.evalAll(fields, 1, pr)
	res.Fields = make([]float64, e.N)
	for i, t := range fields {
		res.Fields[i] = t.Value
	}
	for k := 2; k <= pl.maxOrder; k++ {
		if pl.screened[k] {
			continue
		}
		terms := allSets(e.N, k)
		ev.evalAll(terms, k, pr)
		res.Orders[k] = terms
	}

	// Screened orders.
	for k := 3; k <= pl.maxOrder; k++ {
		if pl.screened[k] {
			res.Orders[k] = ev.screen(k, pl.top, pl.cands, &opts, pr)
			res.TopK[k] = pl.top
		}
	}
	if err := checkFinite(res); err != nil {
		return nil, err
	}
	res.setDiagnostics(&e, opts.dominance())
	return res, nil
}

// plan says which orders are complete and which are screened.
type plan struct {
	n, maxOrder int
	screened    [5]bool
	top, cands  int
}

func newPlan(n int, o *GaussianOptions) plan {
	p := plan{n: n, maxOrder: min(o.maxOrder(), n), top: o.top()}
	p.cands = o.candidates() * p.top
	for k := 3; k <= p.maxOrder; k++ {
		p.screened[k] = o.maxAll() < 0 || binomial(n, k) > float64(o.maxAll())
	}
	return p
}

// fullSets counts the sets evaluated with the full formula: all complete
// orders plus at most cands candidates per screened order.
func (p plan) fullSets() int {
	total := 0.0
	for k := 1; k <= p.maxOrder; k++ {
		if p.screened[k] {
			total += math.Min(float64(p.cands), binomial(p.n, k))
		} else {
			total += binomial(p.n, k)
		}
	}
	return int(total)
}

// progress serialises calls of the user's callback.
type progress struct {
	mu    sync.Mutex
	fn    func(done, total int)
	done  int
	total int
}

func (p *progress) add(n int) {
	if p == nil || p.fn == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.fn(p.done, p.total)
}

func checkFinite(res *Result) error {
	for i, h := range res.Fields {
		if math.IsNaN(h) || math.IsInf(h, 0) {
			return &NonFiniteError{Order: 1, Sites: [4]int32{int32(i)}, Value: h}
		}
	}
	for k := 2; k <= 4; k++ {
		for _, t := range res.Orders[k] {
			if math.IsNaN(t.Value) || math.IsInf(t.Value, 0) {
				return &NonFiniteError{Order: k, Sites: t.Sites, Value: t.Value}
			}
		}
	}
	return nil
}

// evaluator applies the full Gaussian formula to sets of sites.
type evaluator struct {
	e       *Effective
	q       *smoother
	v       []float64   // V_a = Σ_i w_ia², M entries
	derivs  [][]float64 // G^(m)(θ_a; V_a) per unit, nil where unused
	extra   []int       // seriesExtra of the unit's largest |w|/√V_a
	workers int
}

func newEvaluator(e *Effective, o *GaussianOptions) *evaluator {
	ev := &evaluator{e: e, q: newSmoother(o), v: make([]float64, e.M),
		workers: resolveWorkers(o.Workers)}
	for i := 0; i < e.N; i++ {
		for a, w := range e.W[i*e.M : (i+1)*e.M] {
			ev.v[a] += w * w
		}
	}
	ev.derivs = make([][]float64, e.M)
	ev.extra = make([]int, e.M)
	dom := e.dominance()
	for a := range ev.derivs {
		ev.extra[a] = seriesExtra(dom[a])
		if o.Rule == RuleAuto && math.Sqrt(ev.v[a]) >= ev.q.switchSigma {
			ev.derivs[a] = ev.q.unitDerivs(e.Theta[a], ev.v[a])
		}
	}
	return ev
}

// scratch is one worker's buffers; padded so two workers' buffers never
// share a cache line.
type scratch struct {
	xs, sg, q [32]float64
	poly, tmp [seriesMaxDeg + 1]float64
	ws        [4]float64
	sites     [4]int
	_         [64]byte
}

// evalChunk is the number of sets a worker takes at a time.
const evalChunk = 64

// evalAll sets terms[t].Value for every k-body term, in parallel.
func (ev *evaluator) evalAll(terms []Term, k int, pr *progress) {
	bufs := make([]scratch, ev.workers)
	parallelChunks(len(terms), evalChunk, ev.workers, func(w, lo, hi int) {
		b := &bufs[w]
		for t := lo; t < hi; t++ {
			for j := 0; j < k; j++ {
				b.sites[j] = int(terms[t].Sites[j])
			}
			terms[t].Value = ev.set(b.sites[:k], b)
		}
		pr.add(hi - lo)
	})
}

// set returns J_S by the full Gaussian formula (h_i for |S| = 1).
func (ev *evaluator) set(sites []int, b *scratch) float64 {
	var total float64
	for a := 0; a < ev.e.M; a++ {
		if v, ok := ev.seriesTerm(a, sites, b); ok {
			total += v
			continue
		}
		total += ev.quadTerm(a, sites, b)
	}
	if len(sites) == 1 {
		total += ev.e.Eta[sites[0]]
	}
	return total
}

// seriesTerm returns unit a's term by the series when it converges fast
// enough (see series.go).
func (ev *evaluator) seriesTerm(a int, sites []int, b *scratch) (float64, bool) {
	g := ev.derivs[a]
	if g == nil {
		return 0, false
	}
	e := ev.e
	ws := b.ws[:len(sites)]
	rho := 0.0
	for j, i := range sites {
		ws[j] = e.W[i*e.M+a]
		rho = max(rho, math.Abs(ws[j]))
	}
	extra := ev.extra[a] // from the unit's largest weight
	if extra < 0 {
		extra = seriesExtra(rho / math.Sqrt(ev.v[a]))
	}
	d := seriesDegree(extra, len(sites))
	if d < 0 {
		return 0, false
	}
	return seriesSet(ws, g, d, b.poly[:], b.tmp[:]), true
}

// quadTerm returns unit a's term by quadrature:
// 2⁻ᵏ Σ_σ (Π σ) E[log cosh(θ_a + Σ_i w_ia σ_i + σ_(S,a) Z)].
func (ev *evaluator) quadTerm(a int, sites []int, b *scratch) float64 {
	e := ev.e
	np := 1 << len(sites)
	xs, sg := b.xs[:np], b.sg[:np]
	s2 := ev.v[a]
	for _, i := range sites {
		w := e.W[i*e.M+a]
		s2 -= w * w
	}
	for m := 0; m < np; m++ {
		x, s := e.Theta[a], 1/float64(np)
		for j, i := range sites {
			if m>>j&1 == 1 {
				x, s = x-e.W[i*e.M+a], -s
			} else {
				x += e.W[i*e.M+a]
			}
		}
		xs[m], sg[m] = x, s
	}
	return ev.q.signedLogCosh(xs, sg, math.Sqrt(max(s2, 0)), b.q[:])
}

// String describes the plan, for error messages and estimates.
func (p plan) String() string {
	s := fmt.Sprintf("N=%d, orders 1..%d", p.n, p.maxOrder)
	for k := 3; k <= p.maxOrder; k++ {
		if p.screened[k] {
			s += fmt.Sprintf(", order %d screened to top %d", k, p.top)
		}
	}
	return s
}
