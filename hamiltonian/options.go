package hamiltonian

import (
	"errors"
	"fmt"
	"math"
)

// Rule selects how the Gaussian expectations are integrated.
type Rule int

const (
	// RuleAuto (the default) uses Gauss–Hermite in z while the rest
	// standard deviation σ is below SwitchSigma and, above it, the closed
	// form of E|x + σZ| plus a trapezoid sum in y over the localised
	// remainder of log cosh, or the equivalent series when it converges
	// fast. Accurate to ~1e−10 of Π|w_i| for every σ (tested to 20).
	RuleAuto Rule = iota
	// RuleGaussHermite uses Gauss–Hermite with Nodes nodes for every σ. It
	// is exact to rounding for σ ≲ 0.5 but loses accuracy once the node
	// spacing in y, about πσ/√Nodes, approaches the unit width of log
	// cosh's curvature (32 nodes: 4e−6 relative at σ = 1, 3e−2 at σ = 3).
	RuleGaussHermite
)

// String names the rule.
func (r Rule) String() string {
	switch r {
	case RuleAuto:
		return "auto"
	case RuleGaussHermite:
		return "gauss-hermite"
	}
	return fmt.Sprintf("Rule(%d)", int(r))
}

// GaussianOptions configures [Gaussian]. The zero value is the default.
type GaussianOptions struct {
	// MaxOrder is the highest coupling order, 1..4 (0 means 2).
	MaxOrder int
	// Rule is the quadrature rule (default RuleAuto).
	Rule Rule
	// Nodes is the number of Gauss–Hermite nodes, 2..200 (0 means 32).
	Nodes int
	// Step is the trapezoid grid step in y, in (0, 0.5] (0 means 0.25).
	Step float64
	// SwitchSigma is the σ from which RuleAuto uses the trapezoid sum and
	// the series, in [1.6·Step, 2] (0 means 0.4; below 1.6·Step the grid
	// no longer resolves the Gaussian).
	SwitchSigma float64
	// MaxAll is the largest number of k-sets (k = 3, 4) evaluated
	// exhaustively; orders with more sets are reduced to the Top largest
	// by the screen. 0 means 1 000 000; negative means always screen.
	MaxAll int
	// Top is K, the number of k-body terms kept when screening (0 means
	// 1000).
	Top int
	// Candidates is C: the screen passes its C·Top best approximate sets
	// to the full formula (0 means 4; at least 1).
	Candidates int
	// ScreenBudget bounds the approximate evaluations of the screen,
	// counted as sets × M (0 means 2e9: at N = 805, M = 200, a pool of
	// 311 sites and unit lists of 30 for triplets, 1–3 s on 2 cores).
	ScreenBudget float64
	// DominanceThreshold flags hidden units (0 means
	// DefaultDominanceThreshold; in (0, 1]).
	DominanceThreshold float64
	// Workers is the number of goroutines (0 means GOMAXPROCS). Results
	// do not depend on it.
	Workers int
	// Progress, when set, is called with the number of sets done and the
	// total to do for the full formula, after each chunk of 64 sets. It
	// runs on worker goroutines, one call at a time, and done never
	// decreases; it should return quickly.
	Progress func(done, total int)
}

// Validate reports every bad field at once.
func (o *GaussianOptions) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf(format, args...))
	}
	if o.MaxOrder < 0 || o.MaxOrder > 4 {
		bad("MaxOrder = %d, want 1..4 or 0 for the default", o.MaxOrder)
	}
	if o.Rule != RuleAuto && o.Rule != RuleGaussHermite {
		bad("Rule = %d is not a known rule", int(o.Rule))
	}
	if o.Nodes != 0 && (o.Nodes < 2 || o.Nodes > 200) {
		bad("Nodes = %d, want 2..200", o.Nodes)
	}
	if o.Step < 0 || o.Step > 0.5 || math.IsNaN(o.Step) {
		bad("Step = %v, want (0, 0.5]", o.Step)
	}
	if s := o.SwitchSigma; s != 0 && (s < 1.6*o.step() || s > 2 || math.IsNaN(s)) {
		bad("SwitchSigma = %v, want [1.6·Step, 2] = [%v, 2]", s, 1.6*o.step())
	}
	if o.Top < 0 {
		bad("Top = %d, want ≥ 0", o.Top)
	}
	if o.Candidates < 0 {
		bad("Candidates = %d, want ≥ 0", o.Candidates)
	}
	if o.ScreenBudget < 0 || math.IsNaN(o.ScreenBudget) {
		bad("ScreenBudget = %v, want ≥ 0", o.ScreenBudget)
	}
	if d := o.DominanceThreshold; d < 0 || d > 1 || math.IsNaN(d) {
		bad("DominanceThreshold = %v, want (0, 1]", d)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("hamiltonian: invalid Gaussian options: %w", err)
	}
	return nil
}

func orDefault[T int | float64](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

func (o *GaussianOptions) maxOrder() int         { return orDefault(o.MaxOrder, 2) }
func (o *GaussianOptions) nodes() int            { return orDefault(o.Nodes, 32) }
func (o *GaussianOptions) step() float64         { return orDefault(o.Step, 0.25) }
func (o *GaussianOptions) switchSigma() float64  { return orDefault(o.SwitchSigma, 0.4) }
func (o *GaussianOptions) top() int              { return orDefault(o.Top, 1000) }
func (o *GaussianOptions) candidates() int       { return orDefault(o.Candidates, 4) }
func (o *GaussianOptions) screenBudget() float64 { return orDefault(o.ScreenBudget, 2e9) }
func (o *GaussianOptions) maxAll() int           { return orDefault(o.MaxAll, 1_000_000) }
func (o *GaussianOptions) dominance() float64 {
	return orDefault(o.DominanceThreshold, DefaultDominanceThreshold)
}
