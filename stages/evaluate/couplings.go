package evaluate

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"

	"github.com/spinfer/spinfer/analysis"
	"github.com/spinfer/spinfer/formats"
)

// Selections of an inferred order (OrderReport.Selection).
const (
	// SelectionAll: the inferred side lists every set of the order, so
	// the true zeros are all scored and the ROC-AUC is fair.
	SelectionAll = "all"
	// SelectionTopK: the couplings stage kept only the K largest |J|
	// found by a screen (metadata spinfer.top_k_order_k).
	SelectionTopK = "top_k"
	// SelectionPartial: some sets are missing for another reason.
	SelectionPartial = "partial"
)

// CouplingsReport compares inferred couplings with true ones, in units of
// kT in the Ising basis, per order present on both sides.
type CouplingsReport struct {
	Inferred string `json:"inferred"`
	Truth    string `json:"truth"`
	// N is the number of variables.
	N int `json:"n"`
	// Fields compares the fields h_i (true as reference); null when either
	// side has none.
	Fields *Agreement `json:"fields"`
	// Orders has one entry per order k ≥ 2 present on both sides.
	Orders []OrderReport `json:"orders"`
}

// OrderReport compares the k-body couplings of one order. Agreement, AUC
// and PrecisionTopK run over the union of the sets listed on either side,
// an unlisted set counting as 0 (see analysis.CompareOrder); with a top-K
// selection they describe that selection, not every set (see Note).
type OrderReport struct {
	Order int `json:"order"`
	// Selection is SelectionAll, SelectionTopK (TopK sets) or
	// SelectionPartial; Note explains what it implies.
	Selection string `json:"selection"`
	TopK      int    `json:"top_k,omitempty"`
	Note      string `json:"note,omitempty"`
	// Sets is the number of k-sets of N variables, C(N, k).
	Sets int64 `json:"sets"`
	// Inferred and True count the sets listed on each side; TrueNonZero
	// those with J* ≠ 0; MissingInferred the true sets not listed among
	// the inferred ones.
	Inferred        int `json:"inferred"`
	True            int `json:"true"`
	TrueNonZero     int `json:"true_nonzero"`
	MissingInferred int `json:"missing_inferred"`
	// Agreement has the true values as reference; its RelErr is Δ_J.
	Agreement Agreement `json:"agreement"`
	// AUC is the ROC-AUC of |J| at finding the true non-zero sets;
	// PrecisionTopK the fraction of true non-zeros among the K =
	// TrueNonZero largest |J|.
	AUC           Number `json:"auc"`
	PrecisionTopK Number `json:"precision_top_k"`
	// NonZero summarises the inferred J over the true non-zero sets (the
	// nearest-neighbour bonds of a lattice), Zero over all C(N, k) −
	// TrueNonZero true zeros, unlisted inferred sets counting as 0.
	NonZero SetStats `json:"true_nonzero_sets"`
	Zero    SetStats `json:"true_zero_sets"`
}

// SetStats summarises inferred couplings over a family of sets: their
// number, the mean and standard deviation (over the family, divided by
// Count) of the inferred J, and the mean of the true J.
type SetStats struct {
	Count    int64  `json:"count"`
	Mean     Number `json:"mean"`
	Std      Number `json:"std"`
	TrueMean Number `json:"true_mean"`
}

// xy holds aligned true (X) and inferred (Y) values for a scatter plot.
type xy struct{ X, Y []float64 }

// couplingsPart is the outcome of the couplings comparison.
type couplingsPart struct {
	report *CouplingsReport
	fields *xy
	orders map[int]xy
	notes  []string
}

// compareCouplings compares the inferred couplings inf with the truth.
func compareCouplings(inf, truth *formats.Couplings) (*couplingsPart, error) {
	n := len(truth.Names)
	if len(inf.Names) != n {
		return nil, wrapErr("couplings", fmt.Errorf("inferred couplings have %d variables, "+
			"the truth %d (%w)", len(inf.Names), n, analysis.ErrInput))
	}
	part := &couplingsPart{report: &CouplingsReport{N: n}, orders: map[int]xy{}}
	if !slices.Equal(inf.Names, truth.Names) {
		part.notes = append(part.notes, "inferred and true couplings name their variables "+
			"differently; they were compared by position")
	}
	if inf.Fields != nil && truth.Fields != nil {
		a, err := analysis.CompareFields(inf.Fields, truth.Fields)
		if err != nil {
			return nil, wrapErr("fields", err)
		}
		ag := agreement(a)
		part.report.Fields = &ag
		part.fields = &xy{X: truth.Fields, Y: inf.Fields}
	} else {
		part.notes = append(part.notes, "fields not compared: "+missingSide(inf.Fields == nil,
			truth.Fields == nil))
	}
	for k := 2; k <= 4; k++ {
		if err := part.compareOrder(k, inf, truth); err != nil {
			return nil, err
		}
	}
	return part, nil
}

func missingSide(inferred, truth bool) string {
	switch {
	case inferred && truth:
		return "absent on both sides"
	case inferred:
		return "absent from the inferred couplings"
	}
	return "absent from the truth"
}

// compareOrder adds the comparison of order k when both sides have it.
func (part *couplingsPart) compareOrder(k int, inf, truth *formats.Couplings) error {
	a, b := inf.Orders[k], truth.Orders[k]
	switch {
	case a == nil && b == nil:
		return nil
	case a == nil || b == nil:
		part.notes = append(part.notes, fmt.Sprintf("order %d not compared: %s (a truth "+
			"without an order's file leaves it unknown; an empty file declares it zero)",
			k, missingSide(a == nil, b == nil)))
		return nil
	case len(a) == 0 && len(b) == 0:
		part.notes = append(part.notes, fmt.Sprintf("order %d not compared: no sets listed "+
			"on either side", k))
		return nil
	}
	n := part.report.N
	c, err := analysis.CompareOrder(k, terms(a), terms(b), 0)
	if err != nil {
		return wrapErr(fmt.Sprintf("order %d", k), err)
	}
	r := OrderReport{Order: k, Sets: binomial(n, k), Inferred: c.Inferred, True: c.True,
		TrueNonZero: c.TrueNonZero, MissingInferred: c.MissingInferred,
		Agreement: agreement(c.Agreement), AUC: Number(c.AUC),
		PrecisionTopK: Number(c.PrecisionTrue)}
	r.Selection, r.TopK, r.Note = selection(k, len(a), r.Sets, inf.Meta)
	if r.Note != "" {
		part.notes = append(part.notes, r.Note)
	}
	im, tm := termMap(k, a), termMap(k, b)
	r.NonZero, r.Zero = setStats(im, tm, r.Sets)
	part.report.Orders = append(part.report.Orders, r)
	part.orders[k] = align(im, tm)
	return nil
}

// selection says which sets the inferred order lists.
func selection(k, listed int, sets int64, meta map[string]string) (string, int, string) {
	if v, ok := meta[fmt.Sprintf("spinfer.top_k_order_%d", k)]; ok {
		K, _ := strconv.Atoi(v)
		return SelectionTopK, K, fmt.Sprintf("inferred order %d holds only the top %s of "+
			"%d sets by |J|, found by a screen: unlisted sets count as 0, so Δ_J, AUC and "+
			"precision describe that selection", k, v, sets)
	}
	if int64(listed) == sets {
		return SelectionAll, 0, ""
	}
	return SelectionPartial, 0, fmt.Sprintf("inferred order %d lists %d of %d sets: "+
		"unlisted sets count as 0, so AUC and precision describe that selection",
		k, listed, sets)
}

func terms(ts []formats.Term) []analysis.Term {
	out := make([]analysis.Term, len(ts))
	for i, t := range ts {
		out[i] = analysis.Term(t)
	}
	return out
}

// termMap indexes terms by their set, entries past the order zeroed.
func termMap(k int, ts []formats.Term) map[[4]int32]float64 {
	m := make(map[[4]int32]float64, len(ts))
	for _, t := range ts {
		var s [4]int32
		copy(s[:k], t.Sites[:k])
		m[s] = t.Value
	}
	return m
}

// setStats summarises the inferred values over the true non-zero sets and
// over the true zeros of all C(N, k) sets; unlisted sets are 0.
func setStats(inf, truth map[[4]int32]float64, sets int64) (nonZero, zero SetStats) {
	var nz, nzTrue, z []float64
	for s, v := range truth {
		if v != 0 {
			nz = append(nz, inf[s])
			nzTrue = append(nzTrue, v)
		}
	}
	for s, v := range inf {
		if truth[s] == 0 {
			z = append(z, v)
		}
	}
	nonZero = meanStd(nz, int64(len(nz)))
	nonZero.TrueMean = meanStd(nzTrue, int64(len(nzTrue))).Mean
	zero = meanStd(z, sets-int64(len(nz)))
	zero.TrueMean = 0
	if zero.Count == 0 {
		zero.TrueMean = nan
	}
	return nonZero, zero
}

// meanStd returns the mean and standard deviation of count values of
// which xs are listed and the rest are 0. Sums run in sorted order so the
// result does not depend on map iteration.
func meanStd(xs []float64, count int64) SetStats {
	if count <= 0 {
		return SetStats{Mean: nan, Std: nan, TrueMean: nan}
	}
	slices.Sort(xs)
	var sum float64
	for _, x := range xs {
		sum += x
	}
	n := float64(count)
	mean := sum / n
	ss := float64(count-int64(len(xs))) * mean * mean
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return SetStats{Count: count, Mean: Number(mean), Std: Number(math.Sqrt(ss / n)),
		TrueMean: nan}
}

// align returns the true and inferred values over the union of the sets,
// in lexicographic order of the sets, a set missing on one side being 0.
func align(inf, truth map[[4]int32]float64) xy {
	keys := make([][4]int32, 0, len(inf)+len(truth))
	for s := range inf {
		keys = append(keys, s)
	}
	for s := range truth {
		if _, ok := inf[s]; !ok {
			keys = append(keys, s)
		}
	}
	slices.SortFunc(keys, func(a, b [4]int32) int {
		for i := range a {
			if c := cmp.Compare(a[i], b[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	out := xy{X: make([]float64, len(keys)), Y: make([]float64, len(keys))}
	for i, s := range keys {
		out.X[i], out.Y[i] = truth[s], inf[s]
	}
	return out
}

// binomial returns C(n, k), saturated at the largest int64.
func binomial(n, k int) int64 {
	c := new(big.Int).Binomial(int64(n), int64(k))
	if !c.IsInt64() {
		return math.MaxInt64
	}
	return c.Int64()
}
