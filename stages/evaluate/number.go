package evaluate

import (
	"bytes"
	"encoding/json"
	"math"
)

// Number is a float64 written to JSON as a number, or as null when it is
// NaN or ±Inf (not computed, or undefined for the input: a Pearson r of a
// constant vector, a Δ_J against all-zero true fields). JSON has no NaN;
// null reads back as NaN.
type Number float64

// nan is the Number of a value that was not computed.
var nan = Number(math.NaN())

// Valid reports whether x is finite.
func (x Number) Valid() bool {
	return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0)
}

// MarshalJSON writes x, or null when x is not finite.
func (x Number) MarshalJSON() ([]byte, error) {
	if !x.Valid() {
		return []byte("null"), nil
	}
	return json.Marshal(float64(x))
}

// UnmarshalJSON reads a number, or null as NaN.
func (x *Number) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*x = nan
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*x = Number(f)
	return nil
}

// numbers converts a slice.
func numbers(xs []float64) []Number {
	if xs == nil {
		return nil
	}
	out := make([]Number, len(xs))
	for i, x := range xs {
		out[i] = Number(x)
	}
	return out
}
