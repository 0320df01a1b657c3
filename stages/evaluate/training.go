package evaluate

import (
	"fmt"
	"math"

	"github.com/spinfer/spinfer/formats"
)

// TrainingReport summarises the training log (metrics.parquet): its last
// row, and the last row where a log-likelihood was measured. Values the
// log does not hold are null.
type TrainingReport struct {
	Metrics string `json:"metrics"`
	Rows    int    `json:"rows"`
	// LastUpdate, Epochs and WallSeconds describe the last row, with the
	// pseudo-log-likelihood per site and reconstruction error measured
	// there.
	LastUpdate  int64  `json:"last_update"`
	Epochs      Number `json:"epochs"`
	WallSeconds Number `json:"wall_seconds"`
	PLLPerSite  Number `json:"pll_per_site"`
	ReconError  Number `json:"recon_error"`
	// LLUpdate is the last update with a training log-likelihood (−1 when
	// none), with TrainLL, TestLL, LLMethod and the AIS spread LLSpread.
	LLUpdate int64  `json:"loglik_update"`
	TrainLL  Number `json:"train_loglik"`
	TestLL   Number `json:"test_loglik"`
	LLMethod string `json:"loglik_method,omitempty"`
	LLSpread Number `json:"loglik_ais_spread"`
}

// numSingular is the number of singular-value columns in the log.
const numSingular = 8

// trainingPart is the outcome of reading the training log.
type trainingPart struct {
	report *TrainingReport
	table  *formats.Table
	update []float64
}

// column returns the named column as float64 values (integers
// converted), or nil when the table has no such numeric column.
func column(t *formats.Table, name string) []float64 {
	c := t.Lookup(name)
	switch {
	case c == nil:
		return nil
	case c.Float64 != nil:
		return c.Float64
	case c.Int64 != nil:
		out := make([]float64, len(c.Int64))
		for i, v := range c.Int64 {
			out[i] = float64(v)
		}
		return out
	}
	return nil
}

// at returns xs[i], NaN when xs is nil.
func at(xs []float64, i int) Number {
	if xs == nil || i < 0 || i >= len(xs) {
		return nan
	}
	return Number(xs[i])
}

// readTraining summarises metrics.parquet.
func readTraining(path string) (*trainingPart, error) {
	t, err := formats.ReadTable(path)
	if err != nil {
		return nil, wrapErr("metrics", err)
	}
	upd := column(t, "update")
	if upd == nil {
		return nil, wrapErr("metrics", fmt.Errorf("%s has no update column (%w)", path,
			formats.ErrFormat))
	}
	last := t.Rows - 1
	r := &TrainingReport{Rows: t.Rows, LastUpdate: -1, LLUpdate: -1,
		Epochs: at(column(t, "epoch"), last), WallSeconds: at(column(t, "wall_seconds"), last),
		PLLPerSite: at(column(t, "pll_per_site"), last),
		ReconError: at(column(t, "recon_error"), last),
		TrainLL:    nan, TestLL: nan, LLSpread: nan}
	if last >= 0 {
		r.LastUpdate = int64(upd[last])
	}
	train := column(t, "train_loglik")
	for i := last; i >= 0 && train != nil; i-- {
		if math.IsNaN(train[i]) {
			continue
		}
		r.LLUpdate = int64(upd[i])
		r.TrainLL, r.TestLL = Number(train[i]), at(column(t, "test_loglik"), i)
		r.LLSpread = at(column(t, "loglik_ais_spread"), i)
		if c := t.Lookup("loglik_method"); c != nil && c.String != nil {
			r.LLMethod = c.String[i]
		}
		break
	}
	return &trainingPart{report: r, table: t, update: upd}, nil
}
