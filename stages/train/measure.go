package train

import (
	"math"

	"github.com/spinfer/spinfer/rbm"
)

// measureRows caps the rows used for the per-row measures (pseudo-
// log-likelihood, reconstruction error); the first measureRows rows of the
// training set are used, so rows are the same at every logged update. The
// pseudo-log-likelihood costs rows·N·M softplus evaluations per logged
// update; with 500 rows its 50 default points took about a quarter of the
// CPU time of a 2000-update run of `spinfer run` (N = M = 64, see
// docs/main-job.md), so 200 rows are used: enough to follow learning, the
// curve being over the same rows at every point.
const measureRows = 200

// autoExactWork bounds the work of an automatic exact log Z, counted as
// 2^min(N,M) states times max(N,M) terms each: about 2^22 ≈ 4·10⁶, a
// fraction of a second. Beyond it (N = 64 with M = 20 already takes
// seconds per evaluation, N = 805 with M = 20 minutes) "auto" computes
// no likelihood; ask for "exact" or "ais" explicitly.
const autoExactWork = 1 << 22

// autoExact reports whether the automatic choice computes log Z exactly.
func autoExact(n, m int) bool {
	small, large := min(n, m), max(n, m)
	return small <= rbm.MaxExactUnits && float64(large)*math.Ldexp(1, small) <= autoExactWork
}

// measureLikelihood fills the log-likelihoods of the training and test sets
// when the chosen method applies at this update.
func (s *session) measureLikelihood(p *rbm.Params[float64], r *Row) {
	if !s.llAt[r.Update] {
		return
	}
	method := s.o.Likelihood
	if method == "auto" {
		method = "none"
		if autoExact(p.N, p.M) {
			method = "exact"
		}
	}
	var logZ float64
	switch method {
	case "exact":
		z, err := rbm.ExactLogZ(p)
		if err != nil {
			return
		}
		logZ, r.LLSpread = z, 0
	case "ais":
		res, err := rbm.AIS(p, rbm.AISConfig{Steps: s.o.AISSteps, Chains: s.o.AISChains,
			Repeats: s.o.AISRepeats, Seed: s.tr.Config().Seed + uint64(r.Update)})
		if err != nil {
			return
		}
		logZ, r.LLSpread = res.LogZ, res.Std
	default:
		return
	}
	r.LLMethod = method
	if ll, err := rbm.LogLikelihood(p, s.data.Values, logZ); err == nil {
		r.TrainLL = ll
	}
	if s.test != nil {
		if ll, err := rbm.LogLikelihood(p, s.test.Values, logZ); err == nil {
			r.TestLL = ll
		}
	}
}

// measureLocal fills the pseudo-log-likelihood, reconstruction error and
// singular values of W.
func (s *session) measureLocal(p *rbm.Params[float64], r *Row) {
	rows := min(s.data.Rows, measureRows)
	sub := s.data.Values[:rows*s.data.N()]
	if pl, err := rbm.PseudoLogLikelihood(p, sub); err == nil {
		r.PLLTotal, r.PLLPerSite = pl.Total, pl.PerSite
	}
	if re, err := rbm.ReconstructionError(p, sub); err == nil {
		r.ReconError = re
	}
	for k := range r.Singular {
		r.Singular[k] = math.NaN()
	}
	copy(r.Singular[:], rbm.SingularValues(p, numSingular))
}
