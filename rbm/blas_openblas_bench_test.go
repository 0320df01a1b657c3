//go:build openblas && cgo

package rbm

import (
	"fmt"
	"testing"
)

// BenchmarkOpenBLASThreads times one PCD-1 update (float32) with OpenBLAS
// on 1 and on 2 threads, side by side, on top of spinfer's own goroutines
// (chain blocks, split gradient): the measurement behind the default of
// one OpenBLAS thread.
func BenchmarkOpenBLASThreads(b *testing.B) {
	defer setOpenBLASThreads(CurrentBackend().Threads)
	for _, s := range benchShapes {
		data := randomData(2*s[2], s[0])
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", benchName(s), threads), func(b *testing.B) {
				setOpenBLASThreads(threads)
				tr, err := NewTrainer[float32](Config{Hidden: s[1], Batch: s[2], K: 1}, data,
					s[0], Binary)
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
}
