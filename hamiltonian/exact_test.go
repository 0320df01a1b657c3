package hamiltonian

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestExactMatchesBruteForce checks every coefficient of Exact against a
// direct Walsh sum over all states, both visible types.
func TestExactMatchesBruteForce(t *testing.T) {
	const tol = 1e-10
	for _, tc := range []struct {
		n, m  int
		wStd  float64
		ising bool
		seed  uint64
	}{
		{5, 3, 0.8, false, 1},
		{8, 4, 0.6, false, 2},
		{8, 4, 0.6, true, 3},
		{13, 5, 0.5, true, 4}, // N > 12 exercises the cross-block stages
		{13, 2, 1.5, false, 5},
	} {
		r := randomRBM(tc.n, tc.m, tc.wStd, tc.ising, tc.seed)
		res, err := Exact(r, 4, 3)
		if err != nil {
			t.Fatal(err)
		}
		negH := tabulateBrute(r)
		for i, h := range res.Fields {
			if want := bruteWalsh(negH, tc.n, []int{i}); math.Abs(h-want) > tol {
				t.Errorf("%+v: h_%d = %.15g, brute force %.15g", tc, i, h, want)
			}
		}
		for k := 2; k <= 4; k++ {
			if got, want := len(res.Orders[k]), int(binomial(tc.n, k)); got != want {
				t.Fatalf("%+v: order %d has %d terms, want %d", tc, k, got, want)
			}
			for j, term := range res.Orders[k] {
				if j > 0 && !lessSites(&res.Orders[k][j-1], &term, k) {
					t.Fatalf("order %d not in lexicographic order at %d", k, j)
				}
				want := bruteWalsh(negH, tc.n, sitesOf(term, k))
				if math.Abs(term.Value-want) > tol {
					t.Errorf("%+v: J%v = %.15g, brute force %.15g",
						tc, term.Sites[:k], term.Value, want)
				}
			}
		}
	}
}

// TestExactWorkersIndependent checks bit-identical results for 1 and 3
// workers.
func TestExactWorkersIndependent(t *testing.T) {
	r := randomRBM(15, 6, 0.5, false, 11)
	a, err := Exact(r, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Exact(r, 3, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Fields {
		if a.Fields[i] != b.Fields[i] {
			t.Fatalf("field %d differs: %v vs %v", i, a.Fields[i], b.Fields[i])
		}
	}
	for k := 2; k <= 3; k++ {
		for j := range a.Orders[k] {
			if a.Orders[k][j] != b.Orders[k][j] {
				t.Fatalf("order %d term %d differs", k, j)
			}
		}
	}
}

func TestExactRefusesLargeN(t *testing.T) {
	r := randomRBM(MaxExactN+1, 1, 0.1, false, 1)
	_, err := Exact(r, 2, 1)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	for _, s := range []string{"25", "24"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not name %s", err, s)
		}
	}
}

func TestExactRejectsBadInput(t *testing.T) {
	r := randomRBM(4, 2, 0.1, false, 1)
	if _, err := Exact(r, 5, 1); err == nil {
		t.Error("maxOrder 5 accepted")
	}
	r.W[3] = math.NaN()
	r.B = r.B[:3]
	_, err := Exact(r, 2, 1)
	if err == nil || !strings.Contains(err.Error(), "W[3]") ||
		!strings.Contains(err.Error(), "len(B)") {
		t.Fatalf("err = %v, want both W[3] and len(B) reported", err)
	}
}
