package rbm

import (
	"runtime"
	"testing"
)

// allocShapes are (N, M, batch = chains) shapes for the allocation tests:
// one where every product is below gonum's parallel threshold and two
// where gonum would start goroutines of its own.
var allocShapes = [][3]int{{64, 32, 100}, {200, 100, 100}, {805, 200, 64}}

// parallelLoopsPerUpdate is the number of objects one PCD update
// allocates: the task closures of the chain groups and of the positive
// phase, the loop that runs both (its closure and its list of task
// lists), and the closure of the ∇W product split over rows.
const parallelLoopsPerUpdate = 2 + 2 + 1

// TestGibbsBlockAllocs checks that one Gibbs sweep of one block of chains
// (both products and both draws) allocates nothing after warm-up.
func TestGibbsBlockAllocs(t *testing.T) {
	testGibbsBlockAllocs[float32](t)
	testGibbsBlockAllocs[float64](t)
}

func testGibbsBlockAllocs[T Float](t *testing.T) {
	for _, s := range allocShapes {
		p := randomParams[T](s[0], s[1], Ising, 0.05, 1)
		c := newChains[T](s[0], s[1], s[2], 1, Ising, 1, purposeSample)
		c.randomize()
		sweep := func() {
			c.groupProduct(p, 1, 2, true, false)
			c.sampleHidden(p, 1, nil)
			c.groupProduct(p, 1, 2, true, true)
			c.sampleVisible(p, 1, nil)
		}
		sweep()
		if n := testing.AllocsPerRun(10, sweep); n != 0 {
			t.Errorf("%T %v: %v allocations per block sweep, want 0", p.W[0], s, n)
		}
	}
}

// TestUpdateAllocs checks that a Gibbs step of all chains allocates one
// object (the closure of its parallel loop) and a PCD update
// parallelLoopsPerUpdate objects, whatever the shape and GOMAXPROCS:
// every buffer is reused from the previous update.
func TestUpdateAllocs(t *testing.T) {
	for _, procs := range []int{1, 2} {
		old := runtime.GOMAXPROCS(procs)
		for _, s := range allocShapes {
			data := randomData(2*s[2], s[0])
			tr, err := NewTrainer[float32](Config{Hidden: s[1], Batch: s[2], K: 2}, data, s[0],
				Binary)
			if err != nil {
				t.Fatal(err)
			}
			step := func() {
				if _, err := tr.Step(); err != nil {
					t.Fatal(err)
				}
			}
			step()
			if n := testing.AllocsPerRun(10, step); n > parallelLoopsPerUpdate {
				t.Errorf("GOMAXPROCS %d %v: %v allocations per update, want ≤ %d", procs, s, n,
					parallelLoopsPerUpdate)
			}
			gibbs := func() { tr.ch.gibbs(tr.p, nil) }
			if n := testing.AllocsPerRun(10, gibbs); n > 1 {
				t.Errorf("GOMAXPROCS %d %v: %v allocations per Gibbs step, want ≤ 1", procs, s, n)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}
