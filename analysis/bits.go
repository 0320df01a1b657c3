package analysis

import (
	"math/bits"
	"sync"
	"sync/atomic"
)

// Spins are packed one bit each, the bit set when the spin is −1, so that
// a product of spins is (−1)^(XOR of their bits) and a sum of products over
// rows is an exact integer:
//
//	Σ_r s_ri s_rj = R − 2·popcount(b_i XOR b_j)
//
// and likewise for three columns. Hamming distances between rows are
// popcounts of the XOR of packed rows. Padding bits are zero in every
// packed vector, so they never count.

// bitCols holds the columns of a spin matrix, words words per column.
type bitCols struct {
	rows, n, words int
	bits           []uint64 // n×words, column i at bits[i*words:]
}

// col returns the packed column i.
func (c *bitCols) col(i int) []uint64 { return c.bits[i*c.words : (i+1)*c.words] }

// packColumns packs s by column. Blocks of 64 rows are packed in parallel;
// each block writes its own words, so the result does not depend on the
// number of workers.
func packColumns(s Spins, workers int) *bitCols {
	w := (s.Rows + 63) / 64
	c := &bitCols{rows: s.Rows, n: s.N, words: w, bits: make([]uint64, s.N*w)}
	parallelFor(w, workers, func() func(int) {
		tmp := make([]uint64, s.N)
		return func(blk int) {
			clear(tmp)
			for r := blk * 64; r < min(s.Rows, blk*64+64); r++ {
				for i, v := range s.Values[r*s.N : (r+1)*s.N] {
					tmp[i] |= downBit(v) << (r % 64)
				}
			}
			for i, t := range tmp {
				c.bits[i*w+blk] = t
			}
		}
	})
	return c
}

// bitRows holds configurations of a spin matrix, words words per row.
type bitRows struct {
	n, words int
	bits     []uint64 // rows×words
}

// row returns packed configuration k.
func (b *bitRows) row(k int) []uint64 { return b.bits[k*b.words : (k+1)*b.words] }

// packRows packs the configurations idx of s, in that order.
func packRows(s Spins, idx []int) *bitRows {
	w := (s.N + 63) / 64
	b := &bitRows{n: s.N, words: w, bits: make([]uint64, len(idx)*w)}
	for k, r := range idx {
		dst := b.row(k)
		for i, v := range s.Values[r*s.N : (r+1)*s.N] {
			dst[i/64] |= downBit(v) << (i % 64)
		}
	}
	return b
}

// downBit returns 1 when the valid spin value v (±1 or 0/1) means s = −1,
// else 0, without a data-dependent branch: v XOR 1 is 0 for v = 1 and has
// its low bit or its sign bit set for v = 0 and v = −1.
func downBit(v int8) uint64 {
	x := uint8(v) ^ 1
	return uint64((x | x>>7) & 1)
}

// xorCount returns popcount(a XOR b); a and b have the same length.
func xorCount(a, b []uint64) int {
	n := 0
	b = b[:len(a)]
	for k, x := range a {
		n += bits.OnesCount64(x ^ b[k])
	}
	return n
}

// xor3Count returns popcount(a XOR b XOR c); all have the same length.
func xor3Count(a, b, c []uint64) int {
	n := 0
	b, c = b[:len(a)], c[:len(a)]
	for k, x := range a {
		n += bits.OnesCount64(x ^ b[k] ^ c[k])
	}
	return n
}

// onesCount returns popcount(a).
func onesCount(a []uint64) int {
	n := 0
	for _, x := range a {
		n += bits.OnesCount64(x)
	}
	return n
}

// parallelFor calls a task for every k in [0, n) on up to workers
// goroutines (0 means GOMAXPROCS), handing out k in increasing order.
// newWorker is called once per goroutine and returns that goroutine's task,
// which may own scratch buffers. Tasks must write only by index k.
func parallelFor(n, workers int, newWorker func() func(k int)) {
	nw := min(workerCount(workers), n)
	if nw <= 1 {
		task := newWorker()
		for k := range n {
			task(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range nw {
		task := newWorker()
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				task(k)
			}
		})
	}
	wg.Wait()
}
