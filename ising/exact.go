package ising

import (
	"fmt"
	"math"
	"math/bits"
	"sort"
)

// MaxExactSites is the largest number of sites enumeration accepts: 2²⁴
// states take 256 MiB for energies and probabilities together.
const MaxExactSites = 24

// SizeError reports a system too large for an exact (enumeration) method.
type SizeError struct {
	N, Max int
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("ising: exact enumeration of %d sites, at most %d supported", e.N, e.Max)
}

// StateSpins writes the configuration numbered x into dst (length N):
// s_i = +1 when bit i of x is set and −1 otherwise.
func StateSpins(dst []int8, x uint64) {
	for i := range dst {
		dst[i] = int8(x>>uint(i)&1)*2 - 1
	}
}

// Distribution is the exact Boltzmann distribution of a Hamiltonian with N
// ≤ [MaxExactSites] sites. P and Energy have 2^N entries indexed by the
// state number x of [StateSpins]: P[x] = exp(−Energy[x] − LogZ).
type Distribution struct {
	N      int
	LogZ   float64
	Energy []float64
	P      []float64
}

// Enumerate returns the exact distribution of h by visiting all 2^N states
// in Gray-code order (one spin flip, hence one [Hamiltonian.DeltaE], per
// state; the energy is recomputed from scratch every 2¹⁶ states to stop
// rounding drift). It returns a *SizeError when N > MaxExactSites.
func Enumerate(h *Hamiltonian) (*Distribution, error) {
	if h.N > MaxExactSites {
		return nil, &SizeError{N: h.N, Max: MaxExactSites}
	}
	states := uint64(1) << uint(h.N)
	d := &Distribution{N: h.N, Energy: make([]float64, states), P: make([]float64, states)}
	s := make([]int8, h.N)
	StateSpins(s, 0)
	x := uint64(0)
	e := h.Energy(s)
	d.Energy[0] = e
	for k := uint64(1); k < states; k++ {
		i := bits.TrailingZeros64(k)
		e += h.DeltaE(s, i)
		s[i] = -s[i]
		x ^= 1 << uint(i)
		if k&0xffff == 0 {
			e = h.Energy(s)
		}
		d.Energy[x] = e
	}

	// normalise against the ground state to avoid overflow
	emin := math.Inf(1)
	for _, e := range d.Energy {
		emin = min(emin, e)
	}
	var z float64
	for x, e := range d.Energy {
		d.P[x] = math.Exp(-(e - emin))
		z += d.P[x]
	}
	for x := range d.P {
		d.P[x] /= z
	}
	d.LogZ = math.Log(z) - emin
	return d, nil
}

// Moments are exact thermal averages of a Hamiltonian on N sites, with
// m = Σ_i s_i / N and energies in units of kT.
type Moments struct {
	N       int
	LogZ    float64
	Energy  float64   // ⟨H⟩
	Energy2 float64   // ⟨H²⟩
	Mag     float64   // ⟨m⟩
	AbsMag  float64   // ⟨|m|⟩
	Mag2    float64   // ⟨m²⟩
	Means   []float64 // ⟨s_i⟩, length N
	Corr    []float64 // ⟨s_i s_j⟩, N×N row-major, symmetric, unit diagonal
}

// Moments returns the exact moments of d. The cost is O(2^N N²).
func (d *Distribution) Moments() *Moments {
	n := d.N
	m := &Moments{N: n, LogZ: d.LogZ, Means: make([]float64, n), Corr: make([]float64, n*n)}
	s := make([]int8, n)
	for x, p := range d.P {
		StateSpins(s, uint64(x))
		e := d.Energy[x]
		mag := Magnetisation(s)
		m.Energy += p * e
		m.Energy2 += p * e * e
		m.Mag += p * mag
		m.AbsMag += p * math.Abs(mag)
		m.Mag2 += p * mag * mag
		for i, si := range s {
			m.Means[i] += p * float64(si)
			row := m.Corr[i*n : (i+1)*n]
			for j := i + 1; j < n; j++ {
				row[j] += p * float64(si*s[j])
			}
		}
	}
	for i := range n {
		m.Corr[i*n+i] = 1
		for j := i + 1; j < n; j++ {
			m.Corr[j*n+i] = m.Corr[i*n+j]
		}
	}
	return m
}

// ExactMoments returns the exact moments of h by enumeration; see
// [Enumerate] and [Distribution.Moments].
func ExactMoments(h *Hamiltonian) (*Moments, error) {
	d, err := Enumerate(h)
	if err != nil {
		return nil, err
	}
	return d.Moments(), nil
}

// sampleExact draws cfg.Samples independent configurations from the exact
// distribution of h by inverting its cumulative distribution with one
// uniform per sample, all from the single stream 0 of seed.
func sampleExact(h *Hamiltonian, cfg Config, seed uint64) (*Result, error) {
	d, err := Enumerate(h)
	if err != nil {
		return nil, err
	}
	cum := d.P // reused: the cumulative distribution replaces P
	for x := 1; x < len(cum); x++ {
		cum[x] += cum[x-1]
	}
	rng := newStream(seed, 0)
	res := &Result{N: h.N, Rows: cfg.Samples, Method: Exact,
		Spins: make([]int8, cfg.Samples*h.N)}
	total := cum[len(cum)-1]
	for r := range cfg.Samples {
		u := rng.float64() * total
		x := sort.Search(len(cum), func(x int) bool { return cum[x] > u })
		x = min(x, len(cum)-1)
		StateSpins(res.Spins[r*h.N:(r+1)*h.N], uint64(x))
		if cfg.Progress != nil {
			cfg.Progress(r+1, cfg.Samples)
		}
	}
	return res, nil
}
