package suite

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// methodColours are Okabe–Ito colours, one per method in suite order.
var methodColours = map[string]color.NRGBA{
	"rbm-pcd": {0x00, 0x72, 0xB2, 0xFF},
	"rbm-rdm": {0x56, 0xB4, 0xE9, 0xFF},
	"nmf":     {0xE6, 0x9F, 0x00, 0xFF},
	"plm":     {0xD5, 0x5E, 0x00, 0xFF},
}

// deltaJCap is the top of the figure's Δ_J axis: a larger value (nmf in
// the ordered phase reaches 1.8) is drawn as a bar to the cap with its
// value written above, so that it does not flatten the other bars.
const deltaJCap = 1.0

// plotDeltaJ draws the pair Δ_J of every case (groups) and method (bars)
// to a PNG at path. A missing or non-finite value draws no bar.
func plotDeltaJ(path string, rows []Row) error {
	var cases, methods []string
	value := map[[2]string]float64{}
	for _, r := range rows {
		if r.Order != 2 {
			continue
		}
		if !slices.Contains(cases, r.Case) {
			cases = append(cases, r.Case)
		}
		if !slices.Contains(methods, r.Method) {
			methods = append(methods, r.Method)
		}
		value[[2]string{r.Case, r.Method}] = r.DeltaJ
	}
	if len(cases) == 0 {
		return fmt.Errorf("validate: plot: no order-2 rows")
	}
	p := plot.New()
	p.Title.Text = "Pair couplings: relative error Δ_J (lower is better)"
	p.Y.Label.Text = "Δ_J"
	w := vg.Points(60 / float64(len(methods)))
	for k, m := range methods {
		vals, cut := barValues(cases, m, value)
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return fmt.Errorf("validate: plot: %s: %w", m, err)
		}
		b.Color, b.LineStyle.Width = methodColours[m], 0
		b.Offset = w * vg.Length(float64(k)-float64(len(methods)-1)/2)
		p.Add(b)
		p.Legend.Add(m, b)
		if len(cut.Labels) > 0 {
			l, err := plotter.NewLabels(cut)
			if err != nil {
				return fmt.Errorf("validate: plot: %s: %w", m, err)
			}
			l.Offset = vg.Point{X: b.Offset - w/2, Y: vg.Points(2)}
			p.Add(l)
		}
	}
	p.X.Min, p.X.Max = -0.5, float64(len(cases))-0.5 // whole groups at the edges
	p.Y.Min = 0
	if p.Y.Max > deltaJCap {
		p.Y.Max = deltaJCap * 1.08 // room for the labels of cut bars
	}
	p.Legend.Top = true
	p.NominalX(cases...)
	if err := p.Save(9*vg.Inch, 4*vg.Inch, path); err != nil {
		return fmt.Errorf("validate: plot: %w", err)
	}
	return nil
}

// barValues returns method m's Δ_J per case, 0 where missing and capped
// at deltaJCap, and a label with the value of each capped bar.
func barValues(cases []string, m string, value map[[2]string]float64) (plotter.Values,
	plotter.XYLabels) {
	vals := make(plotter.Values, len(cases))
	var cut plotter.XYLabels
	for i, c := range cases {
		v, ok := value[[2]string{c, m}]
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		if v > deltaJCap {
			cut.XYs = append(cut.XYs, plotter.XY{X: float64(i), Y: deltaJCap})
			cut.Labels = append(cut.Labels, fmt.Sprintf("%.2f", v))
			v = deltaJCap
		}
		vals[i] = v
	}
	return vals, cut
}
