package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// Figure geometry: every PNG is Width×Height at DPI dots per inch,
// WidthPixels×HeightPixels pixels.
const (
	Width        = 5 * vg.Inch
	Height       = 4 * vg.Inch
	DPI          = 150
	WidthPixels  = 750
	HeightPixels = 600
)

// palette holds the Okabe–Ito colours, distinguishable with the common
// colour-vision deficiencies; series take them in turn.
var palette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermilion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// colour returns the k-th palette colour with alpha a in [0, 1].
func colour(k int, a float64) color.NRGBA {
	c := palette[k%len(palette)]
	c.A = uint8(math.Round(255 * a))
	return c
}

// newPlot returns a plot with the house style: sans-serif text (title 12
// pt, labels 11 pt, ticks and legend 9 pt), light grid, legend top left.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	sans := func(size float64) font.Font {
		return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)}
	}
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(12)
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(11)
		ax.Tick.Label.Font = sans(9)
	}
	p.Legend.TextStyle.Font = sans(9)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.ThumbnailWidth = vg.Points(14)
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
	return p
}

// save renders p to path as a PNG, atomically, replacing any file there.
func save(p *plot.Plot, path string) error {
	c := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(DPI))
	p.Draw(draw.New(c))
	err := atomicfile.Write(path, true, func(w io.Writer) error {
		_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
		return err
	})
	if err != nil {
		return fmt.Errorf("plots: writing %s: %w", path, err)
	}
	return nil
}

// checkXY reports unequal lengths and non-finite values of one series.
func checkXY(name string, x, y []float64) error {
	if len(x) != len(y) {
		return fmt.Errorf("plots: %s: %d x values, %d y values", name, len(x), len(y))
	}
	for k := range x {
		if !finite(x[k]) || !finite(y[k]) {
			return fmt.Errorf("plots: %s: point %d is (%v, %v)", name, k, x[k], y[k])
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// xys copies x and y into plotter points.
func xys(x, y []float64) plotter.XYs {
	pts := make(plotter.XYs, len(x))
	for k := range x {
		pts[k] = plotter.XY{X: x[k], Y: y[k]}
	}
	return pts
}

// legendHeight returns the approximate fraction of the data area's height
// taken by a legend of the given number of entries (9 pt text, an area
// about 230 pt high).
func legendHeight(entries int) float64 { return 0.04 + 0.055*float64(entries) }

// legendWidth is the approximate fraction of the data area's width taken
// by a legend with short names.
const legendWidth = 0.3

// placeLegend puts the legend in the corner of the data area holding the
// fewest of the points pts (ties: top left, top right, bottom right,
// bottom left), so that it hides as little as possible. It must be called
// after every plotter was added, when the axis ranges are known.
func placeLegend(p *plot.Plot, pts []plotter.XY, entries int) {
	type corner struct{ top, left bool }
	corners := []corner{{true, true}, {true, false}, {false, false}, {false, true}}
	count := make([]int, len(corners))
	lh := legendHeight(entries)
	for _, pt := range pts {
		x, y := p.X.Norm(pt.X), p.Y.Norm(pt.Y)
		for k, c := range corners {
			inX := (c.left && x < legendWidth) || (!c.left && x > 1-legendWidth)
			inY := (c.top && y > 1-lh) || (!c.top && y < lh)
			if inX && inY {
				count[k]++
			}
		}
	}
	best := 0
	for k := range corners {
		if count[k] < count[best] {
			best = k
		}
	}
	p.Legend.Top, p.Legend.Left = corners[best].top, corners[best].left
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(6), -vg.Points(4)
	if !p.Legend.Left {
		p.Legend.XOffs = -vg.Points(6)
	}
	if !p.Legend.Top {
		p.Legend.YOffs = vg.Points(4)
	}
}
