package hamiltonian

import (
	"cmp"
	"math"
	"slices"
)

// screen returns the top K k-sets by |J| (k = 3 or 4) of the full Gaussian
// formula among candidates chosen without enumerating all C(N, k) sets,
// in lexicographic order. To leading order in the weights,
//
//	J_S ≈ Σ_a g_a^(k)(θ_a) Π_(i∈S) w_ia,   g_a(x) = E[log cosh(x + σ_a Z)],
//
// σ_a² = Σ_i w_ia²: a rank-M symmetric tensor. Its entries are large where
// several large weights of one hidden unit meet, so with half of
// opts.ScreenBudget (counted as sets × M) each:
//
//  1. pool pass: each (unit a, site i) gets the bound
//     |g_a^(k)| |w_ia| Π(k−1 largest other |w_ja|) on the single-unit
//     entries through it; sites enter a pool U in decreasing order of
//     their best bound until C(|U|, k)·M reaches the budget, and every
//     k-subset of U is scored with the rank-M form;
//  2. unit pass: every k-subset of each unit's m largest |w_ia| is scored
//     (m as large as the budget allows), once: a set is scored by the
//     first unit holding it, and not at all if U holds it;
//  3. the best C·K scores (strict order: |value|, then sites) are
//     evaluated with the full formula and the best K kept.
//
// When U can hold all N sites, step 1 scores every set and step 2 is
// skipped. The recall of the true top K is measured in the tests.
// Deterministic whatever the worker count.
func (ev *evaluator) screen(k, top, cands int, o *GaussianOptions, pr *progress) []Term {
	coef := ev.leadingCoefficients(k)
	budget := o.screenBudget() / 2
	pool := ev.candidateSites(k, coef, budget)
	approx := ev.scoreSubsets(k, pool, coef, cands)
	if len(pool) < ev.e.N {
		approx = mergeStrongest(k, cands, approx, ev.scoreUnits(k, pool, coef, cands, budget))
	}

	// Full formula on the candidates, keep the best K.
	ev.evalAll(approx, k, pr)
	if short := min(cands, int(binomial(ev.e.N, k))) - len(approx); short > 0 {
		pr.add(short) // progress totals assumed a full candidate list
	}
	slices.SortFunc(approx, func(a, b Term) int { return compareStrength(&a, &b, k) })
	best := approx[:min(top, len(approx))]
	slices.SortFunc(best, func(a, b Term) int { return compareSites(&a, &b, k) })
	return best
}

// leadingCoefficients returns g_a^(k)(θ_a) = E[log cosh^(k)(θ_a + σ_a Z)].
func (ev *evaluator) leadingCoefficients(k int) []float64 {
	c := make([]float64, ev.e.M)
	for a := range c {
		c[a] = ev.q.expectDeriv(k, ev.e.Theta[a], math.Sqrt(ev.v[a]))
	}
	return c
}

// candidateSites returns the pool U of step 1, sorted increasingly.
func (ev *evaluator) candidateSites(k int, coef []float64, budget float64) []int {
	e := ev.e
	size := e.N
	for size > k && binomial(size, k)*float64(e.M) > budget {
		size--
	}
	if size >= e.N {
		return identity(e.N)
	}
	best := make([]float64, e.N)
	col := make([]float64, e.N)
	for a := 0; a < e.M; a++ {
		for i := range col {
			col[i] = math.Abs(e.W[i*e.M+a])
		}
		top := slices.Clone(col)
		slices.SortFunc(top, func(x, y float64) int { return cmp.Compare(y, x) })
		for i, wi := range col {
			// Product of the k−1 largest others: drop wi if it is among them.
			p, used := math.Abs(coef[a])*wi, 0
			skipped := false
			for _, wj := range top {
				if used == k-1 {
					break
				}
				if !skipped && wj == wi {
					skipped = true
					continue
				}
				p *= wj
				used++
			}
			best[i] = max(best[i], p)
		}
	}
	order := identity(e.N)
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(best[j], best[i]) })
	pool := order[:size]
	slices.Sort(pool)
	return pool
}

func identity(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// scoreSubsets scores every k-subset of pool with Σ_a coef_a Π w_ia and
// returns the best cands of them (values are the approximations). Work is
// split by the first site; each worker keeps its own bounded heap and the
// heaps are merged under the same strict order, so the outcome does not
// depend on scheduling.
func (ev *evaluator) scoreSubsets(k int, pool []int, coef []float64, cands int) []Term {
	heaps := make([]termHeap, ev.workers)
	for w := range heaps {
		heaps[w] = termHeap{k: k, cap: cands}
	}
	parallelChunks(len(pool), 1, ev.workers, func(w, lo, hi int) {
		prod := make([]float64, 3*ev.e.M)
		for p := lo; p < hi; p++ {
			ev.scoreFrom(k, pool, p, coef, prod, &heaps[w])
		}
	})
	lists := make([][]Term, len(heaps))
	for w := range heaps {
		lists[w] = heaps[w].items
	}
	return mergeStrongest(k, cands, lists...)
}

// mergeStrongest returns the cands strongest terms of all lists.
func mergeStrongest(k, cands int, lists ...[]Term) []Term {
	all := termHeap{k: k, cap: cands}
	for _, l := range lists {
		for _, t := range l {
			all.push(t)
		}
	}
	return all.items
}

// scoreFrom scores the subsets of pool whose first site is pool[p].
func (ev *evaluator) scoreFrom(k int, pool []int, p int, coef, prod []float64, h *termHeap) {
	e := ev.e
	m := e.M
	p1 := prod[:m]
	wi := e.W[pool[p]*m : (pool[p]+1)*m]
	for a := range p1 {
		p1[a] = coef[a] * wi[a]
	}
	var rec func(depth, from int, cur []float64, t Term)
	rec = func(depth, from int, cur []float64, t Term) {
		for q := from; q < len(pool); q++ {
			wj := e.W[pool[q]*m : (pool[q]+1)*m]
			t.Sites[depth] = int32(pool[q])
			if depth == k-1 {
				t.Value = dot(cur, wj)
				h.push(t)
				continue
			}
			next := prod[depth*m : (depth+1)*m]
			for a := range next {
				next[a] = cur[a] * wj[a]
			}
			rec(depth+1, q+1, next, t)
		}
	}
	var t Term
	t.Sites[0] = int32(pool[p])
	rec(1, p+1, p1, t)
}

func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	a := 0
	for ; a+4 <= len(x); a += 4 {
		s0 += x[a] * y[a]
		s1 += x[a+1] * y[a+1]
		s2 += x[a+2] * y[a+2]
		s3 += x[a+3] * y[a+3]
	}
	for ; a < len(x); a++ {
		s0 += x[a] * y[a]
	}
	return (s0 + s1) + (s2 + s3)
}

// compareStrength orders by decreasing |Value|, then lexicographic sites:
// a strict total order on distinct sets.
func compareStrength(a, b *Term, k int) int {
	if c := cmp.Compare(math.Abs(b.Value), math.Abs(a.Value)); c != 0 {
		return c
	}
	return compareSites(a, b, k)
}

func compareSites(a, b *Term, k int) int {
	for j := 0; j < k; j++ {
		if c := cmp.Compare(a.Sites[j], b.Sites[j]); c != 0 {
			return c
		}
	}
	return 0
}

// termHeap keeps the cap strongest terms seen (by compareStrength); the
// root items[0] is the weakest kept.
type termHeap struct {
	k, cap int
	items  []Term
}

// weaker reports whether items[i] ranks after items[j].
func (h *termHeap) weaker(i, j int) bool {
	return compareStrength(&h.items[i], &h.items[j], h.k) > 0
}

func (h *termHeap) push(t Term) {
	if len(h.items) < h.cap {
		h.items = append(h.items, t)
		h.up(len(h.items) - 1)
		return
	}
	if h.cap == 0 || compareStrength(&t, &h.items[0], h.k) >= 0 {
		return
	}
	h.items[0] = t
	h.down(0)
}

func (h *termHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h.weaker(i, p) {
			return
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *termHeap) down(i int) {
	n := len(h.items)
	for {
		l, m := 2*i+1, i
		if l < n && h.weaker(l, m) {
			m = l
		}
		if r := l + 1; r < n && h.weaker(r, m) {
			m = r
		}
		if m == i {
			return
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}

// scoreUnits is the unit pass of [evaluator.screen]: it scores the
// k-subsets of each unit's m largest |w_ia| not already covered by pool or
// by an earlier unit, and returns the best cands.
func (ev *evaluator) scoreUnits(k int, pool []int, coef []float64, cands int,
	budget float64) []Term {
	e := ev.e
	m := k
	// Each candidate costs ~2kM: the rank-M score and the ownership check.
	for m < e.N && float64(e.M)*binomial(m+1, k)*2*float64(k*e.M) <= budget {
		m++
	}
	top := make([][]int, e.M)
	inTop := make([]bool, e.M*e.N) // inTop[a*N+i]
	inPool := make([]bool, e.N)
	for _, i := range pool {
		inPool[i] = true
	}
	for a := range top {
		top[a] = largestWeights(e, a, m)
		for _, i := range top[a] {
			inTop[a*e.N+i] = true
		}
	}
	heaps := make([]termHeap, ev.workers)
	for w := range heaps {
		heaps[w] = termHeap{k: k, cap: cands}
	}
	parallelChunks(e.M, 1, ev.workers, func(w, lo, hi int) {
		for a := lo; a < hi; a++ {
			forEachSet(len(top[a]), k, func(idx []int) {
				var t Term
				for j, x := range idx {
					t.Sites[j] = int32(top[a][x])
				}
				if owned(&t, k, a, e.N, inTop, inPool) {
					t.Value = ev.rankM(&t, k, coef)
					heaps[w].push(t)
				}
			})
		}
	})
	lists := make([][]Term, len(heaps))
	for w := range heaps {
		lists[w] = heaps[w].items
	}
	return mergeStrongest(k, cands, lists...)
}

// largestWeights returns the m sites of largest |w_ia|, sorted by site.
func largestWeights(e *Effective, a, m int) []int {
	order := identity(e.N)
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Compare(math.Abs(e.W[j*e.M+a]), math.Abs(e.W[i*e.M+a]))
	})
	out := slices.Clone(order[:m])
	slices.Sort(out)
	return out
}

// owned reports whether unit a is the one to score t: the pool does not
// hold all of t's sites and no earlier unit's top list holds them all.
func owned(t *Term, k, a, n int, inTop, inPool []bool) bool {
	all := func(in []bool) bool {
		for _, i := range t.Sites[:k] {
			if !in[i] {
				return false
			}
		}
		return true
	}
	if all(inPool) {
		return false
	}
	for b := 0; b < a; b++ {
		if all(inTop[b*n : (b+1)*n]) {
			return false
		}
	}
	return true
}

// rankM returns Σ_a coef_a Π_(i∈S) w_ia.
func (ev *evaluator) rankM(t *Term, k int, coef []float64) float64 {
	e := ev.e
	var s float64
	for a, c := range coef {
		p := c
		for _, i := range t.Sites[:k] {
			p *= e.W[int(i)*e.M+a]
		}
		s += p
	}
	return s
}
