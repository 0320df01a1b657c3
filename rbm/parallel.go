package rbm

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelFor calls f(i) for i in [0,n) on up to GOMAXPROCS goroutines.
// Callers make f(i) write only to slots owned by i, so the result does not
// depend on the number of goroutines or on scheduling.
func parallelFor(n int, f func(i int)) {
	w := min(runtime.GOMAXPROCS(0), n)
	if w <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range w {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// blocks returns the number of blocks of size b covering n items.
func blocks(n, b int) int { return (n + b - 1) / b }

// tasks is a list of n independent pieces of work, run(i) for i in [0,n),
// each writing only memory that no other piece touches.
type tasks struct {
	n   int
	run func(i int)
}

// runTasks runs the pieces of every list in one parallelFor, in list
// order, so that work of different kinds shares the cores without a
// synchronisation between kinds.
func runTasks(lists ...tasks) {
	total := 0
	for _, l := range lists {
		total += l.n
	}
	parallelFor(total, func(i int) {
		for _, l := range lists {
			if i < l.n {
				l.run(i)
				return
			}
			i -= l.n
		}
	})
}
