package rbm

import "math"

// Jarzynski-reweighted persistent chains.
//
// Each chain n carries log w_n. After the Gibbs steps at θ_t and the
// parameter update to θ_{t+1}, with (v_n, h_n) the chain's state,
//
//	log w_n ← log w_n − (E_{θ_{t+1}}(v_n,h_n) − E_{θ_t}(v_n,h_n))
//
// so a chain whose energy drops gains weight. The model term of the
// gradient uses the normalised weights w_n/Σw. The normalised effective
// sample size is
//
//	ESS = (Σ_n w_n)² / (n Σ_n w_n²) ∈ (0,1]
//
// and when it falls under the threshold the chains are resampled
// systematically and every log w reset to 0.
//
// References: Carbone, Hua, Coste, Vanden-Eijnden. Efficient training of
// energy-based models using Jarzynski equality. NeurIPS 2023,
// arXiv:2305.19414.

// ESS returns the normalised effective sample size (Σw)²/(n Σw²) of the
// weights w_n = exp(logW_n); it is 1 for equal weights and 1/n when one
// weight dominates.
func ESS(logW []float64) float64 {
	m := maxOf(logW)
	var s1, s2 float64
	for _, l := range logW {
		w := math.Exp(l - m)
		s1 += w
		s2 += w * w
	}
	return s1 * s1 / (float64(len(logW)) * s2)
}

// normalisedWeights returns w_n / Σw for w_n = exp(logW_n).
func normalisedWeights(logW []float64) []float64 {
	m := maxOf(logW)
	w := make([]float64, len(logW))
	s := 0.0
	for n, l := range logW {
		w[n] = math.Exp(l - m)
		s += w[n]
	}
	for n := range w {
		w[n] /= s
	}
	return w
}

// SystematicResample returns, for each of the n slots, the index of the
// chain it copies: with one uniform u ∈ [0,1), slot j takes the first
// chain whose cumulative normalised weight exceeds (j+u)/n.
func SystematicResample(logW []float64, u float64) []int {
	w := normalisedWeights(logW)
	n := len(w)
	idx := make([]int, n)
	cum, k := w[0], 0
	for j := range n {
		x := (float64(j) + u) / float64(n)
		for x >= cum && k < n-1 {
			k++
			cum += w[k]
		}
		idx[j] = k
	}
	return idx
}

func maxOf(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	return m
}

// reweight adds the energy change of the last update to log w (t.energy
// holds the energies before the update) and resamples under the ESS
// threshold.
func (t *Trainer[T]) reweight(info *StepInfo) {
	eNew := make([]float64, t.ch.per)
	t.ch.energiesTo(eNew, t.p, 0, t.ch.per)
	for n := range t.logW {
		t.logW[n] -= eNew[n] - t.energy[n]
	}
	info.ESS = ESS(t.logW)
	if info.ESS < t.cfg.Jarzynski.ESSThreshold {
		t.resample(SystematicResample(t.logW, t.resampleRNG.float64()))
		info.Resampled = true
	}
}

// resample replaces chain j by chain idx[j] and resets every log w to 0.
func (t *Trainer[T]) resample(idx []int) {
	t.ch.resampleRows(idx)
	clear(t.logW)
}
