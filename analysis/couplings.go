package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Term is one coupling with the layout of formats.Term: Sites[:order] are
// 0-based variable indices in increasing order (entries past the order are
// ignored), Value is in units of kT in the Ising basis. A []formats.Term
// converts element by element with analysis.Term(t).
type Term struct {
	Sites [4]int32
	Value float64
}

// OrderComparison compares inferred couplings of one order with the true
// ones. The comparison runs over the union U of the sets listed on either
// side, a set missing on one side counting as 0 there. Agreement has the
// true values as reference x and the inferred ones as estimate y; its
// RelErr is
//
//	Δ_J = sqrt(Σ_U (J − J*)² / Σ_U J*²).
//
// Structure recovery treats |J| as a score for "J*_S ≠ 0":
//
//   - AUC is the area under the ROC curve, the probability that a random
//     true non-zero set scores above a random true zero set, ties counting
//     ½ (Mann–Whitney statistic with average ranks). NaN when U holds no
//     true zero or no true non-zero.
//   - PrecisionTrue is the fraction of true non-zeros among the top
//     K = TrueNonZero sets by |J|; PrecisionK the same for the caller's K
//     (clamped to |U|). Sets tied with the K-th score share the remaining
//     places: each counts as a fraction, the expectation over random
//     tie-breaking.
//
// The true Hamiltonian lists only non-zeros, so the zeros the ROC needs
// come from the inferred side: for a fair AUC the inferred list must hold
// every set of the order (all pairs, say). When it holds only a top-K
// selection, the missing sets score 0 and AUC and precision describe that
// selection; MissingInferred counts true sets absent from it.
type OrderComparison struct {
	Order int
	Agreement
	Inferred, True  int // number of listed sets on each side
	TrueNonZero     int // true sets with J* ≠ 0
	MissingInferred int // true sets not listed on the inferred side
	AUC             float64
	PrecisionTrue   float64
	K               int
	PrecisionK      float64
}

// CompareOrder compares inferred and true couplings of the given order
// (1 to 4); k ≤ 0 leaves PrecisionK NaN. It returns an error wrapping
// ErrInput for a bad order, sites out of order, a set listed twice on one
// side, a non-finite value, or an empty union.
//
// References: Decelle, Furtlehner, Navas Gómez, Seoane, SciPost Phys. 16,
// 095 (2024) (Δ_J and coupling scatter); Decelle, Navas Gómez, Seoane,
// Phys. Rev. Lett. 135, 207301 (2025) (higher orders).
func CompareOrder(order int, inferred, truth []Term, k int) (OrderComparison, error) {
	if order < 1 || order > 4 {
		return OrderComparison{}, fmt.Errorf("%w: order %d, want 1 to 4", ErrInput, order)
	}
	inf, err := termMap(order, inferred)
	if err != nil {
		return OrderComparison{}, fmt.Errorf("inferred couplings: %w", err)
	}
	tru, err := termMap(order, truth)
	if err != nil {
		return OrderComparison{}, fmt.Errorf("true couplings: %w", err)
	}
	x, y := unionValues(inf, tru)
	if len(x) == 0 {
		return OrderComparison{}, fmt.Errorf("%w: no %d-body couplings on either side",
			ErrInput, order)
	}
	oc := OrderComparison{Order: order, Agreement: compare(x, y),
		Inferred: len(inf), True: len(tru), K: min(k, len(x)), PrecisionK: math.NaN()}
	for key := range tru {
		if _, ok := inf[key]; !ok {
			oc.MissingInferred++
		}
	}
	oc.AUC, oc.TrueNonZero = rocAUC(x, y)
	oc.PrecisionTrue = precisionAtK(x, y, oc.TrueNonZero)
	if k > 0 {
		oc.PrecisionK = precisionAtK(x, y, oc.K)
	}
	return oc, nil
}

// termMap indexes terms by their sites, checking them.
func termMap(order int, ts []Term) (map[[4]int32]float64, error) {
	m := make(map[[4]int32]float64, len(ts))
	for n, t := range ts {
		var key [4]int32
		copy(key[:order], t.Sites[:order])
		for a := range order {
			if key[a] < 0 || (a > 0 && key[a] <= key[a-1]) {
				return nil, fmt.Errorf("%w: term %d: sites %v not increasing and ≥ 0",
					ErrInput, n, key[:order])
			}
		}
		if !finite(t.Value) {
			return nil, fmt.Errorf("%w: term %d %v: value %v", ErrInput, n, key[:order], t.Value)
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("%w: term %d: sites %v listed twice", ErrInput, n, key[:order])
		}
		m[key] = t.Value
	}
	return m, nil
}

// unionValues returns the true (x) and inferred (y) values over the union
// of the keys of inf and tru, sorted by sites so that sums do not depend on
// map order.
func unionValues(inf, tru map[[4]int32]float64) (x, y []float64) {
	keys := make([][4]int32, 0, max(len(inf), len(tru)))
	for key := range inf {
		keys = append(keys, key)
	}
	for key := range tru {
		if _, ok := inf[key]; !ok {
			keys = append(keys, key)
		}
	}
	slices.SortFunc(keys, func(a, b [4]int32) int { return slices.Compare(a[:], b[:]) })
	x, y = make([]float64, len(keys)), make([]float64, len(keys))
	for n, key := range keys {
		x[n], y[n] = tru[key], inf[key]
	}
	return x, y
}

// CompareFields compares inferred fields h with the true fields hTrue, one
// per site (Agreement with hTrue as reference).
func CompareFields(h, hTrue []float64) (Agreement, error) {
	a, err := Compare(hTrue, h)
	if err != nil {
		return Agreement{}, fmt.Errorf("fields: %w", err)
	}
	return a, nil
}

// scored is one set's score |J| and whether it is a true non-zero.
type scored struct {
	score float64
	pos   bool
}

// byScore returns the scores |y| labelled by x ≠ 0, sorted by score.
func byScore(x, y []float64) []scored {
	s := make([]scored, len(x))
	for n := range x {
		s[n] = scored{math.Abs(y[n]), x[n] != 0}
	}
	slices.SortStableFunc(s, func(a, b scored) int { return cmp.Compare(a.score, b.score) })
	return s
}

// rocAUC returns the ROC area of |y| at separating x ≠ 0 from x = 0, with
// average ranks for ties,
//
//	AUC = (Σ_{positives} rank − P(P+1)/2) / (P·Q),
//
// P positives and Q negatives, and P.
func rocAUC(x, y []float64) (float64, int) {
	s := byScore(x, y)
	var rankSum float64
	p := 0
	for lo := 0; lo < len(s); {
		hi := lo
		for hi < len(s) && s[hi].score == s[lo].score {
			hi++
		}
		// Ranks lo+1 … hi share their mean.
		avg := float64(lo+1+hi) / 2
		for _, e := range s[lo:hi] {
			if e.pos {
				rankSum += avg
				p++
			}
		}
		lo = hi
	}
	q := len(s) - p
	if p == 0 || q == 0 {
		return math.NaN(), p
	}
	return (rankSum - float64(p)*float64(p+1)/2) / (float64(p) * float64(q)), p
}

// precisionAtK returns the expected fraction of x ≠ 0 among the k largest
// |y|, sets tied at the cutoff sharing the remaining places; NaN for k ≤ 0.
func precisionAtK(x, y []float64, k int) float64 {
	if k <= 0 {
		return math.NaN()
	}
	s := byScore(x, y)
	slices.Reverse(s)
	k = min(k, len(s))
	cut := s[k-1].score
	var hits float64
	taken := 0
	for taken < k && s[taken].score > cut {
		if s[taken].pos {
			hits++
		}
		taken++
	}
	// The sets scoring exactly cut fill the k − taken remaining places.
	tied, tiedPos := 0, 0
	for _, e := range s[taken:] {
		if e.score != cut {
			break
		}
		tied++
		if e.pos {
			tiedPos++
		}
	}
	hits += float64(k-taken) * float64(tiedPos) / float64(tied)
	return hits / float64(k)
}
