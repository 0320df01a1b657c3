package ingest

import (
	"math"
	"strconv"
)

// parseSpin recognises, in one pass and without allocating, the spellings
// of −1, 0 and +1 that data files use: an optional sign, decimal digits, an
// optional fraction of zeros and an optional exponent of zeros, as in "1",
// "-1", "+1", "0", "1.0", "-1.000", "1.000000000000000000e+00" or "0e0".
// ok is false for every other token, which then goes through parseNumber.
func parseSpin(b []byte) (v int8, ok bool) {
	i, n := 0, len(b)
	neg := false
	if n > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}

	// integer part: zeros, then at most one '1'
	start := i
	for i < n && b[i] == '0' {
		i++
	}
	if i < n && b[i] == '1' {
		v = 1
		i++
	}
	if i == start || (i < n && isDigit(b[i])) {
		return 0, false
	}

	// fraction: zeros only
	if i < n && b[i] == '.' {
		i++
		for i < n && b[i] == '0' {
			i++
		}
		if i < n && isDigit(b[i]) {
			return 0, false
		}
	}

	// exponent: zeros only
	if i < n && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < n && (b[i] == '+' || b[i] == '-') {
			i++
		}
		zeros := i
		for i < n && b[i] == '0' {
			i++
		}
		if i == zeros {
			return 0, false
		}
	}
	if i != n {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isNumber reports whether tok is a decimal number as data files write
// them: [+-] digits [. digits] [e|E [+-] digits], with digits on at least
// one side of the point, or one of nan, inf, infinity (any case, signed).
// Hexadecimal floats and Go's digit separators are not numbers here.
func isNumber(b []byte) bool {
	i, n := 0, len(b)
	if n > 0 && (b[0] == '-' || b[0] == '+') {
		i = 1
	}
	if isSpecial(b[i:]) {
		return true
	}
	digits := 0
	for ; i < n && isDigit(b[i]); i++ {
		digits++
	}
	if i < n && b[i] == '.' {
		for i++; i < n && isDigit(b[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < n && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < n && (b[i] == '+' || b[i] == '-') {
			i++
		}
		exp := i
		for i < n && isDigit(b[i]) {
			i++
		}
		if i == exp {
			return false
		}
	}
	return i == n
}

func isSpecial(b []byte) bool {
	switch len(b) {
	case 3, 8:
	default:
		return false
	}
	var low [8]byte
	for i, c := range b {
		low[i] = c | 0x20 // ASCII lower case; digits and signs never match
	}
	s := string(low[:len(b)])
	return s == "nan" || s == "inf" || s == "infinity"
}

// parseNumber converts a token that passed isNumber. Values beyond the
// float64 range come back as ±Inf, which the alphabet rejects as not
// finite.
func parseNumber(b []byte) float64 {
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil && x == 0 {
		return math.NaN() // a signed "nan", which strconv does not take
	}
	return x
}
