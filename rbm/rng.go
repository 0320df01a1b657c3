package rbm

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// Random streams. Every stochastic part of the package draws from its own
// PCG stream derived from the master seed, a purpose and an index (the
// chain block, the repeat, ...), so that results do not depend on how many
// goroutines run the work.
const (
	purposeInit uint64 = iota + 1
	purposeChains
	purposeBatch
	purposeResample
	purposeLadder
	purposeSample
	purposeAIS
	purposeMixing
	purposeAnneal
)

// stream is a PCG generator padded to a cache line, so that the streams of
// two goroutines never share one.
type stream struct {
	rand.PCG
	_ [48]byte
}

// newStream returns the stream of (seed, purpose, index).
func newStream(seed, purpose, index uint64) *stream {
	s := new(stream)
	a := splitmix(seed ^ splitmix(purpose))
	b := splitmix(a ^ splitmix(index+0x632be59bd9b4e019))
	s.Seed(a, b)
	return s
}

// newStreams returns the streams of indices 0..n−1.
func newStreams(seed, purpose uint64, n int) []*stream {
	s := make([]*stream, n)
	for i := range s {
		s[i] = newStream(seed, purpose, uint64(i))
	}
	return s
}

// splitmix is the SplitMix64 finaliser, used to decorrelate seeds.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// fillUniform fills u with uniforms on [0,1) of 32-bit resolution, two per
// 64-bit draw.
func (s *stream) fillUniform(u []float64) {
	i := 0
	for ; i+1 < len(u); i += 2 {
		x := s.Uint64()
		u[i] = float64(x>>32) * 0x1p-32
		u[i+1] = float64(uint32(x)) * 0x1p-32
	}
	if i < len(u) {
		u[i] = float64(s.Uint64()>>32) * 0x1p-32
	}
}

// float64 returns one uniform on [0,1) of 53-bit resolution.
func (s *stream) float64() float64 {
	return float64(s.Uint64()>>11) * 0x1p-53
}

// intn returns a uniform integer in [0,n) (Lemire's method).
func (s *stream) intn(n int) int {
	un := uint64(n)
	hi, lo := bits.Mul64(s.Uint64(), un)
	if lo < un {
		t := -un % un
		for lo < t {
			hi, lo = bits.Mul64(s.Uint64(), un)
		}
	}
	return int(hi)
}

// below returns 1 when u < p and 0 otherwise, without a branch: the sign
// bit of u−p.
func below(u, p float64) uint64 {
	return math.Float64bits(u-p) >> 63
}
