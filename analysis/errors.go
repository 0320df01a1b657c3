package analysis

import "fmt"

// NumericalError reports a computation that failed on valid input, such as
// an eigendecomposition that did not converge.
type NumericalError struct {
	Op   string // what failed, e.g. "eigendecomposition of the 805×805 covariance"
	Note string // what is known about the cause
}

func (e *NumericalError) Error() string {
	return fmt.Sprintf("analysis: %s failed: %s", e.Op, e.Note)
}
