package report

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/plots"
)

// Figure of the distribution of the inferred pair couplings.
const FigPairsHist = "couplings_pairs_hist.png"

// Settings of the inferred couplings summary.
const (
	pairBins  = 50 // bins of the pair-coupling histogram
	strongest = 10 // terms listed by |J|
)

// inferred summarises couplings/ on its own, with or without truth:
// terms per order, their size, the strongest pairs by name and the
// distribution of J_ij.
func (b *builder) inferred(p *page) {
	c, err := formats.ReadCouplings(b.run.Couplings())
	if err != nil {
		b.failed(p, "reading couplings/: %v", err)
		return
	}
	p.para("Inferred couplings (`couplings/`, method %s), units of kT, Ising basis, "+
		"N = %d.", code(c.Meta["spinfer.method"]), len(c.Names))
	var rows [][]string
	if c.Fields != nil {
		rows = append(rows, sizeRow("1 (fields)", "all", c.Fields))
	}
	for k := 2; k <= 4; k++ {
		terms, ok := c.Orders[k]
		if !ok || terms == nil {
			continue
		}
		sel := "all"
		if top := c.Meta["spinfer.top_k_order_"+strconv.Itoa(k)]; top != "" {
			sel = "top " + top + " by |J|"
		}
		v := make([]float64, len(terms))
		for i, t := range terms {
			v[i] = t.Value
		}
		rows = append(rows, sizeRow(strconv.Itoa(k), sel, v))
	}
	p.table([]string{"order", "kept", "terms", "mean |J|", "max |J|"}, rows)
	if w := c.Meta["spinfer.warnings"]; w != "" {
		p.note("**Warning** (couplings/): %s", w)
	}
	if pairs := c.Orders[2]; len(pairs) > 0 {
		b.strongestPairs(p, c.Names, pairs)
		b.pairHistogram(p, pairs)
	}
}

// sizeRow describes the sizes of one order's values.
func sizeRow(order, sel string, v []float64) []string {
	sum, mx := 0.0, 0.0
	for _, x := range v {
		sum += math.Abs(x)
		mx = max(mx, math.Abs(x))
	}
	mean := math.NaN()
	if len(v) > 0 {
		mean = sum / float64(len(v))
	}
	return []string{order, sel, strconv.Itoa(len(v)), num(mean), num(mx)}
}

// strongestPairs lists the pairs of largest |J_ij| by variable name.
func (b *builder) strongestPairs(p *page, names []string, pairs []formats.Term) {
	top := slices.Clone(pairs)
	slices.SortFunc(top, func(x, y formats.Term) int {
		return cmp.Compare(math.Abs(y.Value), math.Abs(x.Value))
	})
	top = top[:min(strongest, len(top))]
	rows := make([][]string, len(top))
	for r, t := range top {
		i, j := t.Sites[0], t.Sites[1]
		rows[r] = []string{strings.Join([]string{names[i], names[j]}, " – "),
			strconv.Itoa(int(i)) + ", " + strconv.Itoa(int(j)), num(t.Value)}
	}
	p.para("Strongest pairs:")
	p.table([]string{"variables", "i, j", "J_ij (kT)"}, rows)
}

// pairHistogram draws the distribution of the pair couplings.
func (b *builder) pairHistogram(p *page, pairs []formats.Term) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, t := range pairs {
		lo, hi = min(lo, t.Value), max(hi, t.Value)
	}
	if hi == lo {
		hi, lo = hi+0.5, lo-0.5
	}
	edges := make([]float64, pairBins+1)
	for i := range edges {
		edges[i] = lo + (hi-lo)*float64(i)/pairBins
	}
	w := make([]float64, pairBins)
	for _, t := range pairs {
		k := min(int((t.Value-lo)/(hi-lo)*pairBins), pairBins-1)
		w[k] += 1 / float64(len(pairs))
	}
	b.figure(p, FigPairsHist, "distribution of the inferred pair couplings",
		func(path string) error {
			return plots.Histograms(path, "Inferred pair couplings", "J_ij (kT)",
				"fraction of pairs", edges, []plots.Hist{{Name: "inferred", Weights: w}})
		})
}
