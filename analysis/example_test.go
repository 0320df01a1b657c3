package analysis_test

import (
	"fmt"

	"github.com/spinfer/spinfer/analysis"
)

// Inferred pairs of 3 spins against a truth with one non-zero coupling:
// errors .05, .02, .03 give Δ_J = sqrt(.0038/.25) and RMSE = sqrt(.0038/3).
func ExampleCompareOrder() {
	truth := []analysis.Term{{Sites: [4]int32{0, 1}, Value: 0.5}}
	inferred := []analysis.Term{
		{Sites: [4]int32{0, 1}, Value: 0.45},
		{Sites: [4]int32{0, 2}, Value: 0.02},
		{Sites: [4]int32{1, 2}, Value: -0.03},
	}
	c, err := analysis.CompareOrder(2, inferred, truth, 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("Δ_J %.3f  RMSE %.4f  AUC %.0f  precision %.0f\n",
		c.RelErr, c.RMSE, c.AUC, c.PrecisionTrue)
	// Output: Δ_J 0.123  RMSE 0.0356  AUC 1  precision 1
}

// Data and samples of 3 spins in the two bases: the statistics are those of
// the Ising spins s = 2v − 1.
func ExampleCompareMoments() {
	data := analysis.Spins{Values: []int8{
		1, 1, -1,
		1, 1, 1,
		-1, -1, -1,
		1, 1, 1,
	}, Rows: 4, N: 3}
	samples := analysis.Spins{Values: []int8{
		1, 1, 0,
		0, 0, 0,
	}, Rows: 2, N: 3, Binary: true}
	c, err := analysis.CompareMoments(data, samples, analysis.MomentConfig{})
	if err != nil {
		panic(err)
	}
	fmt.Println("data means", c.DataMeans, "sample means", c.SampleMeans)
	fmt.Printf("pairs (01, 02, 12): data %.2f, samples %.2f\n", c.DataPairs, c.SamplePairs)
	// Output:
	// data means [0.5 0.5 0] sample means [0 0 -1]
	// pairs (01, 02, 12): data [0.75 0.50 0.50], samples [1.00 0.00 0.00]
}
