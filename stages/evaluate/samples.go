package evaluate

import (
	"fmt"
	"slices"

	"github.com/spinfer/spinfer/analysis"
	"github.com/spinfer/spinfer/formats"
)

// SamplesReport compares generated samples with the training data, every
// statistic in the Ising basis (binary values read as s = 2v − 1), the data
// as reference (see analysis.CompareSamples).
type SamplesReport struct {
	Data       string `json:"data"`
	Samples    string `json:"samples"`
	N          int    `json:"n"`
	DataRows   int    `json:"data_rows"`
	SampleRows int    `json:"sample_rows"`
	// OnePoint compares the means ⟨s_i⟩, TwoPoint the connected
	// correlations C_ij over all pairs, ThreePoint the connected C_ijk over
	// Triplets triplets (all of them when AllTriplets; null when N < 3).
	OnePoint    Agreement  `json:"one_point"`
	TwoPoint    Agreement  `json:"two_point"`
	ThreePoint  *Agreement `json:"three_point"`
	Triplets    int        `json:"triplets"`
	AllTriplets bool       `json:"all_triplets"`

	Magnetisation MagnetisationReport `json:"magnetisation"`
	PCA           PCAReport           `json:"pca"`
	Adversarial   AdversarialReport   `json:"adversarial"`
}

// MagnetisationReport holds the histograms of m = (1/N) Σ_i s_i of data
// and samples over bins [Edges[b], Edges[b+1]) as fractions of
// configurations, their total-variation distance TV and the
// Kolmogorov–Smirnov distance KS (see analysis.MagnetisationComparison).
//
// AbsTV is the total-variation distance of the |m| histograms, and
// PositiveData and PositiveSamples the shares with m > 0 (m = 0 counted as
// one half): a learned uniform field shows in TV and in the shares while
// AbsTV stays small.
type MagnetisationReport struct {
	TV              Number   `json:"tv"`
	KS              Number   `json:"ks"`
	AbsTV           Number   `json:"abs_tv"`
	PositiveData    Number   `json:"positive_data"`
	PositiveSamples Number   `json:"positive_samples"`
	Edges           []Number `json:"edges"`
	Data            []Number `json:"data"`
	Samples         []Number `json:"samples"`
}

// PCAReport summarises the projections of data and samples on the data's
// leading principal components: per component, the fraction of the data's
// total variance it explains, and the mean and variance of the
// coordinates of data and of samples along it.
type PCAReport struct {
	Components int      `json:"components"`
	Explained  []Number `json:"explained"`
	DataMean   []Number `json:"data_mean"`
	SampleMean []Number `json:"sample_mean"`
	DataVar    []Number `json:"data_var"`
	SampleVar  []Number `json:"sample_var"`
}

// AdversarialReport is the nearest-neighbour adversarial accuracy of
// samples against data on Subsample configurations of each (see
// analysis.Adversarial): AA ≈ 0.5 when they cannot be told apart, ties
// counted ½; Strict counts ties as 0; Ties is the fraction that tied.
type AdversarialReport struct {
	Subsample int    `json:"subsample"`
	AA        Number `json:"aa"`
	True      Number `json:"aa_true"`
	Synth     Number `json:"aa_synth"`
	Strict    Number `json:"aa_strict"`
	Ties      Number `json:"ties"`
}

// samplesPart is the outcome of the sample comparison.
type samplesPart struct {
	report *SamplesReport
	full   *analysis.SampleReport
	notes  []string
}

// spins views a dataset as analysis input (the values are not copied).
func spins(d *formats.Dataset) analysis.Spins {
	return analysis.Spins{Values: d.Values, Rows: d.Rows, N: d.N(),
		Binary: d.Basis == formats.Binary}
}

// compareSamples compares samples with data.
func compareSamples(data, samples *formats.Dataset, seed uint64,
	workers int) (*samplesPart, error) {
	if data.N() != samples.N() {
		return nil, wrapErr("samples", fmt.Errorf("samples have %d variables, the data %d (%w)",
			samples.N(), data.N(), analysis.ErrInput))
	}
	part := &samplesPart{}
	if !slices.Equal(data.Names, samples.Names) {
		part.notes = append(part.notes, "samples and data name their variables differently; "+
			"they were compared by position")
	}
	rep, err := analysis.CompareSamples(spins(data), spins(samples),
		analysis.SampleConfig{Seed: seed, Workers: workers})
	if err != nil {
		return nil, wrapErr("samples against data", err)
	}
	part.full = rep
	part.report = samplesReport(rep)
	part.report.DataRows, part.report.SampleRows = data.Rows, samples.Rows
	if mo := rep.Moments; !mo.AllTriplets {
		part.notes = append(part.notes, fmt.Sprintf("3-point correlations compared on %d "+
			"random triplets of %d", len(mo.Triplets), analysis.TripletCount(data.N())))
	}
	return part, nil
}

// samplesReport lays out the comparison for JSON.
func samplesReport(rep *analysis.SampleReport) *SamplesReport {
	mo := rep.Moments
	n := len(mo.DataMeans)
	r := &SamplesReport{N: n, OnePoint: agreement(mo.One), TwoPoint: agreement(mo.Two),
		Triplets: len(mo.Triplets), AllTriplets: mo.AllTriplets}
	if n >= 3 {
		a := agreement(mo.Three)
		r.ThreePoint = &a
	}
	mg := rep.Magnetisation
	r.Magnetisation = MagnetisationReport{TV: Number(mg.TV), KS: Number(mg.KS),
		AbsTV: Number(mg.AbsTV), PositiveData: Number(mg.PositiveData),
		PositiveSamples: Number(mg.PositiveSamples),
		Edges:           numbers(mg.Edges), Data: numbers(mg.Data), Samples: numbers(mg.Samples)}
	pc := rep.PCA
	r.PCA = PCAReport{Components: pc.PCA.K, Explained: numbers(pc.PCA.Explained),
		DataMean: numbers(pc.DataMean), SampleMean: numbers(pc.SampleMean),
		DataVar: numbers(pc.DataVar), SampleVar: numbers(pc.SampleVar)}
	aa := rep.Adversarial
	r.Adversarial = AdversarialReport{Subsample: aa.N, AA: Number(aa.AA),
		True: Number(aa.True), Synth: Number(aa.Synth), Strict: Number(aa.Strict),
		Ties: Number(aa.Ties)}
	return r
}
