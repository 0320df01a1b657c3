package report

import (
	"path/filepath"
	"strconv"

	"github.com/spinfer/spinfer/stages/evaluate"
)

// couplings writes the inferred couplings against truth.
func (b *builder) couplings(p *page) {
	p.h(2, "Couplings")
	c, t := exists(b.run.Couplings()), exists(b.run.Truth())
	if c {
		b.inferred(p)
	} else {
		b.missing(p, "couplings/", b.cmd("couplings --run %s"))
	}
	if !t {
		b.missing(p, "truth/ (true couplings, known for synthetic data; the scatter "+
			"against truth needs them)", b.cmd("truth --lattice 2d --L L --coupling J -o %s/truth"))
	}
	part := b.parts.couplings
	if !c || !t {
		return
	}
	if part.err != nil {
		b.failed(p, "comparing couplings/ with truth/: %v", part.err)
		return
	}
	r := part.res.Couplings
	p.h(3, "Against truth/")
	p.para("Inferred against true couplings, units of kT, Ising basis (N = %d). Δ_J = "+
		"sqrt(Σ(J−J*)²/ΣJ*²); AUC and precision of |J| at finding the true non-zero sets.", r.N)
	var rows [][]string
	for _, o := range r.Orders {
		a := o.Agreement
		rows = append(rows, []string{strconv.Itoa(o.Order), o.Selection,
			strconv.Itoa(o.Inferred), strconv.Itoa(o.TrueNonZero), n(a.RelErr), n(a.RMSE),
			n(a.Pearson), n(a.Slope), n(o.AUC), n(o.PrecisionTopK), n(o.NonZero.Mean),
			n(o.NonZero.TrueMean), n(o.Zero.Std)})
	}
	if f := r.Fields; f != nil {
		rows = append(rows, []string{"1 (fields)", "all", strconv.Itoa(f.Count), "—",
			n(f.RelErr), n(f.RMSE), n(f.Pearson), n(f.Slope), "—", "—", "—", "—", "—"})
	}
	p.table([]string{"order", "selection", "inferred", "true ≠ 0", "Δ_J", "RMSE", "r",
		"slope", "AUC", "precision", "mean J on true ≠ 0", "true mean", "std J on true 0"},
		rows)
	for _, o := range r.Orders {
		if o.Note != "" {
			p.note("Order %d: %s", o.Order, o.Note)
		}
	}
	for _, o := range r.Orders {
		b.evalFigure(p, part, evaluate.PlotCouplings(o.Order),
			"inferred against true couplings of order "+strconv.Itoa(o.Order))
	}
	b.evalFigure(p, part, evaluate.PlotFields, "inferred against true fields")
}

// n formats an evaluation number.
func n(x evaluate.Number) string { return num(float64(x)) }

// samples writes the statistics of samples.parquet against the data.
func (b *builder) samples(p *page) {
	p.h(2, "Samples against data")
	s, data := exists(b.run.Samples()), b.dataPath()
	if !s {
		b.missing(p, "samples.parquet", b.cmd("sample --run %s"))
	}
	if data == "" {
		b.missing(p, "dataset.parquet", b.cmd("ingest INPUT --run %s"))
	}
	part := b.parts.samples
	if !s || data == "" {
		return
	}
	if part.err != nil {
		b.failed(p, "comparing samples.parquet with the data: %v", part.err)
		return
	}
	r := part.res.Samples
	p.para("%d samples against %d data configurations (`%s`), N = %d, Ising basis. "+
		"Connected correlations C_ij = ⟨s_i s_j⟩ − ⟨s_i⟩⟨s_j⟩ (3-point over %d triplets).",
		r.SampleRows, r.DataRows, filepath.Base(data), r.N, r.Triplets)
	rows := [][]string{agreementRow("⟨s_i⟩", r.OnePoint), agreementRow("C_ij", r.TwoPoint)}
	if r.ThreePoint != nil {
		rows = append(rows, agreementRow("C_ijk", *r.ThreePoint))
	}
	p.table([]string{"statistic", "count", "r", "slope", "RMSE"}, rows)
	p.para("Magnetisation m = (1/N) Σ s_i: total-variation distance %s, Kolmogorov–Smirnov "+
		"%s. Nearest-neighbour adversarial accuracy %s (0.5: indistinguishable).",
		n(r.Magnetisation.TV), n(r.Magnetisation.KS), n(r.Adversarial.AA))
	b.evalFigure(p, part, evaluate.PlotCorrelations2, "connected pair correlations, "+
		"samples against data")
	b.evalFigure(p, part, evaluate.PlotCorrelations3, "connected triplet correlations, "+
		"samples against data")
	b.evalFigure(p, part, evaluate.PlotMagnetisation, "magnetisation histograms")
	b.absMagnetisation(p, data)
	b.evalFigure(p, part, evaluate.PlotPCA, "projection on the data's principal components")
}

func agreementRow(name string, a evaluate.Agreement) []string {
	return []string{name, strconv.Itoa(a.Count), n(a.Pearson), n(a.Slope), n(a.RMSE)}
}
