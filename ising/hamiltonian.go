package ising

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Term is one k-body interaction, k = Order ∈ {2, 3, 4}. Sites[:Order] are
// 0-based site indices in increasing order (the unused entries are zero) and
// Value is J_S in units of kT (β absorbed). The term contributes
// −Value·Π_{i∈S} s_i to H.
type Term struct {
	Order int
	Sites [4]int32
	Value float64
}

// NewTerm returns the term on the given sites (in any order) with the given
// value. It panics unless 2 ≤ len(sites) ≤ 4; repeated or out-of-range
// sites are reported by [New].
func NewTerm(value float64, sites ...int) Term {
	if len(sites) < 2 || len(sites) > 4 {
		panic(fmt.Sprintf("ising: NewTerm with %d sites, want 2 to 4", len(sites)))
	}
	t := Term{Order: len(sites), Value: value}
	for k, i := range sites {
		t.Sites[k] = int32(i)
	}
	slices.Sort(t.Sites[:t.Order])
	return t
}

// Hamiltonian is a spin Hamiltonian on N sites in the Ising basis,
//
//	H(s) = − Σ_i h_i s_i − Σ_S J_S Π_{i∈S} s_i,     P(s) ∝ exp(−H(s)),
//
// with fields h = Fields (length N) and interactions J_S = Terms of orders
// 2 to 4, all in units of kT. Build it with [New], which validates the
// terms, puts them in canonical order and builds the per-site index used by
// [Hamiltonian.LocalField] and [Hamiltonian.DeltaE]. Fields and Terms must
// not be modified afterwards. A Hamiltonian is safe for concurrent reads.
type Hamiltonian struct {
	N      int
	Fields []float64
	Terms  []Term

	idx *siteIndex
}

// siteIndex lists, for every site i, the terms containing i with the other
// sites of each term. Pairs and higher orders are stored apart so that the
// common pairwise case runs a tight loop. Entries of site i occupy
// [pairStart[i], pairStart[i+1]) and [multiStart[i], multiStart[i+1]).
type siteIndex struct {
	pairStart  []int32
	pairNbr    []int32
	pairVal    []float64
	multiStart []int32
	multiNbr   [][3]int32 // other sites; the third is −1 for a triplet
	multiVal   []float64
}

// New validates and returns the Hamiltonian with n sites, fields (length n,
// or nil for none) and terms. Its arguments are copied. Terms are sorted by
// order, then sites; terms on the same set of sites are merged by summing
// their values. New reports an error for n < 1, a fields slice of the wrong
// length, an order outside 2..4, a site out of range or repeated within a
// term, and a non-finite value.
func New(n int, fields []float64, terms []Term) (*Hamiltonian, error) {
	if n < 1 {
		return nil, fmt.Errorf("ising: %d sites, want at least 1", n)
	}
	if fields != nil && len(fields) != n {
		return nil, fmt.Errorf("ising: %d fields for %d sites", len(fields), n)
	}
	h := &Hamiltonian{N: n, Fields: make([]float64, n)}
	copy(h.Fields, fields)
	var errs []error
	for i, v := range h.Fields {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			errs = append(errs, fmt.Errorf("ising: field %d is %v", i, v))
		}
	}
	for k, t := range terms {
		if err := checkTerm(t, n); err != nil {
			errs = append(errs, fmt.Errorf("ising: term %d: %w", k, err))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	h.Terms = canonicalTerms(terms)
	h.idx = buildIndex(n, h.Terms)
	return h, nil
}

func checkTerm(t Term, n int) error {
	if t.Order < 2 || t.Order > 4 {
		return fmt.Errorf("order %d, want 2 to 4", t.Order)
	}
	if math.IsNaN(t.Value) || math.IsInf(t.Value, 0) {
		return fmt.Errorf("value %v", t.Value)
	}
	for k := range t.Order {
		if t.Sites[k] < 0 || int(t.Sites[k]) >= n {
			return fmt.Errorf("site %d out of range [0, %d)", t.Sites[k], n)
		}
		if k > 0 && t.Sites[k] <= t.Sites[k-1] {
			return fmt.Errorf("sites %v not strictly increasing", t.Sites[:t.Order])
		}
	}
	for k := t.Order; k < 4; k++ {
		if t.Sites[k] != 0 {
			return fmt.Errorf("unused site slot %d holds %d, want 0", k, t.Sites[k])
		}
	}
	return nil
}

// compareTerms orders terms by order, then lexicographically by sites.
func compareTerms(a, b Term) int {
	if c := cmp.Compare(a.Order, b.Order); c != 0 {
		return c
	}
	for k := range a.Order {
		if c := cmp.Compare(a.Sites[k], b.Sites[k]); c != 0 {
			return c
		}
	}
	return 0
}

func canonicalTerms(terms []Term) []Term {
	out := slices.Clone(terms)
	slices.SortStableFunc(out, compareTerms)
	merged := out[:0]
	for _, t := range out {
		last := len(merged) - 1
		if last >= 0 && compareTerms(merged[last], t) == 0 {
			merged[last].Value += t.Value
			continue
		}
		merged = append(merged, t)
	}
	return slices.Clip(merged)
}

func buildIndex(n int, terms []Term) *siteIndex {
	x := &siteIndex{
		pairStart:  make([]int32, n+1),
		multiStart: make([]int32, n+1),
	}
	// count the entries of every site
	for _, t := range terms {
		start := x.multiStart
		if t.Order == 2 {
			start = x.pairStart
		}
		for _, i := range t.Sites[:t.Order] {
			start[i+1]++
		}
	}
	for i := range n {
		x.pairStart[i+1] += x.pairStart[i]
		x.multiStart[i+1] += x.multiStart[i]
	}

	// fill them in, in term order
	x.pairNbr = make([]int32, x.pairStart[n])
	x.pairVal = make([]float64, x.pairStart[n])
	x.multiNbr = make([][3]int32, x.multiStart[n])
	x.multiVal = make([]float64, x.multiStart[n])
	pp := slices.Clone(x.pairStart[:n])
	mp := slices.Clone(x.multiStart[:n])
	for _, t := range terms {
		if t.Order == 2 {
			a, b := t.Sites[0], t.Sites[1]
			x.pairNbr[pp[a]], x.pairVal[pp[a]] = b, t.Value
			x.pairNbr[pp[b]], x.pairVal[pp[b]] = a, t.Value
			pp[a]++
			pp[b]++
			continue
		}
		for k, i := range t.Sites[:t.Order] {
			others := [3]int32{-1, -1, -1}
			o := 0
			for l, j := range t.Sites[:t.Order] {
				if l != k {
					others[o] = j
					o++
				}
			}
			x.multiNbr[mp[i]], x.multiVal[mp[i]] = others, t.Value
			mp[i]++
		}
	}
	return x
}

func (h *Hamiltonian) index() *siteIndex {
	if h.idx == nil {
		panic("ising: Hamiltonian not built with New")
	}
	return h.idx
}

// LocalField returns f_i = h_i + Σ_{S∋i} J_S Π_{j∈S, j≠i} s_j, so that
// −H(s) = s_i f_i + (terms without i). s has length N with entries ±1.
func (h *Hamiltonian) LocalField(s []int8, i int) float64 {
	x := h.index()
	f := h.Fields[i]
	for k := x.pairStart[i]; k < x.pairStart[i+1]; k++ {
		f += x.pairVal[k] * float64(s[x.pairNbr[k]])
	}
	for k := x.multiStart[i]; k < x.multiStart[i+1]; k++ {
		o := x.multiNbr[k]
		p := s[o[0]] * s[o[1]]
		if o[2] >= 0 {
			p *= s[o[2]]
		}
		f += x.multiVal[k] * float64(p)
	}
	return f
}

// DeltaE returns H(s') − H(s) where s' is s with spin i flipped:
//
//	ΔE_i = 2 s_i f_i.
func (h *Hamiltonian) DeltaE(s []int8, i int) float64 {
	return 2 * float64(s[i]) * h.LocalField(s, i)
}

// Energy returns H(s) in units of kT. s has length N with entries ±1.
func (h *Hamiltonian) Energy(s []int8) float64 {
	if len(s) != h.N {
		panic(fmt.Sprintf("ising: configuration of length %d for %d sites", len(s), h.N))
	}
	var e float64
	for i, v := range h.Fields {
		e -= v * float64(s[i])
	}
	for _, t := range h.Terms {
		p := int8(1)
		for _, i := range t.Sites[:t.Order] {
			p *= s[i]
		}
		e -= t.Value * float64(p)
	}
	return e
}

// Degree returns the number of terms containing site i.
func (h *Hamiltonian) Degree(i int) int {
	x := h.index()
	return int(x.pairStart[i+1] - x.pairStart[i] + x.multiStart[i+1] - x.multiStart[i])
}

// MaxOrder returns the largest order among the terms, or 1 when there are
// none (fields only).
func (h *Hamiltonian) MaxOrder() int {
	m := 1
	for _, t := range h.Terms {
		m = max(m, t.Order)
	}
	return m
}

// TermsOfOrder returns the terms of order k, in canonical order, as a new
// slice.
func (h *Hamiltonian) TermsOfOrder(k int) []Term {
	var out []Term
	for _, t := range h.Terms {
		if t.Order == k {
			out = append(out, t)
		}
	}
	return out
}

// Magnetisation returns m = Σ_i s_i / N.
func Magnetisation(s []int8) float64 {
	var m int
	for _, v := range s {
		m += int(v)
	}
	return float64(m) / float64(len(s))
}
