package rbm

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestStreamIsPCG checks that stream gives math/rand/v2's PCG sequence
// for the same seeds (the reference implementation of PCG-DXSM in the
// standard library), through Uint64 and through the inlined step of the
// Bernoulli draws, and that both encode their state the same way.
func TestStreamIsPCG(t *testing.T) {
	for _, seed := range [][2]uint64{{0, 0}, {1, 2}, {^uint64(0), 12345}, {splitmix(7), splitmix(8)}} {
		ref := rand.NewPCG(seed[0], seed[1])
		var s stream
		s.Seed(seed[0], seed[1])
		for k := range 1000 {
			if a, b := ref.Uint64(), s.Uint64(); a != b {
				t.Fatalf("seed %v, output %d: %#x, want %#x", seed, k, b, a)
			}
		}
		want, _ := ref.MarshalBinary()
		got, _ := s.MarshalBinary()
		if !bytes.Equal(got, want) {
			t.Fatalf("seed %v: encoding %x, want %x", seed, got, want)
		}
		var back stream
		if err := back.UnmarshalBinary(want); err != nil || back.hi != s.hi || back.lo != s.lo {
			t.Fatalf("seed %v: decoding gave %v, %v", seed, back, err)
		}

		// the draws read the same outputs: all-ones probabilities q = 0.5
		// give bit j = [r_j < 2³¹], r the 32-bit halves in order
		q := make([]float32, 7)
		for j := range q {
			q[j] = 0.5
		}
		out := make([]float32, 7)
		drawBits32(out, q, false, &s)
		r := []uint64{ref.Uint64(), ref.Uint64(), ref.Uint64(), ref.Uint64()}
		for j, x := range out {
			half := r[j/2] >> 32
			if j%2 == 1 {
				half = r[j/2] & 0xffffffff
			}
			if want := float32(half>>31 ^ 1); x != want {
				t.Fatalf("seed %v: draw %d = %v, want %v", seed, j, x, want)
			}
		}
		if a, b := ref.Uint64(), s.Uint64(); a != b {
			t.Fatalf("seed %v: after the draws %#x, want %#x", seed, b, a)
		}
	}
	var s stream
	if err := s.UnmarshalBinary([]byte("pcg:short")); err == nil {
		t.Error("a short encoding was accepted")
	}
}
