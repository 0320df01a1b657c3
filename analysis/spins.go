package analysis

import (
	"errors"
	"fmt"
	"runtime"
)

// ErrInput reports input data that cannot be analysed: a wrong shape, a
// value outside the alphabet, mismatched sizes, malformed terms. Errors
// returned for bad input wrap it.
var ErrInput = errors.New("analysis: invalid input")

// Spins is a matrix of spin configurations.
//
// Values is Rows×N, row-major: configuration r, variable i is
// Values[r*N+i]. Values are ±1, or 0/1 when Binary is true; binary values
// are read as Ising spins s = 2v − 1 by every statistic of this package.
// Spins only reads Values and never keeps or modifies it.
type Spins struct {
	Values []int8
	Rows   int
	N      int
	Binary bool
}

// Validate reports every problem with s at once: non-positive Rows or N, a
// Values length different from Rows·N, and values outside the alphabet
// (the first bad value is located by row and column, the others counted).
func (s Spins) Validate() error {
	var errs []error
	if s.Rows <= 0 {
		errs = append(errs, fmt.Errorf("rows = %d, want > 0", s.Rows))
	}
	if s.N <= 0 {
		errs = append(errs, fmt.Errorf("N = %d, want > 0", s.N))
	}
	if len(s.Values) != s.Rows*s.N {
		errs = append(errs, fmt.Errorf("len(values) = %d, want rows·N = %d·%d",
			len(s.Values), s.Rows, s.N))
	} else if err := s.checkAlphabet(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInput, errors.Join(errs...))
	}
	return nil
}

// checkAlphabet locates the first value outside the alphabet of s.
func (s Spins) checkAlphabet() error {
	if alphabetOK(s.Values, s.Binary) {
		return nil
	}
	lo, alphabet := int8(-1), "±1"
	if s.Binary {
		lo, alphabet = 0, "0/1"
	}
	bad, first := 0, -1
	for k, v := range s.Values {
		if v != 1 && v != lo {
			if first < 0 {
				first = k
			}
			bad++
		}
	}
	return fmt.Errorf("row %d, column %d: value %d is not %s (%d bad values in all)",
		first/s.N, first%s.N, s.Values[first], alphabet, bad)
}

// samePair validates a and b and checks that they have the same N.
func samePair(a, b Spins, nameA, nameB string) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("%s: %w", nameA, err)
	}
	if err := b.Validate(); err != nil {
		return fmt.Errorf("%s: %w", nameB, err)
	}
	if a.N != b.N {
		return fmt.Errorf("%w: %s has N = %d variables, %s has %d",
			ErrInput, nameA, a.N, nameB, b.N)
	}
	return nil
}

// workerCount resolves a Workers setting: 0 means GOMAXPROCS.
func workerCount(w int) int {
	if w <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return w
}

// alphabetOK reports whether every value is ±1 (or 0/1 when binary),
// without branching on the data: uint8(v+1) &^ 2 is 0 only for v = ±1,
// uint8(v) &^ 1 only for v = 0, 1.
func alphabetOK(vs []int8, binary bool) bool {
	var acc uint8
	if binary {
		for _, v := range vs {
			acc |= uint8(v) &^ 1
		}
	} else {
		for _, v := range vs {
			acc |= uint8(v+1) &^ 2
		}
	}
	return acc == 0
}
