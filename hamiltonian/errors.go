package hamiltonian

import (
	"errors"
	"fmt"
)

// MaxExactN is the largest number of spins [Exact] accepts: the transform
// holds 2ᴺ float64 values (128 MiB at N = 24).
const MaxExactN = 24

// ErrTooLarge is returned (wrapped) when a model is too large for the
// requested method.
var ErrTooLarge = errors.New("model too large for method")

// NonFiniteError reports a coupling that came out NaN or infinite, with the
// order and sites where it happened.
type NonFiniteError struct {
	Order int
	Sites [4]int32
	Value float64
}

func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("hamiltonian: order-%d coupling at sites %v is %v",
		e.Order, e.Sites[:e.Order], e.Value)
}
