package ising

import (
	"math/bits"
	"math/rand/v2"
)

// stream is one PCG random stream, padded so that the streams of two
// workers never share a cache line. It is called directly rather than
// through rand.Rand, which is cheaper in the inner loops.
type stream struct {
	pcg rand.PCG
	_   [112]byte
}

// splitmix64 is the SplitMix64 output function: it turns nearby integers
// (a seed and a chain index) into unrelated 64-bit words.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// newStream returns stream number id derived from the master seed.
func newStream(seed, id uint64) *stream {
	s := &stream{}
	a := splitmix64(seed ^ splitmix64(id))
	s.pcg.Seed(a, splitmix64(a^id^0x5851f42d4c957f2d))
	return s
}

// float64 returns a uniform value in [0, 1).
func (s *stream) float64() float64 {
	return float64(s.pcg.Uint64()>>11) * 0x1p-53
}

// intN returns a uniform value in [0, n) by Lemire's multiply-shift; the
// bias is at most n/2⁶⁴.
func (s *stream) intN(n int) int {
	hi, _ := bits.Mul64(s.pcg.Uint64(), uint64(n))
	return int(hi)
}

// spin returns −1 or +1 with probability ½ each.
func (s *stream) spin() int8 {
	return int8(s.pcg.Uint64()>>63)*2 - 1
}

// rand returns a rand.Rand drawing from s (for code off the hot path).
func (s *stream) rand() *rand.Rand { return rand.New(&s.pcg) }
