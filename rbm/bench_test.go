package rbm

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchShapes is the (N, M, batch) ladder of the benchmarks: a small
// lattice, the HGD-like shape, and MNIST with a large batch.
var benchShapes = [][3]int{{64, 32, 100}, {805, 200, 100}, {784, 500, 1000}}

func benchName(s [3]int) string { return fmt.Sprintf("N=%d/M=%d/B=%d", s[0], s[1], s[2]) }

// randomData returns rows uniform binary rows of n units (fixed seed).
func randomData(rows, n int) []int8 {
	r := rand.New(rand.NewPCG(1, 2))
	d := make([]int8, rows*n)
	for k := range d {
		d[k] = int8(r.IntN(2))
	}
	return d
}

// BenchmarkGibbsStep times one Gibbs step (h ~ p(h|v), v ~ p(v|h)) of
// batch chains in float32, the training precision.
func BenchmarkGibbsStep(b *testing.B) {
	for _, s := range benchShapes {
		b.Run(benchName(s), func(b *testing.B) {
			p := randomParams[float32](s[0], s[1], Binary, 0.05, 1)
			c := newChains[float32](s[0], s[1], s[2], 1, Binary, 1, purposeSample)
			c.randomize()
			b.ResetTimer()
			for range b.N {
				c.gibbs(p, nil)
			}
		})
	}
}

// BenchmarkPCDUpdate times one PCD-1 parameter update (minibatch, one
// Gibbs step, centred gradient, update) in float32; a PCD-k update costs
// about this plus k−1 Gibbs steps.
func BenchmarkPCDUpdate(b *testing.B) {
	for _, s := range benchShapes {
		b.Run(benchName(s), func(b *testing.B) {
			data := randomData(2*s[2], s[0])
			tr, err := NewTrainer[float32](Config{Hidden: s[1], Batch: s[2], K: 1}, data, s[0],
				Binary)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := tr.Step(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPCD10MainJob times one PCD-10 update in float32 at the shape of
// `spinfer run` on the 8×8 Ising fixture: N = 64 Ising units, M = 64
// hidden units, 100 chains and a minibatch of 100.
func BenchmarkPCD10MainJob(b *testing.B) {
	data := randomData(1000, 64)
	for k := range data {
		data[k] = 2*data[k] - 1
	}
	tr, err := NewTrainer[float32](Config{Hidden: 64, Batch: 100, K: 10}, data, 64, Ising)
	if err != nil {
		b.Fatal(err)
	}
	for range 50 { // let the weights grow away from the initial 1e−4
		if _, err := tr.Step(); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := tr.Step(); err != nil {
			b.Fatal(err)
		}
	}
}
