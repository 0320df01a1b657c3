package rbm_test

import (
	"fmt"
	"math"

	"github.com/spinfer/spinfer/rbm"
)

// A model without weights has independent units:
// log Z = Σ_i softplus(b_i) + M log 2.
func ExampleExactLogZ() {
	p := rbm.NewParams[float64](3, 2, rbm.Binary)
	p.B[0] = math.Log(3) // softplus(log 3) = log 4
	logZ, err := rbm.ExactLogZ(p)
	if err != nil {
		panic(err)
	}
	fmt.Printf("log Z = %.6f = 6 log 2 = %.6f\n", logZ, 6*math.Ln2)
	// Output: log Z = 4.158883 = 6 log 2 = 4.158883
}

// Train a small RBM with PCD on data made of two blocks of three identical
// units, and follow the exact log-likelihood. The four patterns are
// equally likely, so the optimum is −log 4 ≈ −1.4 per sample; exact copies
// are reached only as the weights grow without bound.
func ExampleNewTrainer() {
	var data []int8
	for r := range 200 {
		a, b := int8(r%2), int8(r/2%2)
		data = append(data, a, a, a, b, b, b)
	}
	cfg := rbm.Config{Hidden: 4, Batch: 20, LearningRate: 0.5, Updates: 1000, Seed: 1}
	tr, err := rbm.NewTrainer[float32](cfg, data, 6, rbm.Binary)
	if err != nil {
		panic(err)
	}
	before, _ := rbm.ExactLogLikelihood(tr.Params(), data)
	for !tr.Done() {
		if _, err := tr.Step(); err != nil {
			panic(err)
		}
	}
	after, _ := rbm.ExactLogLikelihood(tr.Params(), data)
	// the optimum: two independent fair bits, log(1/4) per sample
	optimum := -2 * math.Ln2
	fmt.Printf("updates %d; log-likelihood per sample rose from %.1f; within 0.5 of the "+
		"optimum %.1f: %v\n", tr.Update(), before, optimum, after > optimum-0.5)
	// Output: updates 1000; log-likelihood per sample rose from -4.2; within 0.5 of the optimum -1.4: true
}

// The normalised effective sample size of weights 1, 2, 3 is
// (1+2+3)² / (3·(1+4+9)) = 6/7.
func ExampleESS() {
	fmt.Printf("%.6f\n", rbm.ESS([]float64{0, math.Log(2), math.Log(3)}))
	// Output: 0.857143
}

// Systematic resampling of weights 0.1, 0.2, 0.3, 0.4 with u = 0.5: the
// pointers 0.125, 0.375, 0.625, 0.875 fall in chains 1, 2, 3, 3.
func ExampleSystematicResample() {
	logW := []float64{math.Log(0.1), math.Log(0.2), math.Log(0.3), math.Log(0.4)}
	fmt.Println(rbm.SystematicResample(logW, 0.5))
	// Output: [1 2 3 3]
}

// Draw samples by Gibbs sampling from uniform random starts.
func ExampleSample() {
	p := rbm.NewParams[float64](4, 2, rbm.Ising)
	res, err := rbm.Sample(p, rbm.SampleConfig{Chains: 10, K: 5, Samples: 25, Thin: 2})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Rows, len(res.Samples))
	// Output: 25 100
}
