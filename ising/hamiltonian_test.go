package ising

import (
	"math"
	"math/rand/v2"
	"testing"
)

// mixedHamiltonian returns a random Hamiltonian with fields, pairs, triplets
// and quadruplets on n sites.
func mixedHamiltonian(t *testing.T, n int, seed uint64) *Hamiltonian {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	fields := make([]float64, n)
	for i := range fields {
		fields[i] = 0.3 * rng.NormFloat64()
	}
	var terms []Term
	for k := 2; k <= 4; k++ {
		for _, e := range RandomHyperedges(n, k, n, rng) {
			terms = append(terms, NewTerm(0.4*rng.NormFloat64(), sitesOf(e[:k])...))
		}
	}
	h, err := New(n, fields, terms)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestDeltaEMatchesEnergyDifference(t *testing.T) {
	h := mixedHamiltonian(t, 9, 3)
	rng := rand.New(rand.NewPCG(7, 7))
	s := make([]int8, h.N)
	for trial := 0; trial < 200; trial++ {
		StateSpins(s, rng.Uint64())
		i := rng.IntN(h.N)
		e0 := h.Energy(s)
		de := h.DeltaE(s, i)
		s[i] = -s[i]
		e1 := h.Energy(s)
		if math.Abs(e1-e0-de) > 1e-12 {
			t.Fatalf("trial %d site %d: ΔE = %v, energy difference %v", trial, i, de, e1-e0)
		}
	}
}

func TestEnergyByHand(t *testing.T) {
	// H = −0.5 s0 − 1·s0 s1 − 2·s0 s1 s2 − 3·s0 s1 s2 s3 at s = (+,−,+,+):
	// −0.5·1 − 1·(−1) − 2·(−1) − 3·(−1) = −0.5 + 1 + 2 + 3 = 5.5.
	h, err := New(4, []float64{0.5, 0, 0, 0}, []Term{
		NewTerm(3, 3, 2, 1, 0), NewTerm(2, 2, 0, 1), NewTerm(1, 1, 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Energy([]int8{1, -1, 1, 1}); got != 5.5 {
		t.Fatalf("Energy = %v, want 5.5", got)
	}
	if h.Terms[0].Order != 2 || h.Terms[2].Sites != [4]int32{0, 1, 2, 3} {
		t.Fatalf("terms not in canonical order: %+v", h.Terms)
	}
	if h.MaxOrder() != 4 || h.Degree(0) != 3 || h.Degree(3) != 1 {
		t.Fatalf("MaxOrder %d, Degree(0) %d, Degree(3) %d", h.MaxOrder(), h.Degree(0), h.Degree(3))
	}
}

func TestNewMergesDuplicates(t *testing.T) {
	h, err := New(3, nil, []Term{NewTerm(0.25, 0, 1), NewTerm(0.5, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Terms) != 1 || h.Terms[0].Value != 0.75 {
		t.Fatalf("terms %+v, want one pair of value 0.75", h.Terms)
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	cases := []struct {
		name   string
		n      int
		fields []float64
		terms  []Term
	}{
		{"no sites", 0, nil, nil},
		{"field count", 3, []float64{1}, nil},
		{"nan field", 2, []float64{math.NaN(), 0}, nil},
		{"site range", 3, nil, []Term{NewTerm(1, 0, 3)}},
		{"repeated site", 3, nil, []Term{{Order: 2, Sites: [4]int32{1, 1}, Value: 1}}},
		{"order 5", 6, nil, []Term{{Order: 5, Value: 1}}},
		{"unsorted", 3, nil, []Term{{Order: 2, Sites: [4]int32{2, 1}, Value: 1}}},
		{"inf value", 3, nil, []Term{NewTerm(math.Inf(1), 0, 1)}},
	}
	for _, c := range cases {
		if _, err := New(c.n, c.fields, c.terms); err == nil {
			t.Errorf("%s: New accepted bad input", c.name)
		}
	}
}

func TestDeltaEPanicsWithoutNew(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for a Hamiltonian not built with New")
		}
	}()
	h := &Hamiltonian{N: 2, Fields: make([]float64, 2)}
	h.DeltaE([]int8{1, 1}, 0)
}
