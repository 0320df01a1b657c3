package ising

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestLatticeNeighboursSmall(t *testing.T) {
	// 3×3 periodic: site 0 = (0,0) neighbours (0,1)=1, (1,0)=3, and by
	// wrap-around (0,2)=2, (2,0)=6.
	pairs := LatticeNeighbours(3, 2)
	if len(pairs) != 18 {
		t.Fatalf("%d pairs, want 2·9 = 18", len(pairs))
	}
	var nbr0 []int32
	for _, p := range pairs {
		if p[0] >= p[1] {
			t.Fatalf("pair %v not increasing", p)
		}
		if p[0] == 0 {
			nbr0 = append(nbr0, p[1])
		}
	}
	if !slices.Equal(nbr0, []int32{1, 2, 3, 6}) {
		t.Fatalf("neighbours of 0: %v, want [1 2 3 6]", nbr0)
	}
}

func TestLatticeDegrees(t *testing.T) {
	for _, c := range []struct{ L, dim int }{{3, 2}, {8, 2}, {3, 3}, {5, 3}} {
		pairs := LatticeNeighbours(c.L, c.dim)
		n := LatticeSites(c.L, c.dim)
		deg := make([]int, n)
		seen := map[[2]int32]bool{}
		for _, p := range pairs {
			if seen[p] {
				t.Fatalf("L=%d dim=%d: pair %v twice", c.L, c.dim, p)
			}
			seen[p] = true
			deg[p[0]]++
			deg[p[1]]++
		}
		for i, d := range deg {
			if d != 2*c.dim {
				t.Fatalf("L=%d dim=%d: site %d has degree %d", c.L, c.dim, i, d)
			}
		}
	}
}

func TestLatticeNeighboursPanicsForL2(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for L = 2")
		}
	}()
	LatticeNeighbours(2, 2)
}

func TestSpecL2IsAnError(t *testing.T) {
	_, err := Spec{L: 2}.Build(nil)
	if err == nil || !strings.Contains(err.Error(), "L = 2") {
		t.Fatalf("err = %v, want an error about L = 2", err)
	}
}

// TestFixtureCouplings builds the 8×8 fixture model: 128 bonds of 0.4406.
func TestFixtureCouplings(t *testing.T) {
	h, err := Spec{L: 8, Beta: 0.4406}.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	if h.N != 64 || len(h.Terms) != 128 {
		t.Fatalf("N=%d, %d terms; want 64, 128", h.N, len(h.Terms))
	}
	for k, p := range LatticeNeighbours(8, 2) {
		tm := h.Terms[k]
		if tm.Sites[0] != p[0] || tm.Sites[1] != p[1] || tm.Value != 0.4406 {
			t.Fatalf("term %d = %+v, want pair %v of 0.4406", k, tm, p)
		}
	}
}

func TestPlaquettes(t *testing.T) {
	ps := LatticePlaquettes(3)
	if len(ps) != 9 || ps[0] != [4]int32{0, 1, 3, 4} || ps[8] != [4]int32{0, 2, 6, 8} {
		t.Fatalf("plaquettes %v", ps)
	}
	h, err := Spec{L: 4, Plaquettes: true, HigherJ: 0.5, Beta: 0.5}.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	if q := h.TermsOfOrder(4); len(q) != 16 || q[0].Value != 0.25 {
		t.Fatalf("%d quadruplets, first %+v; want 16 of 0.25", len(q), q[0])
	}
}

func TestSpecBuildsDisorderedModels(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 400
	sk, err := Spec{Graph: SK, N: n, Beta: 0.5, J: 2}.Build(rng)
	if err != nil {
		t.Fatal(err)
	}
	// SK: n(n−1)/2 Gaussian bonds of variance (βJ)²/N = 1/400; the sample
	// variance of 79 800 draws has relative sd √(2/79800) ≈ 0.5%, test 3%.
	var v float64
	for _, tm := range sk.Terms {
		v += tm.Value * tm.Value
	}
	v /= float64(len(sk.Terms))
	if len(sk.Terms) != n*(n-1)/2 || math.Abs(v*n-1) > 0.03 {
		t.Errorf("SK: %d terms, variance·N = %v; want %d, 1", len(sk.Terms), v*n, n*(n-1)/2)
	}

	// Erdős–Rényi: the number of edges is Binomial(79800, 3/399), mean 600,
	// sd ≈ 24.4; test within 4 sd. ±J bonds: |J| = β.
	er, err := Spec{Graph: ErdosRenyi, N: n, Bonds: PlusMinus, Beta: 0.7}.Build(rng)
	if err != nil {
		t.Fatal(err)
	}
	if m := len(er.Terms); math.Abs(float64(m)-600) > 4*24.4 {
		t.Errorf("ER: %d edges, want 600 ± 98", m)
	}
	for _, tm := range er.Terms {
		if math.Abs(tm.Value) != 0.7 {
			t.Fatalf("ER ±J bond %v, want ±0.7", tm.Value)
		}
	}
}

func TestSpecPlantedAndFields(t *testing.T) {
	spec := Spec{Graph: ErdosRenyi, N: 30, Degree: 2, Triplets: 12, Quadruplets: 5,
		HigherJ: 0.8, HigherBonds: PlusMinus, FieldStrength: 0.1, Beta: 0.5}
	a, err := spec.Build(rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.TermsOfOrder(3)) != 12 || len(a.TermsOfOrder(4)) != 5 {
		t.Fatalf("%d triplets and %d quadruplets, want 12 and 5",
			len(a.TermsOfOrder(3)), len(a.TermsOfOrder(4)))
	}
	for _, tm := range append(a.TermsOfOrder(3), a.TermsOfOrder(4)...) {
		if math.Abs(tm.Value) != 0.4 {
			t.Fatalf("planted term %+v, want ±0.4", tm)
		}
	}
	if slices.Equal(a.Fields, make([]float64, 30)) {
		t.Fatal("no random fields")
	}
	b, err := spec.Build(rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Terms, b.Terms) || !slices.Equal(a.Fields, b.Fields) {
		t.Fatal("same seed, different Hamiltonians")
	}
}

func TestSpecValidateReportsEveryField(t *testing.T) {
	err := Spec{Graph: Lattice, Dim: 4, L: 2, Beta: -1, Bonds: "x", HigherBonds: "y",
		FieldStrength: -1, Triplets: -1, Plaquettes: true}.Validate()
	if err == nil {
		t.Fatal("Validate accepted a bad spec")
	}
	for _, f := range []string{"Dim", "L", "Beta", "Bonds", "HigherBonds", "FieldStrength",
		"Triplets", "Plaquettes"} {
		if !strings.Contains(err.Error(), "Spec."+f) {
			t.Errorf("error does not mention %s: %v", f, err)
		}
	}
	if err := (Spec{Graph: SK, N: 10, Bonds: Ferro}).Validate(); err == nil {
		t.Error("SK with ferro bonds accepted")
	}
	if err := (Spec{Graph: ErdosRenyi, N: 10, Degree: 10}).Validate(); err == nil {
		t.Error("ER with degree > N−1 accepted")
	}
}
