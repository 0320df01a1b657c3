package evaluate

import (
	"fmt"
	"path/filepath"

	"github.com/spinfer/spinfer/plots"
)

// PCG streams of the plotted subsets, one per figure.
const (
	streamCouplings = iota + 1 // + order
	streamCorr2     = 10
	streamCorr3     = 11
	streamPCAData   = 12
	streamPCASample = 13
)

// drawCouplings draws the inferred-against-true scatters, or records why
// they are missing.
func (f *figures) drawCouplings(part *couplingsPart) error {
	if part == nil {
		for k := 3; k <= 4; k++ {
			if err := f.removeStale(PlotCouplings(k)); err != nil {
				return err
			}
		}
		const why = "no inferred and true couplings to compare"
		if err := f.skip(PlotCouplings(2), why); err != nil {
			return err
		}
		return f.skip(PlotFields, why)
	}
	for _, r := range part.report.Orders {
		d := part.orders[r.Order]
		title := fmt.Sprintf("Order %d: Δ_J = %s, r = %s", r.Order, stat(r.Agreement.RelErr),
			stat(r.Agreement.Pearson))
		f.scatter(PlotCouplings(r.Order), title, "true J (kT)", "inferred J (kT)", d.X, d.Y,
			streamCouplings+uint64(r.Order))
	}
	if _, ok := part.orders[2]; !ok {
		if err := f.skip(PlotCouplings(2), "pairs absent from the inferred or true "+
			"couplings"); err != nil {
			return err
		}
	}
	for k := 3; k <= 4; k++ {
		if _, ok := part.orders[k]; !ok {
			if err := f.removeStale(PlotCouplings(k)); err != nil {
				return err
			}
		}
	}
	if part.fields == nil {
		return f.skip(PlotFields, "fields absent from the inferred or true couplings")
	}
	a := part.report.Fields
	title := fmt.Sprintf("Fields: RMSE = %s, r = %s", stat(a.RMSE), stat(a.Pearson))
	f.scatter(PlotFields, title, "true h (kT)", "inferred h (kT)", part.fields.X,
		part.fields.Y, streamCouplings)
	return nil
}

// drawSamples draws the figures of the sample comparison.
func (f *figures) drawSamples(part *samplesPart) error {
	names := []string{PlotCorrelations2, PlotCorrelations3, PlotMagnetisation, PlotPCA}
	if part == nil {
		for _, n := range names {
			if err := f.skip(n, "no samples and data to compare"); err != nil {
				return err
			}
		}
		return nil
	}
	r, mo := part.report, part.full.Moments
	f.scatter(PlotCorrelations2, "Connected 2-point correlations, r = "+
		stat(r.TwoPoint.Pearson), "data C_ij", "samples C_ij", mo.DataPairs, mo.SamplePairs,
		streamCorr2)
	if r.ThreePoint == nil {
		if err := f.skip(PlotCorrelations3, "fewer than 3 variables"); err != nil {
			return err
		}
	} else {
		f.scatter(PlotCorrelations3, "Connected 3-point correlations, r = "+
			stat(r.ThreePoint.Pearson), "data C_ijk", "samples C_ijk", mo.DataTriplets,
			mo.SampleTriplets, streamCorr3)
	}
	mg := part.full.Magnetisation
	err := plots.Histograms(filepath.Join(f.dir, PlotMagnetisation),
		"Magnetisation, TV = "+stat(r.Magnetisation.TV), "m = (1/N) Σ s_i",
		"fraction of configurations", mg.Edges,
		[]plots.Hist{{Name: "data", Weights: mg.Data}, {Name: "samples", Weights: mg.Samples}})
	f.add(PlotMagnetisation, err, 0, 0)
	return f.drawPCA(part)
}

// drawPCA draws data and samples on the data's first two components.
func (f *figures) drawPCA(part *samplesPart) error {
	pc := part.full.PCA
	k := pc.PCA.K
	if k < 2 {
		return f.skip(PlotPCA, "fewer than 2 principal components")
	}
	d := f.cloud("data", pc.Data, k, streamPCAData)
	s := f.cloud("samples", pc.Samples, k, streamPCASample)
	label := func(c int) string {
		return fmt.Sprintf("PC%d (%s of the data's variance)", c+1,
			percent(pc.PCA.Explained[c]))
	}
	err := plots.Projection(filepath.Join(f.dir, PlotPCA),
		"Projection on the data's principal components", label(0), label(1),
		[]plots.Series{d, s})
	rows := len(pc.Data)/k + len(pc.Samples)/k
	f.add(PlotPCA, err, len(d.X)+len(s.X), rows)
	return nil
}

func percent(x float64) string {
	if !Number(x).Valid() {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

// drawTraining draws the training curves of metrics.parquet against the
// update number on a log axis.
func (f *figures) drawTraining(part *trainingPart) error {
	if part == nil {
		if err := f.skip(PlotTrainingLogLik, "no metrics.parquet"); err != nil {
			return err
		}
		return f.skip(PlotTrainingSingular, "no metrics.parquet")
	}
	if err := f.drawLogLik(part); err != nil {
		return err
	}
	var series []plots.Series
	for k := 1; k <= numSingular; k++ {
		y := column(part.table, fmt.Sprintf("singular_%d", k))
		if s, ok := finiteSeries(fmt.Sprintf("σ%d", k), part.update, y); ok {
			series = append(series, s)
		}
	}
	if len(series) == 0 {
		return f.skip(PlotTrainingSingular, "no singular values in metrics.parquet")
	}
	err := plots.Lines(filepath.Join(f.dir, PlotTrainingSingular),
		"Largest singular values of W", "update", "singular value", series, true)
	f.add(PlotTrainingSingular, err, 0, 0)
	return nil
}

// drawLogLik draws the training and test log-likelihoods, or the
// pseudo-log-likelihood per site when no log-likelihood was measured.
func (f *figures) drawLogLik(part *trainingPart) error {
	t, x := part.table, part.update
	var series []plots.Series
	for _, c := range [][2]string{{"train_loglik", "train"}, {"test_loglik", "test"}} {
		if s, ok := finiteSeries(c[1], x, column(t, c[0])); ok {
			series = append(series, s)
		}
	}
	title, ylabel := "Log-likelihood during training", "log-likelihood per configuration"
	if len(series) == 0 {
		s, ok := finiteSeries("train", x, column(t, "pll_per_site"))
		if !ok {
			return f.skip(PlotTrainingLogLik, "no log-likelihood or pseudo-log-likelihood "+
				"in metrics.parquet")
		}
		series = append(series, s)
		title = "Pseudo-log-likelihood during training (no log-likelihood measured)"
		ylabel = "pseudo-log-likelihood per site"
	}
	err := plots.Lines(filepath.Join(f.dir, PlotTrainingLogLik), title, "update", ylabel,
		series, true)
	f.add(PlotTrainingLogLik, err, 0, 0)
	return nil
}
