package report

import (
	"fmt"
	"math"

	"github.com/spinfer/spinfer/analysis"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/plots"
)

// absBinsLarge is the number of equal |m| bins on [0, 1] when N exceeds
// analysis.MaxValueBinsN.
const absBinsLarge = 50

// absMagnetisation draws the histograms of |m| of data and samples, which
// a symmetric (zero-field) model shows better than m: the two ordered
// states fall together.
func (b *builder) absMagnetisation(p *page, dataPath string) {
	data, err := absMags(dataPath)
	if err != nil {
		b.failed(p, "|m| of the data: %v", err)
		return
	}
	samples, err := absMags(b.run.Samples())
	if err != nil {
		b.failed(p, "|m| of the samples: %v", err)
		return
	}
	if data.n != samples.n {
		b.failed(p, "|m|: data have %d variables, samples %d", data.n, samples.n)
		return
	}
	edges := absEdges(data.n)
	hd, hs := absHist(data, edges), absHist(samples, edges)
	tv := 0.0
	for i := range hd {
		tv += math.Abs(hd[i]-hs[i]) / 2
	}
	b.figure(p, FigAbsMagnet, "histograms of |m|, data and samples", func(path string) error {
		return plots.Histograms(path, "|m|, TV = "+num(tv), "|m| = |(1/N) Σ s_i|",
			"fraction of configurations", edges,
			[]plots.Hist{{Name: "data", Weights: hd}, {Name: "samples", Weights: hs}})
	})
}

// mags holds |m| of each configuration of a file with n variables.
type mags struct {
	n   int
	abs []float64
}

func absMags(path string) (mags, error) {
	d, err := formats.ReadDataset(path)
	if err != nil {
		return mags{}, err
	}
	s := analysis.Spins{Values: d.Values, Rows: d.Rows, N: d.N(),
		Binary: d.Basis == formats.Binary}
	m, err := analysis.Magnetisations(s)
	if err != nil {
		return mags{}, fmt.Errorf("%s: %w", path, err)
	}
	for i := range m {
		m[i] = math.Abs(m[i])
	}
	return mags{n: d.N(), abs: m}, nil
}

// absEdges returns the bin edges of |m|: for N ≤ analysis.MaxValueBinsN
// one bin per attainable value |2u − N|/N (u up spins), centred on it and
// 2/N wide; else absBinsLarge equal bins on [0, 1].
func absEdges(n int) []float64 {
	if n > analysis.MaxValueBinsN {
		edges := make([]float64, absBinsLarge+1)
		for i := range edges {
			edges[i] = float64(i) / absBinsLarge
		}
		return edges
	}
	values := n/2 + 1 // |2u − N| ∈ {N mod 2, N mod 2 + 2, …, N}
	edges := make([]float64, values+1)
	for k := range edges {
		edges[k] = float64(n%2+2*k-1) / float64(n)
	}
	return edges
}

// absHist returns the fraction of configurations in each bin of edges.
func absHist(m mags, edges []float64) []float64 {
	bins := len(edges) - 1
	w := make([]float64, bins)
	for _, a := range m.abs {
		var k int
		if m.n > analysis.MaxValueBinsN {
			k = min(int(a*float64(bins)), bins-1)
		} else {
			k = (int(math.Round(a*float64(m.n))) - m.n%2) / 2
		}
		w[k] += 1 / float64(len(m.abs))
	}
	return w
}
