package hamiltonian_test

import (
	"fmt"

	"github.com/spinfer/spinfer/hamiltonian"
)

// A two-spin RBM with one hidden unit: the exact pair coupling and its
// Gaussian approximation. With Ising visible units, w = W/2 = 0.5 for both
// sites and θ = 0, so −H = log cosh(0.5 s_0 + 0.5 s_1) and
// J_01 = ¼[2 log cosh 1 − 2 log cosh 0] = ½ log cosh 1 = 0.216890.
// With N = 2 the rest of the spins is empty (σ = 0), so the Gaussian
// formula is exact here.
func Example() {
	r := hamiltonian.RBM{N: 2, M: 1, W: []float64{1, 1}, B: []float64{0, 0},
		C: []float64{0}, IsingVisible: true}
	ex, err := hamiltonian.Exact(r, 2, 1)
	if err != nil {
		panic(err)
	}
	g, err := hamiltonian.Gaussian(r, hamiltonian.GaussianOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("exact J01 = %.6f\n", ex.Orders[2][0].Value)
	fmt.Printf("gaussian J01 = %.6f\n", g.Orders[2][0].Value)
	// Output:
	// exact J01 = 0.216890
	// gaussian J01 = 0.216890
}

// Estimate before a long run; ask for the top 500 triplets when there are
// too many to list.
func ExampleEstimate() {
	r := hamiltonian.RBM{N: 300, M: 10, W: make([]float64, 3000),
		B: make([]float64, 300), C: make([]float64, 10)}
	opts := hamiltonian.GaussianOptions{MaxOrder: 3, MaxAll: 1_000_000, Top: 500}
	c, err := hamiltonian.Estimate(r, opts)
	if err != nil {
		panic(err)
	}
	fmt.Println("pairs:", c.Sets[2], "triplets evaluated:", c.Sets[3])
	// Output:
	// pairs: 44850 triplets evaluated: 2000
}
