package baselines

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/optimize"
)

// DefaultLambda is the default L2 strength of [PseudoLikelihood] on the
// weighted-mean objective (equivalently 0.01·R on the summed objective of R
// equally weighted rows).
const DefaultLambda = 0.01

// PLMConfig sets up [PseudoLikelihood]. The zero value of every field means
// its documented default.
type PLMConfig struct {
	// Lambda > 0 is the L2 penalty λ on each site's couplings; 0 means
	// DefaultLambda. Fields are not penalised.
	Lambda float64
	// NoPenalty sets λ = 0 (plain maximum pseudo-likelihood); Lambda must
	// then be 0.
	NoPenalty bool
	// GradTol stops L-BFGS when the largest gradient entry of a site's
	// objective is below it; 0 means 1e-7.
	GradTol float64
	// MaxIterations bounds L-BFGS iterations per site; 0 means 1000.
	MaxIterations int
	// Workers is the number of goroutines sharing the sites; 0 means
	// GOMAXPROCS. Results do not depend on it.
	Workers int
}

func (c PLMConfig) withDefaults() PLMConfig {
	if c.Lambda == 0 && !c.NoPenalty {
		c.Lambda = DefaultLambda
	}
	if c.GradTol == 0 {
		c.GradTol = 1e-7
	}
	if c.MaxIterations == 0 {
		c.MaxIterations = 1000
	}
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	return c
}

// Validate reports every invalid field of c at once.
func (c PLMConfig) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("baselines: PLMConfig."+format, a...))
	}
	if !(c.Lambda >= 0) || math.IsInf(c.Lambda, 0) {
		bad("Lambda = %v, want finite ≥ 0", c.Lambda)
	}
	if c.NoPenalty && c.Lambda != 0 {
		bad("Lambda = %v with NoPenalty set", c.Lambda)
	}
	if !(c.GradTol >= 0) || math.IsInf(c.GradTol, 0) {
		bad("GradTol = %v, want finite ≥ 0", c.GradTol)
	}
	if c.MaxIterations < 0 {
		bad("MaxIterations = %d, want ≥ 0", c.MaxIterations)
	}
	if c.Workers < 0 {
		bad("Workers = %d, want ≥ 0", c.Workers)
	}
	return errors.Join(errs...)
}

// ConvergenceError reports a site whose regression L-BFGS did not bring
// below the gradient tolerance.
type ConvergenceError struct {
	Site    int
	Status  string
	MaxGrad float64
	Err     error
}

func (e *ConvergenceError) Error() string {
	return fmt.Sprintf("baselines: pseudo-likelihood at site %d stopped (%s) with "+
		"gradient %.3g: %v", e.Site, e.Status, e.MaxGrad, e.Err)
}

func (e *ConvergenceError) Unwrap() error { return e.Err }

// PseudoLikelihood infers a pairwise model by maximising, site by site, the
// L2-penalised log pseudo-likelihood (a logistic regression of s_i on the
// other spins):
//
//	ℓ_i(h_i, J_i·) = Σ_r w_r log σ(2 s_ri (h_i + Σ_{j≠i} J_ij s_rj)) − λ Σ_{j≠i} J_ij²,
//
// σ(x) = 1/(1+e^{−x}), weights w_r normalised to sum 1, with L-BFGS from
// zero and the analytic gradient
//
//	∂ℓ_i/∂h_i  = Σ_r w_r 2 s_ri (1 − σ(a_r)),          a_r = 2 s_ri (h_i + …)
//	∂ℓ_i/∂J_ij = Σ_r w_r 2 s_ri s_rj (1 − σ(a_r)) − 2λ J_ij,
//
// then symmetrises J_ij ← (J_ij + J_ji)/2 and keeps h_i from site i. With
// exact data (every configuration weighted by its probability) and λ = 0 it
// returns the true parameters. Constant columns give a
// *ConstantColumnsError; a site that does not converge a *ConvergenceError.
// Sites run in parallel; each is solved identically whatever the worker
// count. Cost O(R N) per objective evaluation per site.
//
// References:
//
//	E. Aurell, M. Ekeberg, Inverse Ising inference using all the data,
//	Phys. Rev. Lett. 108, 090201 (2012).
func PseudoLikelihood(s Samples, cfg PLMConfig) (*Pairwise, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	if _, _, err := moments(s); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	n := s.N
	w := s.weights()
	fits := make([][]float64, n) // site i: h_i then J_ij, j ≠ i in order
	logPL := make([]float64, n)
	errs := make([]error, n)
	sites := make(chan int)
	var wg sync.WaitGroup
	for range min(cfg.Workers, n) {
		wg.Go(func() {
			for i := range sites {
				fits[i], logPL[i], errs[i] = fitSite(s, w, i, cfg)
			}
		})
	}
	for i := range n {
		sites <- i
	}
	close(sites)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return symmetrise(n, fits, logPL), nil
}

// symmetrise assembles the per-site fits into a Pairwise model.
func symmetrise(n int, fits [][]float64, logPL []float64) *Pairwise {
	p := &Pairwise{N: n, Fields: make([]float64, n), J: make([]float64, n*n), LogPL: logPL}
	at := func(i, j int) float64 { // J_ij from site i's fit
		if j < i {
			return fits[i][1+j]
		}
		return fits[i][j]
	}
	for i := range n {
		p.Fields[i] = fits[i][0]
		for j := i + 1; j < n; j++ {
			v := (at(i, j) + at(j, i)) / 2
			p.J[i*n+j], p.J[j*n+i] = v, v
		}
	}
	return p
}

// fitSite maximises ℓ_i and returns the parameters (h_i, J_ij for j ≠ i)
// and the unpenalised log pseudo-likelihood of site i at the optimum.
func fitSite(s Samples, w []float64, i int, cfg PLMConfig) ([]float64, float64, error) {
	obj := &siteObjective{s: s, w: w, i: i, lambda: cfg.Lambda}
	prob := optimize.Problem{Func: obj.value, Grad: obj.grad}
	settings := &optimize.Settings{
		GradientThreshold: cfg.GradTol,
		MajorIterations:   cfg.MaxIterations,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-15, Iterations: 50},
	}
	// gonum can stop on a line-search failure close to the optimum, where
	// rounding hides further decrease; restarting L-BFGS with a fresh
	// history from that point usually completes the descent
	x := make([]float64, s.N)
	var maxGrad float64
	for attempt := 0; ; attempt++ {
		res, err := optimize.Minimize(prob, x, settings, &optimize.LBFGS{})
		if res == nil {
			return nil, 0, &ConvergenceError{Site: i, Status: "failed", Err: err}
		}
		x = res.X
		maxGrad = obj.maxGrad(x)
		if maxGrad <= cfg.GradTol {
			break
		}
		if attempt == maxRestarts {
			return nil, 0, &ConvergenceError{Site: i, Status: res.Status.String(),
				MaxGrad: maxGrad, Err: err}
		}
	}
	obj.lambda = 0
	return x, -obj.value(x), nil
}

// maxRestarts is the number of times a site's L-BFGS run is restarted from
// where it stopped before its failure is reported.
const maxRestarts = 3
