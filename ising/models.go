package ising

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Bonds names the distribution of coupling values J_S around a scale J.
type Bonds string

const (
	// Ferro gives every bond the value +J.
	Ferro Bonds = "ferro"
	// PlusMinus gives +J or −J with probability ½ each (±J spin glass).
	PlusMinus Bonds = "pm"
	// Gaussian draws from N(0, J²).
	Gaussian Bonds = "gauss"
)

func (b Bonds) valid() bool { return b == Ferro || b == PlusMinus || b == Gaussian }

// draw returns one bond of scale j.
func (b Bonds) draw(j float64, rng *rand.Rand) float64 {
	switch b {
	case Ferro:
		return j
	case PlusMinus:
		if rng.Uint64()&1 == 0 {
			return -j
		}
		return j
	case Gaussian:
		return j * rng.NormFloat64()
	}
	panic(fmt.Sprintf("ising: unknown bond distribution %q", string(b)))
}

// Graph names the pair-interaction graph of a [Spec].
type Graph string

const (
	// Lattice is the periodic hypercubic lattice of [LatticeNeighbours].
	Lattice Graph = "lattice"
	// SK is the Sherrington–Kirkpatrick model: every pair, bonds of scale
	// J/√N (Gaussian bonds: J_ij ~ N(0, J²/N)).
	SK Graph = "sk"
	// ErdosRenyi is the sparse random graph G(N, p) with p = c/(N−1), so
	// the mean degree is c.
	ErdosRenyi Graph = "er"
	// NoPairs has no pair couplings (planted higher orders and fields only).
	NoPairs Graph = "none"
)

// Spec describes a model Hamiltonian to build. The zero value of every field
// means its documented default; all couplings and fields are multiplied by
// Beta so the built Hamiltonian is in units of kT.
type Spec struct {
	// Graph of the pair couplings; "" means Lattice.
	Graph Graph
	// Dim is the lattice dimension, 2 or 3; 0 means 2.
	Dim int
	// L is the lattice side, at least 3 (Lattice only).
	L int
	// N is the number of sites for SK, ErdosRenyi and NoPairs, at least 2
	// (at least 4 with quadruplets).
	N int
	// Degree is the mean degree c of ErdosRenyi, in (0, N−1]; 0 means 3.
	Degree float64

	// Beta is the inverse temperature, > 0; 0 means 1.
	Beta float64
	// J is the pair-bond scale; 0 means 1.
	J float64
	// Bonds is the pair-bond distribution; "" means Ferro, except for SK,
	// where it means Gaussian (SK takes Gaussian or PlusMinus).
	Bonds Bonds

	// Triplets and Quadruplets are the numbers of planted 3- and 4-body
	// terms on uniformly drawn distinct sets of sites; 0 means none.
	Triplets, Quadruplets int
	// Plaquettes adds a 4-body term on every elementary square of the 2D
	// lattice (Graph Lattice, Dim 2 only).
	Plaquettes bool
	// HigherJ is the scale of planted 3- and 4-body terms; 0 means J.
	HigherJ float64
	// HigherBonds is their distribution; "" means Ferro.
	HigherBonds Bonds

	// FieldStrength σ_h ≥ 0 gives each site a field h_i ~ N(0, σ_h²) (before
	// the factor Beta); 0 means no fields.
	FieldStrength float64
}

// withDefaults returns s with every zero field replaced by its default.
func (s Spec) withDefaults() Spec {
	if s.Graph == "" {
		s.Graph = Lattice
	}
	if s.Dim == 0 {
		s.Dim = 2
	}
	if s.Degree == 0 {
		s.Degree = 3
	}
	if s.Beta == 0 {
		s.Beta = 1
	}
	if s.J == 0 {
		s.J = 1
	}
	if s.Bonds == "" {
		s.Bonds = Ferro
		if s.Graph == SK {
			s.Bonds = Gaussian
		}
	}
	if s.HigherJ == 0 {
		s.HigherJ = s.J
	}
	if s.HigherBonds == "" {
		s.HigherBonds = Ferro
	}
	return s
}

// Sites returns the number of sites of the model s describes.
func (s Spec) Sites() int {
	d := s.withDefaults()
	if d.Graph == Lattice {
		return LatticeSites(d.L, d.Dim)
	}
	return d.N
}

// Validate reports every invalid field of s at once.
func (s Spec) Validate() error {
	d := s.withDefaults()
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("ising: Spec."+format, a...))
	}
	errs = append(errs, d.validateGraph()...)
	if !(d.Beta > 0) || math.IsInf(d.Beta, 0) {
		bad("Beta = %v, want > 0", s.Beta)
	}
	if math.IsNaN(d.J) || math.IsInf(d.J, 0) {
		bad("J = %v, want finite", s.J)
	}
	if math.IsNaN(d.HigherJ) || math.IsInf(d.HigherJ, 0) {
		bad("HigherJ = %v, want finite", s.HigherJ)
	}
	if !d.Bonds.valid() || (d.Graph == SK && d.Bonds == Ferro) {
		bad("Bonds = %q, want %q, %q or %q (SK: not ferro)", s.Bonds, Ferro, PlusMinus, Gaussian)
	}
	if !d.HigherBonds.valid() {
		bad("HigherBonds = %q, want %q, %q or %q", s.HigherBonds, Ferro, PlusMinus, Gaussian)
	}
	if !(d.FieldStrength >= 0) || math.IsInf(d.FieldStrength, 0) {
		bad("FieldStrength = %v, want ≥ 0", s.FieldStrength)
	}
	errs = append(errs, d.validatePlanted()...)
	return errors.Join(errs...)
}

func (d Spec) validateGraph() []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("ising: Spec."+format, a...))
	}
	switch d.Graph {
	case Lattice:
		if d.Dim != 2 && d.Dim != 3 {
			bad("Dim = %d, want 2 or 3", d.Dim)
		}
		if d.L < 3 {
			bad("L = %d, want ≥ 3 (for L = 2 the periodic bonds coincide)", d.L)
		}
	case SK, ErdosRenyi, NoPairs:
		if d.N < 2 {
			bad("N = %d, want ≥ 2", d.N)
		}
		if d.Graph == ErdosRenyi && !(d.Degree > 0 && d.Degree <= float64(d.N-1)) {
			bad("Degree = %v, want in (0, N−1 = %d]", d.Degree, d.N-1)
		}
	default:
		bad("Graph = %q, want %q, %q, %q or %q", d.Graph, Lattice, SK, ErdosRenyi, NoPairs)
	}
	return errs
}

func (d Spec) validatePlanted() []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("ising: Spec."+format, a...))
	}
	n := 0
	if d.Graph == Lattice && d.L >= 3 && (d.Dim == 2 || d.Dim == 3) {
		n = LatticeSites(d.L, d.Dim)
	} else if d.Graph != Lattice {
		n = d.N
	}
	for _, c := range []struct {
		name  string
		k, ct int
	}{{"Triplets", 3, d.Triplets}, {"Quadruplets", 4, d.Quadruplets}} {
		if c.ct < 0 || (c.ct > 0 && float64(c.ct) > binomial(n, c.k)/2) {
			bad("%s = %d, want in [0, C(%d,%d)/2]", c.name, c.ct, n, c.k)
		}
	}
	if d.Plaquettes && (d.Graph != Lattice || d.Dim != 2) {
		bad("Plaquettes needs Graph %q with Dim 2", Lattice)
	}
	return errs
}

func binomial(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	b := 1.0
	for i := range k {
		b = b * float64(n-i) / float64(i+1)
	}
	return b
}

// Build draws the model s describes with randomness from rng (only random
// bonds, graphs, planted sets and fields draw from it; rng may be nil for a
// model without any) and returns it with β absorbed. Draws happen in a
// fixed order (pair bonds by increasing pair, then triplets, quadruplets,
// plaquettes, fields), so a seeded rng gives the same Hamiltonian on every
// platform.
func (s Spec) Build(rng *rand.Rand) (*Hamiltonian, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	d := s.withDefaults()
	if rng == nil && d.random() {
		return nil, fmt.Errorf("ising: Spec.Build: nil rng for a random model")
	}
	n := d.Sites()
	terms := d.pairTerms(n, rng)
	for _, c := range []struct{ k, count int }{{3, d.Triplets}, {4, d.Quadruplets}} {
		for _, set := range RandomHyperedges(n, c.k, c.count, rng) {
			v := d.Beta * d.HigherBonds.draw(d.HigherJ, rng)
			terms = append(terms, NewTerm(v, sitesOf(set[:c.k])...))
		}
	}
	if d.Plaquettes {
		for _, p := range LatticePlaquettes(d.L) {
			v := d.Beta * d.HigherBonds.draw(d.HigherJ, rng)
			terms = append(terms, NewTerm(v, sitesOf(p[:])...))
		}
	}
	var fields []float64
	if d.FieldStrength > 0 {
		fields = make([]float64, n)
		for i := range fields {
			fields[i] = d.Beta * d.FieldStrength * rng.NormFloat64()
		}
	}
	return New(n, fields, terms)
}

// random reports whether building d (defaults applied) draws random numbers.
func (d Spec) random() bool {
	return d.Graph == SK || d.Graph == ErdosRenyi || (d.Graph == Lattice && d.Bonds != Ferro) ||
		d.Triplets > 0 || d.Quadruplets > 0 || (d.Plaquettes && d.HigherBonds != Ferro) ||
		d.FieldStrength > 0
}

func sitesOf(s []int32) []int {
	out := make([]int, len(s))
	for k, v := range s {
		out[k] = int(v)
	}
	return out
}

// pairTerms draws the pair couplings of d (defaults applied).
func (d Spec) pairTerms(n int, rng *rand.Rand) []Term {
	var terms []Term
	add := func(i, j int, scale float64) {
		terms = append(terms, NewTerm(d.Beta*d.Bonds.draw(scale, rng), i, j))
	}
	switch d.Graph {
	case Lattice:
		for _, p := range LatticeNeighbours(d.L, d.Dim) {
			add(int(p[0]), int(p[1]), d.J)
		}
	case SK:
		scale := d.J / math.Sqrt(float64(n))
		for i := range n {
			for j := i + 1; j < n; j++ {
				add(i, j, scale)
			}
		}
	case ErdosRenyi:
		p := d.Degree / float64(n-1)
		for i := range n {
			for j := i + 1; j < n; j++ {
				if rng.Float64() < p {
					add(i, j, d.J)
				}
			}
		}
	}
	return terms
}

// RandomHyperedges returns count distinct k-subsets of {0, …, n−1}, each
// drawn uniformly (rejecting repeats) and given in increasing order in
// [:k]; the order of the list is the order of the draws. It panics unless
// 1 ≤ k ≤ 4 and 0 ≤ count ≤ C(n, k)/2 (the bound keeps rejection cheap).
func RandomHyperedges(n, k, count int, rng *rand.Rand) [][4]int32 {
	if k < 1 || k > 4 || count < 0 || (count > 0 && float64(count) > binomial(n, k)/2) {
		panic(fmt.Sprintf("ising: RandomHyperedges(n=%d, k=%d, count=%d)", n, k, count))
	}
	seen := make(map[[4]int32]bool, count)
	out := make([][4]int32, 0, count)
	for len(out) < count {
		var e [4]int32
		for m := 0; m < k; {
			v := int32(rng.IntN(n))
			if !slices.Contains(e[:m], v) {
				e[m] = v
				m++
			}
		}
		slices.Sort(e[:k])
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}
