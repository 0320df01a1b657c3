package analysis

import (
	"fmt"
	"math"
)

// Agreement measures how well an estimate y reproduces a reference x,
// element by element (x true couplings and y inferred ones; x data
// statistics and y sample statistics). With n elements, means x̄ and ȳ:
//
//	RMSE      = sqrt(Σ (y−x)² / n)
//	RelErr    = sqrt(Σ (y−x)² / Σ x²)          (Δ_J for couplings)
//	Pearson   = Σ (x−x̄)(y−ȳ) / sqrt(Σ (x−x̄)² Σ (y−ȳ)²)
//	Slope     = Σ (x−x̄)(y−ȳ) / Σ (x−x̄)²       (ordinary least squares of
//	Intercept = ȳ − Slope·x̄                    y on x, with intercept)
//
// A value that is undefined for the input is NaN: RelErr when Σx² = 0,
// Pearson when x or y is constant, Slope and Intercept when x is constant.
type Agreement struct {
	Count     int
	RMSE      float64
	RelErr    float64
	Pearson   float64
	Slope     float64
	Intercept float64
}

// Compare returns the agreement of the estimate y with the reference x.
// It returns an error wrapping ErrInput when the lengths differ, the
// slices are empty, or a value is NaN or infinite.
func Compare(x, y []float64) (Agreement, error) {
	if len(x) != len(y) {
		return Agreement{}, fmt.Errorf("%w: %d reference values, %d estimates",
			ErrInput, len(x), len(y))
	}
	if len(x) == 0 {
		return Agreement{}, fmt.Errorf("%w: nothing to compare", ErrInput)
	}
	for k := range x {
		if !finite(x[k]) || !finite(y[k]) {
			return Agreement{}, fmt.Errorf("%w: element %d: reference %v, estimate %v",
				ErrInput, k, x[k], y[k])
		}
	}
	return compare(x, y), nil
}

// compare is Compare on valid input.
func compare(x, y []float64) Agreement {
	n := float64(len(x))

	// First pass: means, squared error and reference norm.
	var mx, my, se, xx float64
	for k := range x {
		mx += x[k]
		my += y[k]
		d := y[k] - x[k]
		se += d * d
		xx += x[k] * x[k]
	}
	mx /= n
	my /= n

	// Second pass: centred second moments.
	var sxx, syy, sxy float64
	for k := range x {
		dx, dy := x[k]-mx, y[k]-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}

	a := Agreement{Count: len(x), RMSE: math.Sqrt(se / n)}
	a.RelErr, a.Pearson, a.Slope, a.Intercept = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if xx > 0 {
		a.RelErr = math.Sqrt(se / xx)
	}
	if sxx > 0 && syy > 0 {
		// Rounding may leave |r| a few ulps above 1.
		a.Pearson = max(-1, min(1, sxy/math.Sqrt(sxx*syy)))
	}
	if sxx > 0 {
		a.Slope = sxy / sxx
		a.Intercept = my - a.Slope*mx
	}
	return a
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
