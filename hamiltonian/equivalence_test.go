package hamiltonian

import (
	"math"
	"testing"
)

// TestBinaryIsingEquivalence: a binary-visible RBM and its analytically
// equivalent Ising-visible RBM (isingEquivalent) define one distribution,
// so both methods must give them the same couplings (to rounding).
func TestBinaryIsingEquivalence(t *testing.T) {
	bin := randomRBM(12, 5, 0.7, false, 31)
	ising := isingEquivalent(bin)
	methods := map[string]func(RBM) (*Result, error){
		"exact": func(r RBM) (*Result, error) { return Exact(r, 4, 0) },
		"gaussian": func(r RBM) (*Result, error) {
			return Gaussian(r, GaussianOptions{MaxOrder: 4})
		},
	}
	for name, run := range methods {
		a, err := run(bin)
		if err != nil {
			t.Fatal(err)
		}
		b, err := run(ising)
		if err != nil {
			t.Fatal(err)
		}
		for i := range a.Fields {
			if d := math.Abs(a.Fields[i] - b.Fields[i]); d > 1e-12 {
				t.Errorf("%s: h_%d binary %.15g, Ising %.15g", name, i, a.Fields[i], b.Fields[i])
			}
		}
		for k := 2; k <= 4; k++ {
			for j, ta := range a.Orders[k] {
				tb := b.Orders[k][j]
				if ta.Sites != tb.Sites || math.Abs(ta.Value-tb.Value) > 1e-12 {
					t.Errorf("%s: J%v binary %.15g, Ising J%v %.15g",
						name, ta.Sites[:k], ta.Value, tb.Sites[:k], tb.Value)
				}
			}
		}
	}
}

// binaryCoefficients returns the lattice-gas expansion of log p(v) for a
// binary-visible RBM, log p(v) = Σ_T a_T Π_(i∈T) v_i + const, indexed by
// the mask of T: f(v) = bᵀv + Σ_a softplus(c_a + Σ_i v_i W_ia) tabulated
// with bit i of the index meaning v_i = 1, then Möbius-inverted,
// a_T = Σ_(U⊆T) (−1)^(|T|−|U|) f(1_U).
func binaryCoefficients(r RBM) []float64 {
	f := make([]float64, 1<<r.N)
	for x := range f {
		for i := 0; i < r.N; i++ {
			if x>>i&1 == 1 {
				f[x] += r.B[i]
			}
		}
		for a := 0; a < r.M; a++ {
			u := r.C[a]
			for i := 0; i < r.N; i++ {
				if x>>i&1 == 1 {
					u += r.W[i*r.M+a]
				}
			}
			f[x] += max(u, 0) + math.Log1p(math.Exp(-math.Abs(u)))
		}
	}
	for i := 0; i < r.N; i++ {
		for x := range f {
			if x>>i&1 == 1 {
				f[x] -= f[x&^(1<<i)]
			}
		}
	}
	return f
}

// TestSupersetTrap: dividing the binary-basis coefficient a_S by 2^|S|
// does not give the Ising coupling; the Ising coupling collects all
// supersets, J_S = Σ_(T⊇S) a_T / 2^|T| (from Π_(i∈T) v_i =
// 2^(−|T|) Σ_(S⊆T) Π_(i∈S) s_i with v = (1+s)/2).
func TestSupersetTrap(t *testing.T) {
	r := randomRBM(8, 3, 0.8, false, 41)
	a := binaryCoefficients(r)
	ex, err := Exact(r, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	var naiveErr, naiveNorm float64
	for k := 2; k <= 4; k++ {
		for _, term := range ex.Orders[k] {
			mask := 0
			for _, i := range term.Sites[:k] {
				mask |= 1 << i
			}
			var sum float64
			for tm := range a {
				if tm&mask == mask {
					sum += math.Ldexp(a[tm], -popcount(tm))
				}
			}
			if math.Abs(sum-term.Value) > 1e-10 {
				t.Errorf("J%v = %.15g, superset sum %.15g", term.Sites[:k], term.Value, sum)
			}
			d := math.Ldexp(a[mask], -k) - term.Value
			naiveErr += d * d
			naiveNorm += term.Value * term.Value
		}
	}
	// The naive a_S/2^|S| must be far off (measured: 0.34 norm-relative).
	rel := math.Sqrt(naiveErr / naiveNorm)
	t.Logf("‖a_S/2^|S| − J_S‖/‖J_S‖ = %.2f", rel)
	if rel < 0.2 {
		t.Errorf("naive a_S/2^|S| within %.2f of J_S: the trap did not show", rel)
	}
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
