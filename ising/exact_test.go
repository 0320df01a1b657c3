package ising

import (
	"errors"
	"math"
	"testing"
)

func TestEnumerateMatchesDirectEnergies(t *testing.T) {
	h := mixedHamiltonian(t, 7, 11)
	d, err := Enumerate(h)
	if err != nil {
		t.Fatal(err)
	}
	s := make([]int8, h.N)
	var z float64
	for x := range d.Energy {
		StateSpins(s, uint64(x))
		e := h.Energy(s)
		if math.Abs(e-d.Energy[x]) > 1e-12 {
			t.Fatalf("state %d: Gray-code energy %v, direct %v", x, d.Energy[x], e)
		}
		z += math.Exp(-e)
	}
	if math.Abs(d.LogZ-math.Log(z)) > 1e-12 {
		t.Fatalf("LogZ = %v, direct sum gives %v", d.LogZ, math.Log(z))
	}
}

func TestExactMomentsTwoSpins(t *testing.T) {
	// H = −J s0 s1 − h (s0 + s1). States and −H: ++ J+2h, −− J−2h, +− and
	// −+ −J, so Z = 2e^J cosh 2h + 2e^−J, ⟨s0 s1⟩ = (2e^J cosh 2h − 2e^−J)/Z,
	// ⟨s_i⟩ = 2e^J sinh 2h / Z, ⟨H⟩ = −∂ log Z/∂β at β = 1 (by hand below).
	const j, f = 0.7, 0.3
	h, err := New(2, []float64{f, f}, []Term{NewTerm(j, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ExactMoments(h)
	if err != nil {
		t.Fatal(err)
	}
	wpp, wmm, wpm := math.Exp(j+2*f), math.Exp(j-2*f), math.Exp(-j)
	z := wpp + wmm + 2*wpm
	energy := (-(j+2*f)*wpp - (j-2*f)*wmm + 2*j*wpm) / z
	want := []struct {
		name      string
		got, want float64
	}{
		{"LogZ", m.LogZ, math.Log(z)},
		{"<s0 s1>", m.Corr[1], (wpp + wmm - 2*wpm) / z},
		{"<s1 s0>", m.Corr[2], (wpp + wmm - 2*wpm) / z},
		{"<s0>", m.Means[0], (wpp - wmm) / z},
		{"<H>", m.Energy, energy},
		{"<m>", m.Mag, (wpp - wmm) / z},
		{"<|m|>", m.AbsMag, (wpp + wmm) / z},
	}
	for _, w := range want {
		if math.Abs(w.got-w.want) > 1e-14 {
			t.Errorf("%s = %v, want %v", w.name, w.got, w.want)
		}
	}
}

func TestEnumerateTooLarge(t *testing.T) {
	h, err := New(MaxExactSites+1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var se *SizeError
	if _, err := Enumerate(h); !errors.As(err, &se) {
		t.Fatalf("err = %v, want *SizeError", err)
	}
	if _, err := Sample(h, Config{Method: Exact, Samples: 1}, 1); !errors.As(err, &se) {
		t.Fatalf("Sample: err = %v, want *SizeError", err)
	}
}

// TestExactSamplingTV checks the empirical distribution of exact samples
// against the enumerated one in total variation. With K states and n
// samples, E[TV] ≤ ½ Σ_x √(p_x(1−p_x)/n) ≤ ½√(K/n), and TV moves by at most
// 1/n per sample, so by McDiarmid's inequality P(TV > E[TV] + t) ≤
// exp(−2nt²); t = √(ln(10⁴)/(2n)) makes the failure probability 10⁻⁴.
func TestExactSamplingTV(t *testing.T) {
	h := mixedHamiltonian(t, 6, 5)
	d, err := Enumerate(h)
	if err != nil {
		t.Fatal(err)
	}
	const n = 200000
	res, err := Sample(h, Config{Method: Exact, Samples: n}, 42)
	if err != nil {
		t.Fatal(err)
	}
	count := make([]float64, len(d.P))
	for r := range n {
		var x uint64
		for i, v := range res.Spins[r*h.N : (r+1)*h.N] {
			if v == 1 {
				x |= 1 << uint(i)
			}
		}
		count[x]++
	}
	var tv, bound float64
	for x, p := range d.P {
		tv += math.Abs(count[x]/n-p) / 2
		bound += math.Sqrt(p*(1-p)/n) / 2
	}
	bound += math.Sqrt(math.Log(1e4) / (2 * n))
	t.Logf("TV = %.5f, bound %.5f", tv, bound)
	if tv > bound {
		t.Fatalf("TV distance %v exceeds %v", tv, bound)
	}
}
