package rbm

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
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

// stream is a PCG-DXSM generator, padded to a cache line so that the
// streams of two goroutines never share one. It gives the sequence of
// math/rand/v2's PCG for the same seeds and has the same binary encoding
// (both tested), with the 128-bit state in plain fields, so that the
// Bernoulli draws (drawBits32) keep it in registers: a call through
// rand.PCG stores and reloads the state on every output, which is on the
// critical path of the LCG.
type stream struct {
	hi, lo uint64
	_      [48]byte
}

// Constants of the PCG step: the 128-bit LCG multiplier and increment,
// and the 64-bit multiplier of the DXSM output.
const (
	pcgMulHi    = 2549297995355413924
	pcgMulLo    = 4865540595714422341
	pcgIncHi    = 6364136223846793005
	pcgIncLo    = 1442695040888963407
	pcgCheapMul = 0xda942042e4dd58b5
)

// pcgStep advances the state (hi, lo) ← (hi, lo)·mul + inc mod 2¹²⁸ and
// returns the new state and its DXSM output.
func pcgStep(hi, lo uint64) (uint64, uint64, uint64) {
	h, l := lcg(hi, lo, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
	return h, l, dxsm(h, l)
}

// pcgStep2 advances the state by two steps and returns it with the two
// outputs. The second state is computed from the first one's predecessor,
// s₂ = s₀·mul² + inc·(mul + 1), so the two 128-bit products do not wait
// for each other (the LCG's latency, not its arithmetic, limits a stream).
func pcgStep2(hi, lo uint64) (uint64, uint64, uint64, uint64) {
	h1, l1 := lcg(hi, lo, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
	h2, l2 := lcg(hi, lo, pcgMul2Hi, pcgMul2Lo, pcgInc2Hi, pcgInc2Lo)
	return h2, l2, dxsm(h1, l1), dxsm(h2, l2)
}

// lcg returns (hi, lo)·(mh, ml) + (ih, il) mod 2¹²⁸.
func lcg(hi, lo, mh, ml, ih, il uint64) (uint64, uint64) {
	h, l := bits.Mul64(lo, ml)
	h += hi*ml + lo*mh
	l, c := bits.Add64(l, il, 0)
	h, _ = bits.Add64(h, ih, c)
	return h, l
}

// dxsm is PCG's DXSM output of a state:
//
//	x = hi ⊕ (hi ≫ 32);  x ·= m;  x ⊕= x ≫ 48;  x ·= (lo | 1)
func dxsm(hi, lo uint64) uint64 {
	x := hi ^ hi>>32
	x *= pcgCheapMul
	x ^= x >> 48
	return x * (lo | 1)
}

// The two-step multiplier mul² and increment inc·(mul + 1), mod 2¹²⁸.
var pcgMul2Hi, pcgMul2Lo, pcgInc2Hi, pcgInc2Lo = pcgTwoSteps()

func pcgTwoSteps() (mh, ml, ih, il uint64) {
	mh, ml = lcg(pcgMulHi, pcgMulLo, pcgMulHi, pcgMulLo, 0, 0)
	l, c := bits.Add64(pcgMulLo, 1, 0)
	h := pcgMulHi + c
	ih, il = lcg(h, l, pcgIncHi, pcgIncLo, 0, 0)
	return mh, ml, ih, il
}

// Seed sets the state.
func (s *stream) Seed(hi, lo uint64) { s.hi, s.lo = hi, lo }

// Uint64 returns the next output.
func (s *stream) Uint64() uint64 {
	var x uint64
	s.hi, s.lo, x = pcgStep(s.hi, s.lo)
	return x
}

// MarshalBinary encodes the state as "pcg:" and hi, lo big-endian, the
// encoding of math/rand/v2's PCG (so that older training states load).
func (s *stream) MarshalBinary() ([]byte, error) {
	b := append(make([]byte, 0, 20), "pcg:"...)
	b = binary.BigEndian.AppendUint64(b, s.hi)
	return binary.BigEndian.AppendUint64(b, s.lo), nil
}

// UnmarshalBinary decodes what MarshalBinary encodes.
func (s *stream) UnmarshalBinary(b []byte) error {
	if len(b) != 20 || string(b[:4]) != "pcg:" {
		return errors.New("rbm: not an encoded PCG state")
	}
	s.hi, s.lo = binary.BigEndian.Uint64(b[4:]), binary.BigEndian.Uint64(b[12:])
	return nil
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
