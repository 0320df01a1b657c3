package rbm

import (
	"fmt"
	"math"
)

// Energy returns the joint energy of one configuration (v has N entries, h
// has M):
//
//	E(v,h) = − bᵀv − cᵀh − vᵀWh
func (p *Params[T]) Energy(v, h []T) float64 {
	mustLen(len(v), p.N, "v")
	mustLen(len(h), p.M, "h")
	var e float64
	for i, vi := range v {
		if vi == 0 {
			continue
		}
		x := float64(p.B[i])
		for a, w := range p.W[i*p.M : (i+1)*p.M] {
			x += float64(w) * float64(h[a])
		}
		e -= float64(vi) * x
	}
	for a, ha := range h {
		e -= float64(p.C[a]) * float64(ha)
	}
	return e
}

// FreeEnergy returns the visible free energy of one configuration v (N
// entries), F(v) = −log Σ_h exp(−E(v,h)):
//
//	F(v) = − bᵀv − Σ_a softplus(c_a + Σ_i v_i W_ia)
func (p *Params[T]) FreeEnergy(v []T) float64 {
	mustLen(len(v), p.N, "v")
	f := 0.0
	for a := range p.M {
		x := float64(p.C[a])
		for i, vi := range v {
			x += float64(vi) * float64(p.W[i*p.M+a])
		}
		f -= softplus(x)
	}
	for i, vi := range v {
		f -= float64(p.B[i]) * float64(vi)
	}
	return f
}

// HiddenFreeEnergy returns the hidden free energy of one configuration h
// (M entries), F(h) = −log Σ_v exp(−E(v,h)). With x_i = b_i + (Wh)_i:
//
//	Binary:  F(h) = − cᵀh − Σ_i softplus(x_i)
//	Ising:   F(h) = − cᵀh − Σ_i log(2 cosh x_i)
func (p *Params[T]) HiddenFreeEnergy(h []T) float64 {
	mustLen(len(h), p.M, "h")
	f := 0.0
	for a, ha := range h {
		f -= float64(p.C[a]) * float64(ha)
	}
	for i := range p.N {
		x := float64(p.B[i])
		for a, w := range p.W[i*p.M : (i+1)*p.M] {
			x += float64(w) * float64(h[a])
		}
		f -= p.visibleLogPartition(x)
	}
	return f
}

// visibleLogPartition returns log Σ_v exp(v·x) over one visible unit's
// values: softplus(x) for Binary, log(2 cosh x) for Ising.
func (p *Params[T]) visibleLogPartition(x float64) float64 {
	if p.Visible == Ising {
		return log2cosh(x)
	}
	return softplus(x)
}

// FreeEnergiesTo writes F(v_r) for each row of v (rows×N, one
// configuration per row) into dst (rows entries).
func (p *Params[T]) FreeEnergiesTo(dst []float64, v []T) {
	rows := len(v) / p.N
	mustLen(len(v), rows*p.N, "v")
	mustLen(len(dst), rows, "dst")
	act := make([]T, rows*p.M)
	gemm(false, false, rows, p.M, p.N, 1, v, p.N, p.W, p.M, 0, act, p.M)
	for r := range rows {
		dst[r] = p.freeEnergyFromAct(v[r*p.N:(r+1)*p.N], act[r*p.M:(r+1)*p.M])
	}
}

// freeEnergyFromAct returns F(v) given act = vᵀW (M entries, no bias).
func (p *Params[T]) freeEnergyFromAct(v, act []T) float64 {
	f := 0.0
	for i, vi := range v {
		f -= float64(p.B[i]) * float64(vi)
	}
	for a, x := range act {
		f -= softplus(float64(x) + float64(p.C[a]))
	}
	return f
}

// HiddenProbTo writes p(h_a = 1 | v) = σ(c_a + Σ_i v_i W_ia) for each row
// of v (rows×N) into dst (rows×M).
func (p *Params[T]) HiddenProbTo(dst, v []T) {
	rows := len(v) / p.N
	mustLen(len(v), rows*p.N, "v")
	mustLen(len(dst), rows*p.M, "dst")
	gemm(false, false, rows, p.M, p.N, 1, v, p.N, p.W, p.M, 0, dst, p.M)
	p.hiddenProbFromAct(dst, dst)
}

// hiddenProbFromAct writes σ(c + act) for act rows×M into dst.
func (p *Params[T]) hiddenProbFromAct(dst, act []T) {
	for k, x := range act {
		dst[k] = T(sigmoid(float64(x) + float64(p.C[k%p.M])))
	}
}

// VisibleProbTo writes the probability that each visible unit is up (1 for
// Binary, +1 for Ising) given each row of h (rows×M) into dst (rows×N):
//
//	Binary:  p(v_i = 1 | h)  = σ(b_i + Σ_a W_ia h_a)
//	Ising:   p(s_i = +1 | h) = σ(2(b_i + Σ_a W_ia h_a))
func (p *Params[T]) VisibleProbTo(dst, h []T) {
	rows := len(h) / p.M
	mustLen(len(h), rows*p.M, "h")
	mustLen(len(dst), rows*p.N, "dst")
	gemm(false, true, rows, p.N, p.M, 1, h, p.M, p.W, p.M, 0, dst, p.N)
	k := p.upScale()
	for j, x := range dst {
		dst[j] = T(sigmoid(k * (float64(x) + float64(p.B[j%p.N]))))
	}
}

// upScale is 2 for Ising visible units (p(s=+1|h) = σ(2x)) and 1 otherwise.
func (p *Params[T]) upScale() float64 {
	if p.Visible == Ising {
		return 2
	}
	return 1
}

// mustLen panics when a caller passes a slice of the wrong length.
func mustLen(n, want int, name string) {
	if n != want {
		panic(fmt.Sprintf("rbm: %s has length %d, want %d", name, n, want))
	}
}

// isFinite reports whether x is neither NaN nor ±Inf.
func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
