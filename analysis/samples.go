package analysis

import (
	"errors"
	"fmt"
)

// SampleConfig configures CompareSamples. The zero value means the
// defaults of each part.
type SampleConfig struct {
	// AllTripletsMaxN and Triplets: see MomentConfig.
	AllTripletsMaxN int
	Triplets        int
	// HistogramBins: see CompareMagnetisation; 0 means automatic, ≥ 0.
	HistogramBins int
	// Components is the number of principal components; 0 means
	// DefaultComponents, ≥ 0.
	Components int
	// AASubsample: see AAConfig.Subsample.
	AASubsample int
	// Seed seeds every random choice (triplets, AA subsamples), each from
	// its own PCG stream.
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS, ≥ 0.
	// Results do not depend on it.
	Workers int
}

func (c SampleConfig) moments() MomentConfig {
	return MomentConfig{AllTripletsMaxN: c.AllTripletsMaxN, Triplets: c.Triplets,
		Seed: c.Seed, Workers: c.Workers}
}

func (c SampleConfig) aa() AAConfig {
	return AAConfig{Subsample: c.AASubsample, Seed: c.Seed, Workers: c.Workers}
}

// Validate reports every bad field of c.
func (c SampleConfig) Validate() error {
	var errs []error
	if err := c.moments().Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.aa().Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.HistogramBins < 0 {
		errs = append(errs, fmt.Errorf("%w: HistogramBins = %d, want ≥ 0", ErrInput, c.HistogramBins))
	}
	if c.Components < 0 {
		errs = append(errs, fmt.Errorf("%w: Components = %d, want ≥ 0", ErrInput, c.Components))
	}
	return errors.Join(errs...)
}

// SampleReport gathers the comparisons of generated samples with data.
type SampleReport struct {
	Moments       *MomentComparison
	Magnetisation *MagnetisationComparison
	PCA           *PCAComparison
	Adversarial   *Adversarial
}

// CompareSamples runs every sample-versus-data comparison of this package
// on data and samples, which must have the same N: 1-, 2- and 3-point
// connected correlations (CompareMoments), magnetisation histograms
// (CompareMagnetisation), projections on the data's principal components
// (ComparePCA) and the adversarial accuracy (AdversarialAccuracy).
func CompareSamples(data, samples Spins, cfg SampleConfig) (*SampleReport, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := samePair(data, samples, "data", "samples"); err != nil {
		return nil, err
	}
	var r SampleReport
	var err error
	if r.Moments, err = CompareMoments(data, samples, cfg.moments()); err != nil {
		return nil, fmt.Errorf("moments: %w", err)
	}
	if r.Magnetisation, err = CompareMagnetisation(data, samples, cfg.HistogramBins); err != nil {
		return nil, fmt.Errorf("magnetisation: %w", err)
	}
	if r.PCA, err = ComparePCA(data, samples, cfg.Components, cfg.Workers); err != nil {
		return nil, fmt.Errorf("principal components: %w", err)
	}
	if r.Adversarial, err = AdversarialAccuracy(data, samples, cfg.aa()); err != nil {
		return nil, fmt.Errorf("adversarial accuracy: %w", err)
	}
	return &r, nil
}
