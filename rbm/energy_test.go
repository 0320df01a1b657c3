package rbm

import (
	"math"
	"testing"
)

func TestSoftplusAndLog2CoshTails(t *testing.T) {
	cases := []struct {
		x, sp, lc float64 // references: direct formulas in float64 for |x| ≤ 20, asymptotes beyond
	}{
		{0, math.Ln2, math.Ln2},
		{1, math.Log(1 + math.E), math.Log(2 * math.Cosh(1))},
		{-3, math.Log(1 + math.Exp(-3)), math.Log(2 * math.Cosh(3))},
		{20, math.Log(1 + math.Exp(20)), math.Log(2 * math.Cosh(20))},
		{1000, 1000, 1000}, // log(1+e^1000) = 1000 + log1p(e^−1000)
		{-1000, 0, 1000},   // e^−1000 underflows: softplus → 0, not NaN
		{-745.5, 0, 745.5}, // beyond the smallest subnormal
		{710, 710, 710},    // e^710 overflows float64
		{-710, 0, 710},
	}
	for _, c := range cases {
		if got := softplus(c.x); !approx(got, c.sp, 1e-14) {
			t.Errorf("softplus(%v) = %v, want %v", c.x, got, c.sp)
		}
		if got := log2cosh(c.x); !approx(got, c.lc, 1e-14) {
			t.Errorf("log2cosh(%v) = %v, want %v", c.x, got, c.lc)
		}
	}
	if s := sigmoid(-1000); s != 0 {
		t.Errorf("sigmoid(−1000) = %v, want 0", s)
	}
	if s := sigmoid(1000); s != 1 {
		t.Errorf("sigmoid(1000) = %v, want 1", s)
	}
}

// TestFreeEnergiesByEnumeration checks F(v), F(h) and the conditionals
// against sums over the other layer on N=7, M=3 (co-prime sizes catch a
// transposed W).
func TestFreeEnergiesByEnumeration(t *testing.T) {
	for _, vis := range bothVisible() {
		p := randomParams[float64](7, 3, vis, 0.8, 1)
		ising := vis == Ising
		for iv := range 1 << p.N {
			v := config[float64](iv, p.N, ising)
			var es []float64
			hmean := make([]float64, p.M)
			for ih := range 1 << p.M {
				h := config[float64](ih, p.M, false)
				es = append(es, -p.Energy(v, h))
			}
			want := -logSumExp(es)
			if got := p.FreeEnergy(v); !approx(got, want, 1e-12) {
				t.Fatalf("%v: F(v=%d) = %v, want %v", vis, iv, got, want)
			}
			for ih := range 1 << p.M {
				w := math.Exp(es[ih] + want)
				for a := range p.M {
					hmean[a] += w * float64(ih>>a&1)
				}
			}
			got := make([]float64, p.M)
			p.HiddenProbTo(got, v)
			for a := range p.M {
				if !approx(got[a], hmean[a], 1e-12) {
					t.Fatalf("%v: p(h_%d=1|v=%d) = %v, want %v", vis, a, iv, got[a], hmean[a])
				}
			}
		}
		checkHiddenSide(t, p)
	}
}

// checkHiddenSide checks F(h) and p(v_i up | h) by summing over v.
func checkHiddenSide(t *testing.T, p *Params[float64]) {
	t.Helper()
	ising := p.Visible == Ising
	for ih := range 1 << p.M {
		h := config[float64](ih, p.M, false)
		var es []float64
		for iv := range 1 << p.N {
			es = append(es, -p.Energy(config[float64](iv, p.N, ising), h))
		}
		want := -logSumExp(es)
		if got := p.HiddenFreeEnergy(h); !approx(got, want, 1e-12) {
			t.Fatalf("%v: F(h=%d) = %v, want %v", p.Visible, ih, got, want)
		}
		up := make([]float64, p.N)
		for iv := range 1 << p.N {
			w := math.Exp(es[iv] + want)
			for i := range p.N {
				up[i] += w * float64(iv>>i&1)
			}
		}
		got := make([]float64, p.N)
		p.VisibleProbTo(got, h)
		for i := range p.N {
			if !approx(got[i], up[i], 1e-12) {
				t.Fatalf("%v: p(v_%d up|h=%d) = %v, want %v", p.Visible, i, ih, got[i], up[i])
			}
		}
	}
}

func TestFreeEnergiesToMatchesSingle(t *testing.T) {
	for _, vis := range bothVisible() {
		p := randomParams[float32](7, 3, vis, 0.8, 2)
		rows := 1 << 7
		v := make([]float32, 0, rows*7)
		for iv := range rows {
			v = append(v, config[float32](iv, 7, vis == Ising)...)
		}
		got := make([]float64, rows)
		p.FreeEnergiesTo(got, v)
		for r := range rows {
			// float32 products against float64 sums: 1e−5 relative
			if want := p.FreeEnergy(v[r*7 : (r+1)*7]); !approx(got[r], want, 1e-5) {
				t.Fatalf("%v row %d: %v, want %v", vis, r, got[r], want)
			}
		}
	}
}
