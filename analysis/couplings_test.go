package analysis

import (
	"errors"
	"math"
	"testing"
)

func pair(i, j int32, v float64) Term { return Term{Sites: [4]int32{i, j}, Value: v} }

// eq compares with an absolute tolerance; NaN equals NaN.
func eq(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

// Hand-computed case: N = 4, true pairs J*_01 = 1, J*_12 = −0.5; every
// pair inferred. Over the 6 pairs x = (1, 0, 0, −½, 0, 0) and
// y = (.8, .1, −.2, −.4, 0, .1): Σ(y−x)² = 0.11, Σx² = 1.25,
// Σ(x−x̄)² = 29/24, Σ(y−ȳ)² = 5/6, Σ(x−x̄)(y−ȳ) = 29/30 (exact fractions),
// so r = (29/30)/sqrt(29/24·5/6) = 11.6/√145, slope 4/5, intercept 0.
// Scores |y| rank both true pairs above all four zeros: AUC = 1; the top 3
// hold 2 true pairs, the top 4 end in a tie of two zeros at 0.1.
func TestCompareOrderHand(t *testing.T) {
	const tol = 1e-12
	inferred := []Term{pair(0, 1, .8), pair(0, 2, .1), pair(0, 3, -.2),
		pair(1, 2, -.4), pair(1, 3, 0), pair(2, 3, .1)}
	truth := []Term{pair(1, 2, -.5), pair(0, 1, 1)}
	for _, tc := range []struct {
		k     int
		wantK float64
	}{{3, 2.0 / 3}, {4, 0.5}, {1, 1}, {100, 2.0 / 6}, {0, math.NaN()}} {
		oc, err := CompareOrder(2, inferred, truth, tc.k)
		mustNoErr(t, err)
		for _, c := range []struct {
			name      string
			got, want float64
		}{
			{"Δ_J", oc.RelErr, math.Sqrt(0.11 / 1.25)},
			{"RMSE", oc.RMSE, math.Sqrt(0.11 / 6)},
			{"r", oc.Pearson, 11.6 / math.Sqrt(145)},
			{"slope", oc.Slope, 0.8},
			{"intercept", oc.Intercept, 0},
			{"AUC", oc.AUC, 1},
			{"precision@nonzeros", oc.PrecisionTrue, 1},
			{"precision@K", oc.PrecisionK, tc.wantK},
		} {
			if !eq(c.got, c.want, tol) {
				t.Errorf("K=%d: %s = %v, want %v", tc.k, c.name, c.got, c.want)
			}
		}
		if oc.Count != 6 || oc.TrueNonZero != 2 || oc.Inferred != 6 || oc.True != 2 ||
			oc.MissingInferred != 0 {
			t.Errorf("counts %+v", oc)
		}
	}
}

// Ties: positives score .5 and .2, negatives .5 and .1. Of the 4
// positive–negative pairs, (.5,.5) is a tie (½), (.5,.1) and (.2,.1) are
// won, (.2,.5) lost: AUC = 2.5/4. The top 1 is a tie between a true and a
// false set, so its expected precision is ½; the top 2 are that tie, ½.
func TestCompareOrderTies(t *testing.T) {
	inferred := []Term{pair(0, 1, .5), pair(0, 2, -.5), pair(1, 2, .2), pair(1, 3, .1)}
	truth := []Term{pair(0, 1, 1), pair(1, 2, -1)}
	oc, err := CompareOrder(2, inferred, truth, 1)
	mustNoErr(t, err)
	if !eq(oc.AUC, 0.625, 1e-15) || !eq(oc.PrecisionK, 0.5, 1e-15) ||
		!eq(oc.PrecisionTrue, 0.5, 1e-15) {
		t.Errorf("AUC %v, P@1 %v, P@2 %v; want 0.625, 0.5, 0.5",
			oc.AUC, oc.PrecisionK, oc.PrecisionTrue)
	}
}

// A true set the inferred side does not list counts as 0 there: truth
// {01: 1, 23: 1}, inferred {01: .9, 02: .3} gives x = (1, 0, 1),
// y = (.9, .3, 0) over 01, 02, 23; positives score .9 and 0, the negative
// .3: AUC = ½. Fourth-order sites check that all four indices are used.
func TestCompareOrderMissing(t *testing.T) {
	oc, err := CompareOrder(2, []Term{pair(0, 1, .9), pair(0, 2, .3)},
		[]Term{pair(0, 1, 1), pair(2, 3, 1)}, 0)
	mustNoErr(t, err)
	if oc.MissingInferred != 1 || oc.Count != 3 || !eq(oc.AUC, 0.5, 1e-15) ||
		!eq(oc.RMSE, math.Sqrt((0.01+0.09+1)/3), 1e-15) {
		t.Errorf("got %+v", oc)
	}
	q := func(v float64, s ...int32) Term { return Term{Sites: [4]int32(s), Value: v} }
	oc, err = CompareOrder(4, []Term{q(.1, 0, 1, 2, 3), q(.2, 0, 1, 2, 4)},
		[]Term{q(.1, 0, 1, 2, 3)}, 0)
	mustNoErr(t, err)
	if oc.Count != 2 || !eq(oc.RMSE, math.Sqrt(0.04/2), 1e-15) || oc.AUC != 0 {
		t.Errorf("order 4: got %+v", oc)
	}
}

// Identical lists agree perfectly; a list in a different order gives the
// same numbers bit for bit (sums run over sorted sites).
func TestCompareOrderIdentity(t *testing.T) {
	truth := []Term{pair(0, 1, .3), pair(0, 2, -.1), pair(1, 2, .7), pair(2, 3, .2)}
	rev := []Term{truth[3], truth[2], truth[1], truth[0]}
	a, err := CompareOrder(2, truth, truth, 0)
	mustNoErr(t, err)
	b, err := CompareOrder(2, rev, truth, 0)
	mustNoErr(t, err)
	if a.Pearson != 1 || a.RMSE != 0 || a.RelErr != 0 || !eq(a.Slope, 1, 1e-15) {
		t.Errorf("identical: %+v", a)
	}
	if a != b && !(math.IsNaN(a.AUC) && math.IsNaN(b.AUC)) {
		t.Errorf("order of terms matters: %+v vs %+v", a, b)
	}
	if !math.IsNaN(a.AUC) {
		t.Errorf("AUC without any true zero = %v, want NaN", a.AUC)
	}
}

func TestCompareOrderBadInput(t *testing.T) {
	good := []Term{pair(0, 1, 1)}
	for name, ts := range map[string][]Term{
		"decreasing": {pair(1, 0, 1)},
		"equal":      {pair(1, 1, 1)},
		"negative":   {pair(-1, 2, 1)},
		"duplicate":  {pair(0, 1, 1), pair(0, 1, 2)},
		"nan":        {pair(0, 1, math.NaN())},
	} {
		if _, err := CompareOrder(2, ts, good, 0); !errors.Is(err, ErrInput) {
			t.Errorf("%s inferred: err = %v", name, err)
		}
		if _, err := CompareOrder(2, good, ts, 0); !errors.Is(err, ErrInput) {
			t.Errorf("%s truth: err = %v", name, err)
		}
	}
	if _, err := CompareOrder(5, good, good, 0); !errors.Is(err, ErrInput) {
		t.Errorf("order 5: err = %v", err)
	}
	if _, err := CompareOrder(2, nil, nil, 0); !errors.Is(err, ErrInput) {
		t.Errorf("empty: err = %v", err)
	}
}

// Fields: h* = (.1, −.2, .3), h = (.12, −.18, .25): squared errors
// .0004, .0004, .0025, RMSE = sqrt(.0011).
func TestCompareFields(t *testing.T) {
	a, err := CompareFields([]float64{.12, -.18, .25}, []float64{.1, -.2, .3})
	mustNoErr(t, err)
	if !eq(a.RMSE, math.Sqrt(0.0011), 1e-15) || !(a.Pearson > 0.99 && a.Pearson < 1) {
		t.Errorf("got %+v", a)
	}
	zero, err := CompareFields([]float64{.1, 0}, []float64{0, 0})
	mustNoErr(t, err)
	if !math.IsNaN(zero.Pearson) || !math.IsNaN(zero.RelErr) || !math.IsNaN(zero.Slope) {
		t.Errorf("zero true fields: %+v, want NaN r, RelErr, slope", zero)
	}
	if _, err := CompareFields([]float64{1}, []float64{1, 2}); !errors.Is(err, ErrInput) {
		t.Errorf("length mismatch: err = %v", err)
	}
}
