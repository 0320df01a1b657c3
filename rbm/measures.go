package rbm

import "gonum.org/v1/gonum/mat"

// PseudoLikelihood holds the pseudo-log-likelihood of data, averaged over
// samples:
//
//	Total   = ⟨ Σ_i log p(v_i | v_{−i}) ⟩_data
//	PerSite = Total / N
type PseudoLikelihood struct {
	Total   float64
	PerSite float64
}

// measureRows is the number of data rows per work unit of the measures;
// fixed so that sums do not depend on GOMAXPROCS.
const measureRows = 256

// PseudoLogLikelihood returns the exact pseudo-log-likelihood of data
// (rows×N in the visible alphabet), summing over every site:
//
//	log p(v_i | v_{−i}) = log σ(F(v^{(i)}) − F(v))
//
// where v^{(i)} is v with unit i flipped. The computation is in float64.
func PseudoLogLikelihood[T Float](p *Params[T], data []int8) (PseudoLikelihood, error) {
	rows, err := checkData(data, p.N, p.Visible)
	if err != nil {
		return PseudoLikelihood{}, err
	}
	q := p.Float64()
	total := sumOverData(q, data, q.pseudoLogLikelihood) / float64(rows)
	return PseudoLikelihood{Total: total, PerSite: total / float64(q.N)}, nil
}

// pseudoLogLikelihood returns Σ_i log p(v_i | v_{−i}) for one
// configuration v with act = vᵀW.
func (p *Params[T]) pseudoLogLikelihood(v, act []T) float64 {
	base := make([]float64, p.M)
	for a := range base {
		base[a] = softplus(float64(act[a]) + float64(p.C[a]))
	}
	s := 0.0
	for i, vi := range v {
		d := 1 - 2*float64(vi) // 0 ↔ 1
		if p.Visible == Ising {
			d = -2 * float64(vi) // ±1 ↔ ∓1
		}
		// ΔF = F(v^{(i)}) − F(v)
		dF := -float64(p.B[i]) * d
		for a, w := range p.W[i*p.M : (i+1)*p.M] {
			dF -= softplus(float64(act[a])+float64(p.C[a])+d*float64(w)) - base[a]
		}
		s += logSigmoid(dF)
	}
	return s
}

// ReconstructionError returns the mean squared difference between data
// (rows×N) and its mean-field reconstruction, over rows and sites:
//
//	RE = ⟨ (1/N) Σ_i (v_i − E[v_i | h = mh(v)])² ⟩_data
//
// with mh(v) = p(h=1|v) and E[v_i|h] = p(v_i=1|h) (Binary) or
// 2p(s_i=+1|h) − 1 (Ising). It is deterministic.
func ReconstructionError[T Float](p *Params[T], data []int8) (float64, error) {
	rows, err := checkData(data, p.N, p.Visible)
	if err != nil {
		return 0, err
	}
	q := p.Float64()
	return sumOverData(q, data, q.reconstructionError) / float64(rows*q.N), nil
}

// reconstructionError returns Σ_i (v_i − E[v_i | h = mh(v)])² for one
// configuration v with act = vᵀW.
func (p *Params[T]) reconstructionError(v, act []T) float64 {
	mh := make([]float64, p.M)
	for a, x := range act {
		mh[a] = sigmoid(float64(x) + float64(p.C[a]))
	}
	k := p.upScale()
	e := 0.0
	for i, vi := range v {
		x := float64(p.B[i])
		for a, w := range p.W[i*p.M : (i+1)*p.M] {
			x += float64(w) * mh[a]
		}
		m := sigmoid(k * x)
		if p.Visible == Ising {
			m = 2*m - 1
		}
		e += (float64(vi) - m) * (float64(vi) - m)
	}
	return e
}

// sumOverData returns Σ_r f(v_r, v_rᵀW) over the rows of data (rows×N).
// Rows are converted and multiplied in fixed chunks of measureRows, so
// memory stays O(measureRows·(N+M)); chunks run in parallel and their sums
// are added in chunk order, so the result does not depend on GOMAXPROCS.
func sumOverData(p *Params[float64], data []int8, f func(v, act []float64) float64) float64 {
	rows := len(data) / p.N
	parts := make([]float64, blocks(rows, measureRows))
	parallelFor(len(parts), func(k int) {
		lo, hi := k*measureRows, min((k+1)*measureRows, rows)
		v := int8ToFloat[float64](data[lo*p.N : hi*p.N])
		act := make([]float64, (hi-lo)*p.M)
		gemm(false, false, hi-lo, p.M, p.N, 1, v, p.N, p.W, p.M, 0, act, p.M)
		for r := range hi - lo {
			parts[k] += f(v[r*p.N:(r+1)*p.N], act[r*p.M:(r+1)*p.M])
		}
	})
	s := 0.0
	for _, x := range parts {
		s += x
	}
	return s
}

// SingularValues returns the k largest singular values of W in
// decreasing order (all min(N,M) of them when k ≤ 0 or k > min(N,M)).
// During training they emerge one by one from the bulk as the model
// learns the data's principal directions (Decelle et al. 2021).
func SingularValues[T Float](p *Params[T], k int) []float64 {
	w := mat.NewDense(p.N, p.M, convertSlice[float64](p.W))
	var svd mat.SVD
	if !svd.Factorize(w, mat.SVDNone) {
		return nil
	}
	s := svd.Values(nil)
	if k > 0 && k < len(s) {
		s = s[:k]
	}
	return s
}

// logSigmoid returns log σ(x) without overflow.
func logSigmoid(x float64) float64 { return -softplus(-x) }
