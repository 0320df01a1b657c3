package ising_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/spinfer/spinfer/ising"
)

// A 2D Edwards–Anderson ±J model at β = 0.2 sampled with parallel tempering;
// the measured autocorrelation times come back with the samples.
func ExampleSample() {
	spec := ising.Spec{L: 7, Beta: 0.2, Bonds: ising.PlusMinus}
	h, err := spec.Build(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	res, err := ising.Sample(h, ising.Config{Method: ising.Tempering, Samples: 100}, 7)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Rows, res.N, len(h.Terms), res.SpacingSweeps >= 1)
	// Output: 100 49 98 true
}

// The true couplings of the 8×8 periodic ferromagnet at J = 0.4406 (kT units).
func ExampleLatticeNeighbours() {
	pairs := ising.LatticeNeighbours(8, 2)
	fmt.Println(len(pairs), pairs[0], pairs[1], pairs[2])
	// Output: 128 [0 1] [0 7] [0 8]
}

func ExampleExactMoments() {
	h, _ := ising.Spec{L: 4, Beta: 0.3}.Build(nil)
	m, _ := ising.ExactMoments(h)
	fmt.Printf("E/N = %.5f, <|m|> = %.5f\n", m.Energy/16, m.AbsMag)
	// Output: E/N = -0.25322, <|m|> = 0.52036
}
