package rbm

import "fmt"

// DivergenceError reports a parameter that became NaN or ±Inf after an
// update. Param names it as "W[i,a]", "b[i]" or "c[a]" (0-based).
type DivergenceError struct {
	Update int
	Param  string
	Value  float64
}

func (e *DivergenceError) Error() string {
	return fmt.Sprintf("rbm: training diverged at update %d: %s = %v; "+
		"try a smaller learning rate", e.Update, e.Param, e.Value)
}
