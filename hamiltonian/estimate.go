package hamiltonian

import (
	"math"
	"time"
	"unsafe"
)

// Cost is a prediction of the work a method will do, made before it
// starts so a caller can warn about long runs.
type Cost struct {
	// Sets[k] is the number of k-sets evaluated with the full formula
	// (k = 1 counts the fields).
	Sets map[int]int
	// Scores[k] is the number of rank-M approximate scores the screen
	// computes for order k (absent for complete orders).
	Scores map[int]float64
	// Bytes is the predicted peak memory of the computation and its
	// result.
	Bytes int64
	// Duration is the predicted wall time, from per-set costs timed on
	// this model and machine, divided by the worker count. Expect ±30 %
	// on a quiet machine, more under load.
	Duration time.Duration
}

// calibrationTime is how long Estimate times each kind of work.
const calibrationTime = 20 * time.Millisecond

// Estimate predicts the work of Gaussian(r, opts): sets per order, screen
// scores, memory, and time from the cost per set measured by evaluating a
// few sets of each order on r itself (about 20 ms per order).
func Estimate(r RBM, opts GaussianOptions) (Cost, error) {
	if err := r.Validate(); err != nil {
		return Cost{}, err
	}
	if err := opts.Validate(); err != nil {
		return Cost{}, err
	}
	e := r.Effective()
	ev := newEvaluator(&e, &opts)
	pl := newPlan(e.N, &opts)
	c := Cost{Sets: map[int]int{}, Scores: map[int]float64{}}
	var seconds float64
	termSize := float64(unsafe.Sizeof(Term{}))
	bytes := float64(3*len(e.W)) * 8
	for k := 1; k <= pl.maxOrder; k++ {
		n := binomial(e.N, k)
		if pl.screened[k] {
			n = math.Min(float64(pl.cands), n)
			c.Scores[k] = screenScores(e.N, e.M, k, opts.screenBudget())
			seconds += c.Scores[k] * timeRankM(ev, k)
			bytes += float64(ev.workers*pl.cands) * termSize * 2
		}
		c.Sets[k] = int(n)
		seconds += n * timeSet(ev, k)
		bytes += n * termSize
	}
	c.Bytes = int64(bytes)
	c.Duration = time.Duration(seconds / float64(ev.workers) * float64(time.Second))
	return c, nil
}

// screenScores bounds the number of approximate scores of the screen: the
// budget is counted in sets × M, the unit pass costs 2k per score.
func screenScores(n, m, k int, budget float64) float64 {
	pool := math.Min(binomial(n, k), budget/2/float64(m))
	return pool + budget/2/float64(2*k*m)
}

// timeSet returns the measured seconds per full-formula k-set on one core.
func timeSet(ev *evaluator, k int) float64 {
	var b scratch
	sites := make([]int, k)
	count := 0
	start := time.Now()
	for time.Since(start) < calibrationTime {
		for j := range sites {
			sites[j] = (count*7919 + j*(ev.e.N/k+1)) % ev.e.N
		}
		if distinct(sites) {
			ev.set(sites, &b)
		}
		count++
	}
	return time.Since(start).Seconds() / float64(count)
}

func distinct(s []int) bool {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[i] == s[j] {
				return false
			}
		}
	}
	return true
}

// timeRankM returns the measured seconds per rank-M score on one core.
func timeRankM(ev *evaluator, k int) float64 {
	coef := make([]float64, ev.e.M)
	t := Term{Sites: [4]int32{0, 0, 0, 0}}
	count := 0
	sink := 0.0
	start := time.Now()
	for time.Since(start) < calibrationTime {
		for j := 0; j < 100; j++ {
			sink += ev.rankM(&t, k, coef)
		}
		count += 100
	}
	_ = sink
	// The unit pass also checks ownership, about as costly again.
	return 2 * time.Since(start).Seconds() / float64(count)
}

// ExactCost predicts the memory and time of Exact(r, maxOrder, workers):
// 2ᴺ float64 for the transform plus the terms, and the time of 2ᴺ·M
// log cosh evaluations and N passes of the transform, both timed here
// (about 40 ms). It does not refuse N > MaxExactN: it says what it would
// cost.
func ExactCost(r RBM, maxOrder, workers int) (Cost, error) {
	if err := r.Validate(); err != nil {
		return Cost{}, err
	}
	c := Cost{Sets: map[int]int{}}
	states := math.Ldexp(1, r.N)
	bytes := 8 * states
	for k := 1; k <= min(maxOrder, 4, r.N); k++ {
		c.Sets[k] = int(binomial(r.N, k))
		bytes += float64(c.Sets[k]) * float64(unsafe.Sizeof(Term{}))
	}
	perLogCosh, perButterfly := timeExactKernels()
	seconds := states * (float64(r.M)*perLogCosh + float64(r.N)*perButterfly)
	c.Bytes = int64(bytes)
	c.Duration = time.Duration(seconds / float64(resolveWorkers(workers)) * float64(time.Second))
	return c, nil
}

// timeExactKernels returns the measured seconds per log cosh of the
// tabulation and per element per stage of the transform, on one core.
func timeExactKernels() (perLogCosh, perButterfly float64) {
	dst := make([]float64, 4096)
	u := make([]float64, 4096)
	count := 0
	start := time.Now()
	for time.Since(start) < calibrationTime {
		addLogCosh(dst, 0.3, u)
		count += len(dst)
	}
	perLogCosh = time.Since(start).Seconds() / float64(count)
	count = 0
	start = time.Now()
	for time.Since(start) < calibrationTime {
		fwhtBlock(dst)
		count += len(dst) * 12 // 12 stages over 4096 entries
	}
	perButterfly = time.Since(start).Seconds() / float64(count)
	return perLogCosh, perButterfly
}
