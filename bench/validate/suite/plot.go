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
		vals := make(plotter.Values, len(cases))
		for i, c := range cases {
			v, ok := value[[2]string{c, m}]
			if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
				v = 0
			}
			vals[i] = v
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return fmt.Errorf("validate: plot: %s: %w", m, err)
		}
		b.Color, b.LineStyle.Width = methodColours[m], 0
		b.Offset = w * vg.Length(float64(k)-float64(len(methods)-1)/2)
		p.Add(b)
		p.Legend.Add(m, b)
	}
	p.Legend.Top = true
	p.NominalX(cases...)
	if err := p.Save(9*vg.Inch, 4*vg.Inch, path); err != nil {
		return fmt.Errorf("validate: plot: %w", err)
	}
	return nil
}
