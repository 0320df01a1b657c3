package rbm

import "math"

// Exact expectations by enumeration of joint states, written independently
// of the package's gradient code: they sum over (v,h) with P(v,h) instead
// of using hidden probabilities.

// moments holds ⟨v_i⟩, ⟨h_a⟩ and ⟨v_i h_a⟩ (N×M) under some distribution.
type moments struct {
	v, h, vh []float64
}

// modelMoments returns the moments under P(v,h) = exp(−E)/Z.
func modelMoments(p *Params[float64]) moments {
	mo := moments{make([]float64, p.N), make([]float64, p.M), make([]float64, p.N*p.M)}
	es := make([]float64, 0, 1<<(p.N+p.M))
	for iv := range 1 << p.N {
		v := config[float64](iv, p.N, p.Visible == Ising)
		for ih := range 1 << p.M {
			es = append(es, -p.Energy(v, config[float64](ih, p.M, false)))
		}
	}
	logZ := logSumExp(es)
	for iv := range 1 << p.N {
		v := config[float64](iv, p.N, p.Visible == Ising)
		for ih := range 1 << p.M {
			h := config[float64](ih, p.M, false)
			mo.add(v, h, math.Exp(es[iv<<p.M|ih]-logZ))
		}
	}
	return mo
}

// dataMoments returns the moments with v from the rows of data (each of
// weight 1/rows) and h ~ p(h|v), summing over h.
func dataMoments(p *Params[float64], data []float64) moments {
	rows := len(data) / p.N
	w := make([]float64, rows)
	for r := range w {
		w[r] = 1 / float64(rows)
	}
	return weightedDataMoments(p, data, w)
}

// weightedDataMoments is dataMoments with row r of weight w[r].
func weightedDataMoments(p *Params[float64], data, w []float64) moments {
	mo := moments{make([]float64, p.N), make([]float64, p.M), make([]float64, p.N*p.M)}
	for r := range w {
		v := data[r*p.N : (r+1)*p.N]
		var es []float64
		for ih := range 1 << p.M {
			es = append(es, -p.Energy(v, config[float64](ih, p.M, false)))
		}
		lz := logSumExp(es)
		for ih := range 1 << p.M {
			mo.add(v, config[float64](ih, p.M, false), math.Exp(es[ih]-lz)*w[r])
		}
	}
	return mo
}

func (mo moments) add(v, h []float64, w float64) {
	for i, vi := range v {
		mo.v[i] += w * vi
		for a, ha := range h {
			mo.vh[i*len(h)+a] += w * vi * ha
		}
	}
	for a, ha := range h {
		mo.h[a] += w * ha
	}
}

// oracleGradient returns (∇W, ∇b, ∇c) from data and model moments:
// plain when centred is false, otherwise with v̄ the clipped data means
// and h̄ the data hidden means:
//
//	∇W = (⟨vh⟩_d − v̄⟨h⟩_dᵀ − ⟨v⟩_d h̄ᵀ) − (⟨vh⟩_m − v̄⟨h⟩_mᵀ − ⟨v⟩_m h̄ᵀ)
//	∇b = ⟨v⟩_d − ⟨v⟩_m − ∇W h̄,   ∇c = ⟨h⟩_d − ⟨h⟩_m − ∇Wᵀ v̄
func oracleGradient(p *Params[float64], d, m moments, centred bool) ([]float64, []float64,
	[]float64) {
	vbar, hbar := make([]float64, p.N), make([]float64, p.M)
	if centred {
		lo, hi := 1e-4, 1-1e-4
		if p.Visible == Ising {
			lo, hi = -1+2e-4, 1-2e-4
		}
		for i := range vbar {
			vbar[i] = math.Min(math.Max(d.v[i], lo), hi)
		}
		copy(hbar, d.h)
	}
	gW := make([]float64, p.N*p.M)
	for i := range p.N {
		for a := range p.M {
			cd := d.vh[i*p.M+a] - vbar[i]*d.h[a] - d.v[i]*hbar[a]
			cm := m.vh[i*p.M+a] - vbar[i]*m.h[a] - m.v[i]*hbar[a]
			gW[i*p.M+a] = cd - cm
		}
	}
	gb, gc := make([]float64, p.N), make([]float64, p.M)
	for i := range p.N {
		gb[i] = d.v[i] - m.v[i]
		for a := range p.M {
			gb[i] -= gW[i*p.M+a] * hbar[a]
		}
	}
	for a := range p.M {
		gc[a] = d.h[a] - m.h[a]
		for i := range p.N {
			gc[a] -= gW[i*p.M+a] * vbar[i]
		}
	}
	return gW, gb, gc
}
