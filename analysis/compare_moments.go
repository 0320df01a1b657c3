package analysis

import (
	"errors"
	"fmt"
)

// MomentConfig sets how CompareMoments chooses triplets. The zero value
// means the defaults.
type MomentConfig struct {
	// AllTripletsMaxN is the largest N for which every triplet is compared
	// (N(N−1)(N−2)/6 of them: 161 700 for N = 100). 0 means 100; ≥ 3.
	AllTripletsMaxN int
	// Triplets is the number of distinct random triplets compared when
	// N > AllTripletsMaxN. 0 means 100 000; ≥ 0.
	Triplets int
	// Seed seeds the choice of random triplets.
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS, ≥ 0.
	// Results do not depend on it.
	Workers int
}

// Default settings of MomentConfig.
const (
	DefaultAllTripletsMaxN = 100
	DefaultTriplets        = 100_000
)

// Validate reports every bad field of c.
func (c MomentConfig) Validate() error {
	var errs []error
	if c.AllTripletsMaxN != 0 && c.AllTripletsMaxN < 3 {
		errs = append(errs, fmt.Errorf("AllTripletsMaxN = %d, want 0 or ≥ 3",
			c.AllTripletsMaxN))
	}
	if c.Triplets < 0 {
		errs = append(errs, fmt.Errorf("Triplets = %d, want ≥ 0", c.Triplets))
	}
	if c.Workers < 0 {
		errs = append(errs, fmt.Errorf("Workers = %d, want ≥ 0", c.Workers))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: moment config: %w", ErrInput, errors.Join(errs...))
	}
	return nil
}

// withDefaults returns c with zero fields replaced by their defaults.
func (c MomentConfig) withDefaults() MomentConfig {
	if c.AllTripletsMaxN == 0 {
		c.AllTripletsMaxN = DefaultAllTripletsMaxN
	}
	if c.Triplets == 0 {
		c.Triplets = DefaultTriplets
	}
	return c
}

// MomentComparison holds the 1-, 2- and 3-point statistics of data and
// samples (Ising basis) and their agreement, the data as reference x and the
// samples as estimate y (so Slope is samples regressed on data).
type MomentComparison struct {
	// One compares the means ⟨s_i⟩ (N values).
	One Agreement
	// Two compares the connected correlations C_ij over all pairs.
	Two Agreement
	// Three compares C_ijk over Triplets; it is the zero Agreement when
	// N < 3.
	Three Agreement

	DataMeans, SampleMeans []float64 // N values each
	DataPairs, SamplePairs []float64 // PairIndex order
	// AllTriplets reports whether Triplets holds every triplet, rather than
	// a random subset.
	AllTriplets                  bool
	Triplets                     [][3]int32
	DataTriplets, SampleTriplets []float64 // in the order of Triplets
}

// CompareMoments computes and compares the 1-, 2- and 3-point connected
// correlations of data and samples, which must have the same N. All
// triplets are used when N ≤ cfg.AllTripletsMaxN, otherwise cfg.Triplets
// random ones (the same triplets for data and samples).
//
// Memory: two bit-packed copies of the matrices (R·N/8 bytes each), 2·8
// bytes per pair and 12+2·8 bytes per triplet.
//
// References: Decelle, Furtlehner, Seoane, NeurIPS 2021 (data versus sample
// correlations as a check of a trained RBM).
func CompareMoments(data, samples Spins, cfg MomentConfig) (*MomentComparison, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := samePair(data, samples, "data", "samples"); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	cd, cs := packColumns(data, cfg.Workers), packColumns(samples, cfg.Workers)
	mc := &MomentComparison{DataMeans: means(cd), SampleMeans: means(cs)}
	mc.One = compare(mc.DataMeans, mc.SampleMeans)
	if data.N < 2 {
		return mc, nil
	}

	// Two-point.
	mc.DataPairs = connectedPairs(cd, mc.DataMeans, cfg.Workers)
	mc.SamplePairs = connectedPairs(cs, mc.SampleMeans, cfg.Workers)
	mc.Two = compare(mc.DataPairs, mc.SamplePairs)
	if data.N < 3 {
		return mc, nil
	}

	// Three-point.
	mc.AllTriplets = data.N <= cfg.AllTripletsMaxN || cfg.Triplets >= TripletCount(data.N)
	if mc.AllTriplets {
		mc.Triplets = AllTriplets(data.N)
	} else {
		mc.Triplets = RandomTriplets(data.N, cfg.Triplets, cfg.Seed)
	}
	mc.DataTriplets = connectedTriplets(cd, mc.DataMeans, mc.Triplets, cfg.Workers)
	mc.SampleTriplets = connectedTriplets(cs, mc.SampleMeans, mc.Triplets, cfg.Workers)
	mc.Three = compare(mc.DataTriplets, mc.SampleTriplets)
	return mc, nil
}
