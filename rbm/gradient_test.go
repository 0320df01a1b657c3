package rbm

import (
	"math"
	"testing"
)

// testBatch returns rows deterministic configurations of n units.
func testBatch(rows, n int, vis Visible) []float64 {
	d := make([]float64, 0, rows*n)
	for r := range rows {
		d = append(d, config[float64]((r*37+11)%(1<<n), n, vis == Ising)...)
	}
	return d
}

// allStates returns the 2^n visible states (rows×n) and their exact p(v).
func allStates(p *Params[float64], pv []float64) ([]float64, []float64) {
	v := make([]float64, 0, len(pv)*p.N)
	for iv := range pv {
		v = append(v, config[float64](iv, p.N, p.Visible == Ising)...)
	}
	return v, pv
}

// TestGradientAgainstEnumeration feeds the gradient code the 2^7 visible
// states weighted by their exact probabilities as the model term and
// compares with exact joint-state expectations (N=7, M=3; co-prime sizes
// catch a transposed W), centred and plain, both unit types. Tolerance
// 1e−12: both sides are float64 sums of ≤ 2^10 terms.
func TestGradientAgainstEnumeration(t *testing.T) {
	for _, vis := range bothVisible() {
		for _, centred := range []bool{false, true} {
			p := randomParams[float64](7, 3, vis, 0.7, 21)
			data := testBatch(40, p.N, vis)
			vAll, w := allStates(p, exactVisible(t, p))
			mh := make([]float64, len(w)*p.M)
			hiddenProbsTo(mh, p, vAll)

			g := newGradient[float64](p.N, p.M, len(data)/p.N, len(w))
			copy(g.dataRows(), data)
			copy(g.modelProbs(), mh)
			g.compute(p, vAll, w, centred)
			wW, wb, wc := oracleGradient(p, dataMoments(p, data), modelMoments(p), centred)
			compareVec(t, vis, centred, "∇W", g.gW, wW, 1e-12)
			compareVec(t, vis, centred, "∇b", g.gb, wb, 1e-12)
			compareVec(t, vis, centred, "∇c", g.gc, wc, 1e-12)
		}
	}
}

// TestPlainGradientIsLikelihoodDerivative checks the oracle itself: the
// plain gradient with exact expectations is the derivative of the exact
// mean log-likelihood of the batch (central differences, step 1e−5,
// tolerance 1e−7 from the O(step²) truncation).
func TestPlainGradientIsLikelihoodDerivative(t *testing.T) {
	for _, vis := range bothVisible() {
		p := randomParams[float64](7, 3, vis, 0.7, 22)
		data := testBatch(40, p.N, vis)
		gW, gb, gc := oracleGradient(p, dataMoments(p, data), modelMoments(p), false)
		ll := func() float64 {
			d8 := make([]int8, len(data))
			for k, x := range data {
				d8[k] = int8(x)
			}
			l, err := ExactLogLikelihood(p, d8)
			if err != nil {
				t.Fatal(err)
			}
			return l
		}
		fd := func(x *float64) float64 {
			const h = 1e-5
			x0 := *x
			*x = x0 + h
			up := ll()
			*x = x0 - h
			down := ll()
			*x = x0
			return (up - down) / (2 * h)
		}
		for k := range p.W {
			if d := fd(&p.W[k]); math.Abs(d-gW[k]) > 1e-7 {
				t.Errorf("%v: ∂ℓ/∂W[%d] = %v, oracle %v", vis, k, d, gW[k])
			}
		}
		for i := range p.B {
			if d := fd(&p.B[i]); math.Abs(d-gb[i]) > 1e-7 {
				t.Errorf("%v: ∂ℓ/∂b[%d] = %v, oracle %v", vis, i, d, gb[i])
			}
		}
		for a := range p.C {
			if d := fd(&p.C[a]); math.Abs(d-gc[a]) > 1e-7 {
				t.Errorf("%v: ∂ℓ/∂c[%d] = %v, oracle %v", vis, a, d, gc[a])
			}
		}
	}
}

func compareVec(t *testing.T, vis Visible, centred bool, name string, got, want []float64,
	tol float64) {
	t.Helper()
	for k := range want {
		if math.Abs(got[k]-want[k]) > tol {
			t.Errorf("%v centred=%v: %s[%d] = %v, want %v", vis, centred, name, k, got[k], want[k])
		}
	}
}
