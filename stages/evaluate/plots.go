package evaluate

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"

	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/plots"
)

// Figure files written in RUN/plots (PlotsDir).
const (
	PlotsDir             = pipeline.PlotsDir
	PlotFields           = "fields.png"
	PlotCorrelations2    = "correlations_2pt.png"
	PlotCorrelations3    = "correlations_3pt.png"
	PlotMagnetisation    = "magnetisation.png"
	PlotPCA              = "pca.png"
	PlotTrainingLogLik   = "training_loglik.png"
	PlotTrainingSingular = "training_singular.png"
)

// PlotCouplings returns the name of the scatter of inferred against true
// couplings of order k ("couplings_order2.png").
func PlotCouplings(k int) string { return fmt.Sprintf("couplings_order%d.png", k) }

// Caps on the points drawn: a scatter costs about 12 µs a point, so larger
// sets are drawn as a seeded random subset (recorded in Plot.Points/Of).
const (
	maxScatterPoints = 50_000
	maxCloudPoints   = 5_000
)

// figures draws the PNG files into dir.
type figures struct {
	dir    string // RUN/plots
	seed   uint64
	out    []Plot
	failed []error // drawing failures, reported as warnings
}

// add records the outcome of drawing name; err is the drawing error,
// after which no file of that name is left.
func (f *figures) add(name string, err error, points, of int) {
	p := Plot{Name: name, Path: filepath.Join(PlotsDir, name), Written: err == nil}
	if err != nil {
		p.Path, p.Reason = "", fmt.Sprintf("drawing failed: %v", err)
		f.failed = append(f.failed, fmt.Errorf("%s: %w", name, err))
		if rerr := f.removeStale(name); rerr != nil {
			f.failed = append(f.failed, rerr)
		}
	}
	if points < of {
		p.Points, p.Of = points, of
	}
	f.out = append(f.out, p)
}

// skip records a figure left out and removes a stale file of that name
// from an earlier evaluation, so that plots/ matches evaluation.json.
func (f *figures) skip(name, reason string) error {
	f.out = append(f.out, Plot{Name: name, Reason: reason})
	return f.removeStale(name)
}

// removeStale removes dir/name if it exists.
func (f *figures) removeStale(name string) error {
	err := os.Remove(filepath.Join(f.dir, name))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("evaluate: removing stale figure: %w", err)
	}
	return nil
}

// subset returns the sorted indices of at most max of n items, all of
// them when n ≤ max, else a uniform random subset from stream.
func (f *figures) subset(n, max int, stream uint64) []int {
	if n <= max {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	r := rand.New(rand.NewPCG(f.seed, stream))
	idx := r.Perm(n)[:max]
	slices.Sort(idx)
	return idx
}

// scatter draws y against x with the line y = x, subsampled.
func (f *figures) scatter(name, title, xl, yl string, x, y []float64, stream uint64) {
	idx := f.subset(len(x), maxScatterPoints, stream)
	xs, ys := make([]float64, len(idx)), make([]float64, len(idx))
	for i, k := range idx {
		xs[i], ys[i] = x[k], y[k]
	}
	err := plots.Scatter(filepath.Join(f.dir, name), title, xl, yl, xs, ys, true)
	f.add(name, err, len(idx), len(x))
}

// cloud returns the first two coordinates of the rows of a rows×k
// row-major matrix, subsampled.
func (f *figures) cloud(name string, coords []float64, k int, stream uint64) plots.Series {
	rows := len(coords) / k
	idx := f.subset(rows, maxCloudPoints, stream)
	s := plots.Series{Name: name, X: make([]float64, len(idx)), Y: make([]float64, len(idx))}
	for i, r := range idx {
		s.X[i], s.Y[i] = coords[r*k], coords[r*k+1]
	}
	return s
}

// finiteSeries keeps the points of (x, y) with x > 0 (a log axis) and y
// finite; ok is false when none is left.
func finiteSeries(name string, x, y []float64) (plots.Series, bool) {
	s := plots.Series{Name: name}
	for i := range min(len(x), len(y)) {
		if x[i] > 0 && !math.IsNaN(y[i]) && !math.IsInf(y[i], 0) {
			s.X = append(s.X, x[i])
			s.Y = append(s.Y, y[i])
		}
	}
	return s, len(s.X) > 0
}

// stat formats a figure for a title.
func stat(x Number) string {
	if !x.Valid() {
		return "n/a"
	}
	return fmt.Sprintf("%.3g", float64(x))
}
