package hamiltonian

// Term is one k-body coupling: Sites[:k] are 0-based site indices in
// increasing order (the rest are zero), Value is J in units of kT in the
// Ising basis.
type Term struct {
	Sites [4]int32
	Value float64
}

// DefaultDominanceThreshold is the dominance above which a hidden unit is
// flagged: a unit whose largest weight carries more than a quarter of its
// squared norm (max_i |w_ia| / ‖w_a‖ > 0.5) is far from the many-small-weights
// regime in which the central limit over the other spins holds.
const DefaultDominanceThreshold = 0.5

// Result is an effective multi-body Hamiltonian in the Ising basis,
//
//	−H(s) = Σ_i h_i s_i + Σ_{i<j} J_ij s_i s_j + Σ_{i<j<k} J_ijk s_i s_j s_k + …
//
// in units of kT, with 0-based sites.
type Result struct {
	// Fields holds h_i, N entries.
	Fields []float64
	// Orders[k] for k = 2..MaxOrder lists k-body terms in lexicographic
	// order of their sites.
	Orders map[int][]Term
	// TopK[k] is K when order k lists only the K largest |J| found by the
	// screen instead of every set; orders absent from TopK are complete.
	TopK map[int]int
	// Dominance holds, per hidden unit a (M entries),
	// max_i |w_ia| / sqrt(Σ_i w_ia²) on the effective weights.
	Dominance []float64
	// Doubtful lists, in increasing order, the hidden units whose
	// Dominance exceeds the threshold: the Gaussian approximation is
	// doubtful for couplings they carry.
	Doubtful []int
}

func (r *Result) setDiagnostics(e *Effective, threshold float64) {
	r.Dominance = e.dominance()
	r.Doubtful = nil
	for a, d := range r.Dominance {
		if d > threshold {
			r.Doubtful = append(r.Doubtful, a)
		}
	}
}
