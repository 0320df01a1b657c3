package baselines_test

import (
	"fmt"

	"github.com/spinfer/spinfer/baselines"
	"github.com/spinfer/spinfer/ising"
)

// Pseudo-likelihood on samples of a 4×4 periodic ferromagnet at K = 0.3:
// the strongest coupling of site 0 is one of its four lattice neighbours.
func ExamplePseudoLikelihood() {
	h, _ := ising.Spec{L: 4, Beta: 0.3}.Build(nil)
	res, err := ising.Sample(h, ising.Config{Method: ising.Wolff, Samples: 5000}, 1)
	if err != nil {
		panic(err)
	}
	p, err := baselines.PseudoLikelihood(baselines.Samples{N: h.N, Spins: res.Spins},
		baselines.PLMConfig{})
	if err != nil {
		panic(err)
	}
	best := 1
	for j := 2; j < p.N; j++ {
		if p.Coupling(0, j) > p.Coupling(0, best) {
			best = j
		}
	}
	fmt.Println(best == 1 || best == 3 || best == 4 || best == 12)
	// Output: true
}
