package plots

import (
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkPNG checks that path holds a PNG of the documented pixel size and
// that it is not blank (a plot draws at least some non-white pixels).
func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() != WidthPixels || b.Dy() != HeightPixels {
		t.Fatalf("%s: %d×%d pixels, want %d×%d", path, b.Dx(), b.Dy(), WidthPixels, HeightPixels)
	}
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0xC000 {
				dark++
			}
		}
	}
	if dark < 100 {
		t.Fatalf("%s: only %d dark pixels sampled: blank figure?", path, dark)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp-*"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

func noisyLine(n int, seed uint64) (x, y []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x, y = make([]float64, n), make([]float64, n)
	for k := range x {
		x[k] = rng.NormFloat64() * 0.3
		y[k] = 0.9*x[k] + 0.05*rng.NormFloat64()
	}
	return x, y
}

func TestScatter(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		n    int
		diag bool
	}{{30, true}, {5000, false}, {1, true}} {
		x, y := noisyLine(tc.n, 1)
		path := filepath.Join(dir, "scatter.png")
		if err := Scatter(path, "Pairs: inferred vs true", "true J", "inferred J",
			x, y, tc.diag); err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
		checkPNG(t, path) // the second and third calls replace the file
	}
}

func TestLines(t *testing.T) {
	var series []Series
	for k, name := range []string{"train", "test"} {
		s := Series{Name: name}
		for u := 0; u <= 10000; u += 250 {
			s.X = append(s.X, float64(u))
			s.Y = append(s.Y, -40+10*math.Exp(-float64(u)/2000)-float64(k))
		}
		series = append(series, s)
	}
	dir := t.TempDir()
	for _, logX := range []bool{false, true} {
		path := filepath.Join(dir, "lines.png")
		if err := Lines(path, "Log-likelihood", "update", "LL per sample", series,
			logX); err != nil {
			t.Fatalf("logX %v: %v", logX, err)
		}
		checkPNG(t, path)
	}
	only0 := []Series{{Name: "x", X: []float64{0}, Y: []float64{1}}}
	if err := Lines(filepath.Join(dir, "bad.png"), "", "", "", only0, true); err == nil {
		t.Error("a series with only x = 0 on a log axis accepted")
	}
}

func TestHistograms(t *testing.T) {
	edges := make([]float64, 22)
	for b := range edges {
		edges[b] = -1 - 0.05 + 0.1*float64(b)
	}
	data, samples := make([]float64, 21), make([]float64, 21)
	for b := range data {
		m := (edges[b] + edges[b+1]) / 2
		data[b] = math.Exp(-(m-0.6)*(m-0.6)/0.02) + math.Exp(-(m+0.6)*(m+0.6)/0.02)
		samples[b] = 1.2 * math.Exp(-(m-0.55)*(m-0.55)/0.03)
	}
	path := filepath.Join(t.TempDir(), "hist.png")
	err := Histograms(path, "Magnetisation", "m", "fraction", edges,
		[]Hist{{"data", data}, {"samples", samples}})
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, path)
}

func TestProjection(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	var sets []Series
	for k, name := range []string{"data", "samples"} {
		s := Series{Name: name}
		for range 2000 {
			c := float64(2*rng.IntN(2)-1) * 3
			s.X = append(s.X, c+rng.NormFloat64()*(1+0.3*float64(k)))
			s.Y = append(s.Y, rng.NormFloat64())
		}
		sets = append(sets, s)
	}
	path := filepath.Join(t.TempDir(), "pca.png")
	if err := Projection(path, "Principal components", "PC1", "PC2", sets); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, path)
}

// Bad input is an error naming the problem, and no file is written.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.png")
	blocker := filepath.Join(dir, "blocker")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	nan := []float64{1, math.NaN()}
	for name, err := range map[string]error{
		"scatter nan":    Scatter(path, "", "", "", []float64{1, 2}, nan, true),
		"scatter length": Scatter(path, "", "", "", []float64{1}, nan, false),
		"scatter empty":  Scatter(path, "", "", "", nil, nil, false),
		"lines none":     Lines(path, "", "", "", nil, false),
		"lines inf": Lines(path, "", "", "", []Series{{"a", []float64{1, 2},
			[]float64{1, math.Inf(1)}}}, false),
		"hist edges": Histograms(path, "", "", "", []float64{0, 0},
			[]Hist{{"a", []float64{1}}}),
		"hist weights": Histograms(path, "", "", "", []float64{0, 1},
			[]Hist{{"a", []float64{1, 2}}}),
		"hist negative": Histograms(path, "", "", "", []float64{0, 1},
			[]Hist{{"a", []float64{-1}}}),
		"projection none": Projection(path, "", "", "", nil),
		"projection nan": Projection(path, "", "", "", []Series{{"a", nan,
			[]float64{1, 2}}}),
		"parent is a file": Scatter(filepath.Join(blocker, "x.png"), "", "", "",
			[]float64{1}, []float64{1}, false),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.HasPrefix(err.Error(), "plots: ") {
			t.Errorf("%s: error %q lacks the package prefix", name, err)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file was written for bad input: %v", err)
	}
}
