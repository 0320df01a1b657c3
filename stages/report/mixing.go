package report

import (
	"encoding/json"
	"os"
	"strconv"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/plots"
	"github.com/spinfer/spinfer/stages/mixing"
)

const mixingJSON = mixing.JSONFile

// mixing writes the equilibration verdict and the overlap curves.
func (b *builder) mixing(p *page) {
	p.h(2, "Mixing")
	raw, err := os.ReadFile(b.run.Path(mixing.JSONFile))
	if isNotExist(err) {
		b.missing(p, "mixing.json (the equilibration verdict)", b.cmd("mixing --run %s"))
		return
	}
	var r mixing.Report
	if err == nil {
		err = json.Unmarshal(raw, &r)
	}
	if err != nil {
		b.failed(p, "reading mixing.json: %v", err)
		return
	}
	verdict := "in equilibrium as far as the t vs t/2 test can tell"
	if r.OutOfEquilibrium {
		verdict = "**flagged: trained out of equilibrium** (" + r.Reason + ")"
	}
	p.para("Verdict (mixing.json): %s.", verdict)
	tmix := "> " + strconv.Itoa(r.MaxTime) + " (did not mix)"
	if r.MixingTime != nil {
		tmix = strconv.Itoa(*r.MixingTime)
	}
	p.table([]string{"protocol", "training k", "mixing time (Gibbs steps)",
		"τ of the energy", "τ reliable", "seed"},
		[][]string{{r.Protocol, strconv.Itoa(r.TrainingK), tmix, num(r.TauEnergy),
			strconv.FormatBool(r.TauReliable), strconv.FormatUint(r.Seed, 10)}})
	b.overlapCurves(p)
}

// overlapCurves draws the overlaps of mixing.parquet against t.
func (b *builder) overlapCurves(p *page) {
	path := b.run.Path(mixing.CurveFile)
	if !exists(path) {
		b.missing(p, "mixing.parquet", b.cmd("mixing --run %s"))
		return
	}
	t, err := formats.ReadTable(path)
	if err != nil {
		b.failed(p, "reading mixing.parquet: %v", err)
		return
	}
	tc := t.Lookup("t")
	if tc == nil || tc.Int64 == nil {
		b.failed(p, "mixing.parquet has no int64 t column")
		return
	}
	x := make([]float64, len(tc.Int64))
	for i, v := range tc.Int64 {
		x[i] = float64(v)
	}
	var series []plots.Series
	for _, c := range [][2]string{{"overlap_t_half", "chains at t and t/2"},
		{"overlap_independent", "independent chains"}} {
		if s, ok := finiteSeries(c[1], x, column(t, c[0])); ok {
			series = append(series, s)
		}
	}
	if len(series) == 0 {
		b.failed(p, "mixing.parquet holds no finite overlap")
		return
	}
	b.figure(p, FigMixingOverlap, "overlaps of Gibbs chains from the data against t",
		func(path string) error {
			return plots.Lines(path, "Mixing: overlaps of chains from the data",
				"Gibbs steps t", "overlap", series, true)
		})
	p.para("The chains have mixed once the overlap of chains at t and t/2 has fallen to " +
		"that of independent chains.")
}
