package hamiltonian

import (
	"math"
	"runtime"
	"sync"
)

// binomial returns C(n, k) as a float64 (exact below 2⁵³).
func binomial(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	c := 1.0
	for j := 1; j <= k; j++ {
		c = c * float64(n-k+j) / float64(j)
	}
	return math.Round(c)
}

// forEachSet calls f with every k-subset of {0..n−1} in lexicographic order,
// the set in idx[:k] (reused between calls).
func forEachSet(n, k int, f func(idx []int)) {
	if k < 1 || k > n {
		return
	}
	idx := make([]int, k)
	for j := range idx {
		idx[j] = j
	}
	for {
		f(idx)
		j := k - 1
		for j >= 0 && idx[j] == n-k+j {
			j--
		}
		if j < 0 {
			return
		}
		idx[j]++
		for l := j + 1; l < k; l++ {
			idx[l] = idx[l-1] + 1
		}
	}
}

// allSets returns every k-subset of {0..n−1} in lexicographic order as
// terms with zero values.
func allSets(n, k int) []Term {
	out := make([]Term, 0, int(binomial(n, k)))
	forEachSet(n, k, func(idx []int) {
		var t Term
		for j, i := range idx {
			t.Sites[j] = int32(i)
		}
		out = append(out, t)
	})
	return out
}

// lessSites orders terms of order k lexicographically by their sites.
func lessSites(a, b *Term, k int) bool {
	for j := 0; j < k; j++ {
		if a.Sites[j] != b.Sites[j] {
			return a.Sites[j] < b.Sites[j]
		}
	}
	return false
}

// resolveWorkers maps a worker setting (0 = GOMAXPROCS) to a count ≥ 1.
func resolveWorkers(w int) int {
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return max(w, 1)
}

// parallelChunks splits [0, n) into contiguous chunks of at most size
// items and runs f(worker, lo, hi) for each chunk on up to workers
// goroutines. Which worker runs a chunk varies between runs, so f must
// write its results by index and use only worker-local scratch.
func parallelChunks(n, size, workers int, f func(worker, lo, hi int)) {
	if n <= 0 {
		return
	}
	size = max(size, 1)
	nChunks := (n + size - 1) / size
	workers = min(workers, nChunks)
	if workers <= 1 {
		for lo := 0; lo < n; lo += size {
			f(0, lo, min(lo+size, n))
		}
		return
	}
	next := make(chan int, nChunks)
	for c := 0; c < nChunks; c++ {
		next <- c
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				lo := c * size
				f(w, lo, min(lo+size, n))
			}
		}()
	}
	wg.Wait()
}
