package generate

import "github.com/spinfer/spinfer/ising"

// chooseSampler resolves name ("" or auto picks from h):
//
//	N ≤ AutoExactSites                       → exact enumeration
//	pairs only, all J ≥ 0, no fields         → Wolff clusters
//	terms of both signs (frustration)        → parallel tempering
//	otherwise                                → Metropolis
func chooseSampler(name string, h *ising.Hamiltonian) ising.Method {
	if name != "" && name != SamplerAuto {
		return ising.Method(name)
	}
	if h.N <= AutoExactSites {
		return ising.Exact
	}
	pos, neg := signs(h)
	switch {
	case h.MaxOrder() == 2 && !neg && !hasFields(h):
		return ising.Wolff
	case pos && neg:
		return ising.Tempering
	}
	return ising.Metropolis
}

// signs reports whether h has terms of order ≥ 2 with positive and with
// negative values.
func signs(h *ising.Hamiltonian) (pos, neg bool) {
	for _, t := range h.Terms {
		pos = pos || t.Value > 0
		neg = neg || t.Value < 0
	}
	return pos, neg
}

func hasFields(h *ising.Hamiltonian) bool {
	for _, f := range h.Fields {
		if f != 0 {
			return true
		}
	}
	return false
}
