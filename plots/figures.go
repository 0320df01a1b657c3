package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is a named sequence of points; X and Y have the same length.
type Series struct {
	Name string
	X, Y []float64
}

// Hist is a named histogram: Weights[b] is the height of the bin between
// the edges b and b+1 (a fraction, a density or a count).
type Hist struct {
	Name    string
	Weights []float64
}

// Scatter draws the points (x[k], y[k]), such as inferred against true
// couplings or model against data correlations. With diagonal, both axes
// get the same range and the line y = x is drawn (dashed, in the legend).
// Points are small and translucent so that dense regions show. Drawing
// costs about 12 µs a point (4 s for the 3.2·10⁵ pairs of 805 spins).
func Scatter(path, title, xlabel, ylabel string, x, y []float64, diagonal bool) error {
	if err := checkXY("scatter", x, y); err != nil {
		return err
	}
	if len(x) == 0 {
		return errors.New("plots: scatter: no points")
	}
	p := newPlot(title, xlabel, ylabel)
	sc, err := plotter.NewScatter(xys(x, y))
	if err != nil {
		return fmt.Errorf("plots: scatter: %w", err)
	}
	sc.GlyphStyle = draw.GlyphStyle{Shape: draw.CircleGlyph{}, Radius: glyphRadius(len(x)),
		Color: colour(0, pointAlpha(len(x)))}
	p.Add(sc)
	if diagonal {
		lo, hi := commonRange(x, y)
		d, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
		if err != nil {
			return fmt.Errorf("plots: scatter: %w", err)
		}
		d.LineStyle = draw.LineStyle{Color: color.Gray{Y: 90}, Width: vg.Points(1),
			Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
		p.Add(d)
		p.Legend.Add("y = x", d)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo, hi, lo, hi
		placeLegend(p, append(xys(x, y), linePoints(lo, lo, hi, hi)...), 1)
	}
	return save(p, path)
}

// glyphRadius shrinks points as their number grows: 2.5 pt for up to 100
// points down to 1 pt from 10⁴ on.
func glyphRadius(n int) vg.Length {
	r := 2.5 - 0.75*max(0, math.Log10(float64(max(n, 1)))-2)
	return vg.Points(max(1, r))
}

// pointAlpha makes points more transparent as their number grows: opaque
// (0.85) up to ~200 points, 0.27 at 2000, 0.12 from 10⁴ on.
func pointAlpha(n int) float64 {
	return max(0.12, min(0.85, 12/math.Sqrt(float64(max(n, 1)))))
}

// linePoints returns points along the segment (x0, y0)–(x1, y1), standing
// for a line when placing the legend.
func linePoints(x0, y0, x1, y1 float64) []plotter.XY {
	pts := make([]plotter.XY, 21)
	for k := range pts {
		f := float64(k) / 20
		pts[k] = plotter.XY{X: x0 + f*(x1-x0), Y: y0 + f*(y1-y0)}
	}
	return pts
}

// commonRange returns a range holding all of x and y, padded by 4 %.
func commonRange(x, y []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range append(append([]float64(nil), x...), y...) {
		lo, hi = min(lo, v), max(hi, v)
	}
	pad := 0.04 * (hi - lo)
	if pad == 0 {
		pad = 0.5 * max(math.Abs(lo), 1)
	}
	return lo - pad, hi + pad
}

// Lines draws each series as a line in its own colour with a legend, such
// as log-likelihood or singular values against the update number. With
// logX the x axis is logarithmic and points with x ≤ 0 are left out of
// the figure (update 0 has no place on a log axis); a series left with no
// point is an error. Series must be non-empty, their values finite.
func Lines(path, title, xlabel, ylabel string, series []Series, logX bool) error {
	if len(series) == 0 {
		return errors.New("plots: lines: no series")
	}
	p := newPlot(title, xlabel, ylabel)
	if logX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	var all []plotter.XY
	for k, s := range series {
		if err := checkXY(s.Name, s.X, s.Y); err != nil {
			return err
		}
		pts := xys(s.X, s.Y)
		if logX {
			pts = positiveX(pts)
		}
		if len(pts) == 0 {
			return fmt.Errorf("plots: lines: series %q has no point to draw", s.Name)
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return fmt.Errorf("plots: lines: %s: %w", s.Name, err)
		}
		l.LineStyle = draw.LineStyle{Color: colour(k, 1), Width: vg.Points(1.5)}
		p.Add(l)
		if s.Name != "" {
			p.Legend.Add(s.Name, l)
		}
		for j := 1; j < len(pts); j++ {
			all = append(all, linePoints(pts[j-1].X, pts[j-1].Y, pts[j].X, pts[j].Y)...)
		}
		all = append(all, pts...)
	}
	placeLegend(p, all, len(series))
	return save(p, path)
}

// positiveX keeps the points with x > 0.
func positiveX(pts plotter.XYs) plotter.XYs {
	out := pts[:0]
	for _, pt := range pts {
		if pt.X > 0 {
			out = append(out, pt)
		}
	}
	return out
}

// Histograms overlays histograms over shared bin edges (len(edges) − 1
// weights each, edges increasing), each with a translucent fill and an
// outline in its colour, such as the magnetisation distributions of data
// and samples. Weights must be finite and ≥ 0.
func Histograms(path, title, xlabel, ylabel string, edges []float64, hists []Hist) error {
	if err := checkHists(edges, hists); err != nil {
		return err
	}
	p := newPlot(title, xlabel, ylabel)
	var all []plotter.XY
	for k, h := range hists {
		bins := make([]plotter.HistogramBin, len(h.Weights))
		for b, w := range h.Weights {
			bins[b] = plotter.HistogramBin{Min: edges[b], Max: edges[b+1], Weight: w}
		}
		hp := &plotter.Histogram{Bins: bins,
			FillColor: colour(k, 0.3),
			LineStyle: draw.LineStyle{Color: colour(k, 1), Width: vg.Points(1.2)}}
		p.Add(hp)
		p.Legend.Add(h.Name, hp)
		for b, w := range h.Weights {
			m := (edges[b] + edges[b+1]) / 2
			all = append(all, linePoints(m, 0, m, w)...)
		}
	}
	// Headroom above the tallest bar keeps the top corners for the legend.
	p.Y.Min = 0
	p.Y.Max /= 1 - legendHeight(len(hists)) - 0.03
	placeLegend(p, all, len(hists))
	return save(p, path)
}

// checkHists validates the edges and weights of Histograms.
func checkHists(edges []float64, hists []Hist) error {
	if len(hists) == 0 {
		return errors.New("plots: histograms: no histogram")
	}
	if len(edges) < 2 {
		return fmt.Errorf("plots: histograms: %d bin edges, want ≥ 2", len(edges))
	}
	for b := range edges {
		if !finite(edges[b]) || (b > 0 && edges[b] <= edges[b-1]) {
			return fmt.Errorf("plots: histograms: edge %d = %v not finite and increasing",
				b, edges[b])
		}
	}
	for _, h := range hists {
		if len(h.Weights) != len(edges)-1 {
			return fmt.Errorf("plots: histograms: %s: %d weights for %d bins",
				h.Name, len(h.Weights), len(edges)-1)
		}
		for b, w := range h.Weights {
			if !finite(w) || w < 0 {
				return fmt.Errorf("plots: histograms: %s: bin %d weight %v", h.Name, b, w)
			}
		}
	}
	return nil
}

// Projection draws point clouds in a plane, such as data and samples
// projected on the data's first two principal components, each set in its
// own colour with translucent points and a legend entry; sets are drawn in
// order, the last on top.
func Projection(path, title, xlabel, ylabel string, sets []Series) error {
	if len(sets) == 0 {
		return errors.New("plots: projection: no point set")
	}
	p := newPlot(title, xlabel, ylabel)
	var all []plotter.XY
	for k, s := range sets {
		if err := checkXY(s.Name, s.X, s.Y); err != nil {
			return err
		}
		if len(s.X) == 0 {
			return fmt.Errorf("plots: projection: %s: no points", s.Name)
		}
		sc, err := plotter.NewScatter(xys(s.X, s.Y))
		if err != nil {
			return fmt.Errorf("plots: projection: %s: %w", s.Name, err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Shape: draw.CircleGlyph{},
			Radius: glyphRadius(len(s.X)), Color: colour(k, pointAlpha(len(s.X)))}
		p.Add(sc)
		legend := *sc
		legend.GlyphStyle.Color = colour(k, 1)
		legend.GlyphStyle.Radius = vg.Points(3)
		p.Legend.Add(s.Name, &legend)
		all = append(all, sc.XYs...)
	}
	placeLegend(p, all, len(sets))
	return save(p, path)
}
