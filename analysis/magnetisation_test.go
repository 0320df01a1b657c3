package analysis

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// Hand case, N = 2: data m = 1, 0, −1, 1 and samples m = −1, −1.
// Per-value bins (edges −1.5, −.5, .5, 1.5): data (¼, ¼, ½), samples
// (1, 0, 0); TV = ½(¾ + ¼ + ½) = ¾; the CDFs (¼, ½, 1) and (1, 1, 1)
// differ by at most ¾. With 4 equal bins on [−1, 1], m = 0 opens bin 2
// and m = 1 closes bin 3: data (¼, 0, ¼, ½).
func TestCompareMagnetisationHand(t *testing.T) {
	data := Spins{Values: []int8{1, 1, 1, -1, -1, -1, 1, 1}, Rows: 4, N: 2}
	samples := Spins{Values: []int8{0, 0, 0, 0}, Rows: 2, N: 2, Binary: true}
	mc, err := CompareMagnetisation(data, samples, 0)
	mustNoErr(t, err)
	if !slices.Equal(mc.Edges, []float64{-1.5, -.5, .5, 1.5}) ||
		!slices.Equal(mc.Data, []float64{.25, .25, .5}) ||
		!slices.Equal(mc.Samples, []float64{1, 0, 0}) || mc.TV != .75 || mc.KS != .75 {
		t.Errorf("per-value bins: %+v", mc)
	}
	mc, err = CompareMagnetisation(data, samples, 4)
	mustNoErr(t, err)
	if !slices.Equal(mc.Edges, []float64{-1, -.5, 0, .5, 1}) ||
		!slices.Equal(mc.Data, []float64{.25, 0, .25, .5}) || mc.TV != .75 || mc.KS != .75 {
		t.Errorf("4 bins: %+v", mc)
	}
	m, err := Magnetisations(data)
	mustNoErr(t, err)
	if !slices.Equal(m, []float64{1, 0, -1, 1}) {
		t.Errorf("magnetisations %v", m)
	}
}

// Every bin count puts each configuration in the bin whose edges hold its
// m (checked against the direct mean of each row, tolerance 1e-12 at the
// edges), histograms sum to 1, and equal inputs are at distance 0.
func TestCompareMagnetisationBins(t *testing.T) {
	s := randomSpins(11, 400, 37, false)
	m, err := Magnetisations(s)
	mustNoErr(t, err)
	for _, bins := range []int{0, 1, 7, 37, 50} {
		mc, err := CompareMagnetisation(s, toBinary(s), bins)
		mustNoErr(t, err)
		if mc.TV != 0 || mc.KS != 0 {
			t.Errorf("bins %d: same data at TV %v, KS %v", bins, mc.TV, mc.KS)
		}
		counts := make([]float64, len(mc.Data))
		for r, mr := range m {
			if d := math.Abs(mr - naiveRowMean(s, r)); d > 1e-12 {
				t.Fatalf("row %d: m off by %g", r, d)
			}
			b := 0
			for b < len(mc.Data)-1 && mr >= mc.Edges[b+1]-1e-12 {
				b++
			}
			counts[b]++
		}
		var sum float64
		for b := range counts {
			sum += mc.Data[b]
			if !eq(counts[b]/float64(s.Rows), mc.Data[b], 1e-12) {
				t.Errorf("bins %d: bin %d holds %v, want %v", bins, b, mc.Data[b],
					counts[b]/float64(s.Rows))
			}
		}
		if !eq(sum, 1, 1e-12) {
			t.Errorf("bins %d: fractions sum to %v", bins, sum)
		}
	}
	if _, err := CompareMagnetisation(s, s, -1); !errors.Is(err, ErrInput) {
		t.Errorf("bins -1: err = %v", err)
	}
}

func naiveRowMean(s Spins, r int) float64 {
	var sum float64
	for i := range s.N {
		sum += spin(s, r, i)
	}
	return sum / float64(s.N)
}

// Hand case of TestCompareMagnetisationHand for |m| and the sign: data
// |m| = 1, 0, 1, 1 and samples |m| = 1, 1, so both binnings give
// |m|-histograms (¼, ¾) and (0, 1), AbsTV = ¼; P(m > 0) + ½ P(m = 0) is
// (2 + ½)/4 for the data and 0 for the samples.
func TestCompareMagnetisationAbsHand(t *testing.T) {
	data := Spins{Values: []int8{1, 1, 1, -1, -1, -1, 1, 1}, Rows: 4, N: 2}
	samples := Spins{Values: []int8{0, 0, 0, 0}, Rows: 2, N: 2, Binary: true}
	for _, bins := range []int{0, 4} {
		mc, err := CompareMagnetisation(data, samples, bins)
		mustNoErr(t, err)
		if mc.AbsTV != .25 || mc.PositiveData != .625 || mc.PositiveSamples != 0 {
			t.Errorf("bins %d: AbsTV %v, positive %v / %v", bins, mc.AbsTV,
				mc.PositiveData, mc.PositiveSamples)
		}
	}
}

// Flipping every spin moves the whole m histogram to the other sign: the
// signed TV grows, the |m| TV stays 0 and the positive shares swap.
func TestCompareMagnetisationAbsFlip(t *testing.T) {
	s := randomSpins(5, 300, 21, false)
	for i := range s.Values {
		if i%3 == 0 { // bias towards +1 so the flip shows in the signed TV
			s.Values[i] = 1
		}
	}
	flip := Spins{Values: make([]int8, len(s.Values)), Rows: s.Rows, N: s.N}
	for i, v := range s.Values {
		flip.Values[i] = -v
	}
	for _, bins := range []int{0, 10} {
		mc, err := CompareMagnetisation(s, flip, bins)
		mustNoErr(t, err)
		if mc.AbsTV != 0 || mc.TV < 0.5 ||
			math.Abs(mc.PositiveData+mc.PositiveSamples-1) > 1e-12 {
			t.Errorf("bins %d: AbsTV %v, TV %v, positive %v + %v", bins, mc.AbsTV, mc.TV,
				mc.PositiveData, mc.PositiveSamples)
		}
	}
}
