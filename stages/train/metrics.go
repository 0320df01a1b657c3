package train

import (
	"fmt"
	"math"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/rbm"
)

// numSingular is how many of W's largest singular values are logged.
const numSingular = 8

// Row is one metrics row. Float fields are NaN when not computed.
type Row struct {
	Update       int
	Epoch        float64
	Seconds      float64
	LearningRate float64
	TrainLL      float64 // mean log-likelihood per sample, training set
	TestLL       float64 // same on the test set
	LLMethod     string  // "exact", "ais" or "none"
	LLSpread     float64 // AIS spread of log Z over repeats (0 when exact)
	PLLTotal     float64 // pseudo-log-likelihood summed over sites, per sample
	PLLPerSite   float64 // PLLTotal / N
	ReconError   float64 // mean squared one-step reconstruction error per site
	GradNormW    float64
	ESS          float64
	Resampled    bool
	SwapRateMin  float64
	SwapRateMean float64
	Singular     [numSingular]float64
}

func (r Row) note() string {
	if !math.IsNaN(r.TrainLL) {
		return fmt.Sprintf("LL %.4f", r.TrainLL)
	}
	if !math.IsNaN(r.PLLPerSite) {
		return fmt.Sprintf("PLL/site %.4f", r.PLLPerSite)
	}
	return ""
}

type metricsLog struct{ rows []Row }

func newMetricsLog() *metricsLog { return &metricsLog{} }

func (m *metricsLog) add(r Row) { m.rows = append(m.rows, r) }

// truncate keeps the rows up to update u (resume from a checkpoint).
func (m *metricsLog) truncate(u int) {
	k := 0
	for k < len(m.rows) && m.rows[k].Update <= u {
		k++
	}
	m.rows = m.rows[:k]
}

func (m *metricsLog) lastLL() (train, test float64) {
	train, test = math.NaN(), math.NaN()
	for _, r := range m.rows {
		if !math.IsNaN(r.TrainLL) {
			train, test = r.TrainLL, r.TestLL
		}
	}
	return train, test
}

// columns lays the rows out as metrics.parquet columns.
func (m *metricsLog) columns() []formats.Column {
	n := len(m.rows)
	ints := func(f func(Row) int64) []int64 {
		out := make([]int64, n)
		for i, r := range m.rows {
			out[i] = f(r)
		}
		return out
	}
	fl := func(f func(Row) float64) []float64 {
		out := make([]float64, n)
		for i, r := range m.rows {
			out[i] = f(r)
		}
		return out
	}
	method := make([]string, n)
	for i, r := range m.rows {
		method[i] = r.LLMethod
	}
	cols := []formats.Column{
		{Name: "update", Int64: ints(func(r Row) int64 { return int64(r.Update) })},
		{Name: "epoch", Float64: fl(func(r Row) float64 { return r.Epoch })},
		{Name: "wall_seconds", Float64: fl(func(r Row) float64 { return r.Seconds })},
		{Name: "learning_rate", Float64: fl(func(r Row) float64 { return r.LearningRate })},
		{Name: "train_loglik", Float64: fl(func(r Row) float64 { return r.TrainLL })},
		{Name: "test_loglik", Float64: fl(func(r Row) float64 { return r.TestLL })},
		{Name: "loglik_method", String: method},
		{Name: "loglik_ais_spread", Float64: fl(func(r Row) float64 { return r.LLSpread })},
		{Name: "pll_total", Float64: fl(func(r Row) float64 { return r.PLLTotal })},
		{Name: "pll_per_site", Float64: fl(func(r Row) float64 { return r.PLLPerSite })},
		{Name: "recon_error", Float64: fl(func(r Row) float64 { return r.ReconError })},
		{Name: "grad_norm_w", Float64: fl(func(r Row) float64 { return r.GradNormW })},
		{Name: "ess", Float64: fl(func(r Row) float64 { return r.ESS })},
		{Name: "resampled", Int64: ints(func(r Row) int64 {
			if r.Resampled {
				return 1
			}
			return 0
		})},
		{Name: "swap_rate_min", Float64: fl(func(r Row) float64 { return r.SwapRateMin })},
		{Name: "swap_rate_mean", Float64: fl(func(r Row) float64 { return r.SwapRateMean })},
	}
	for k := range numSingular {
		cols = append(cols, formats.Column{Name: fmt.Sprintf("singular_%d", k+1),
			Float64: fl(func(r Row) float64 { return r.Singular[k] })})
	}
	return cols
}

// rowsFromTable restores rows from a metrics table written by columns.
func rowsFromTable(t *formats.Table) ([]Row, error) {
	col := func(name string) *formats.Column {
		if c := t.Lookup(name); c != nil {
			return c
		}
		return &formats.Column{}
	}
	get := func(name string) []float64 { return col(name).Float64 }
	upd := col("update").Int64
	if upd == nil {
		return nil, fmt.Errorf("metrics table has no update column")
	}
	rows := make([]Row, len(upd))
	fcols := map[string]*float64{}
	for i := range rows {
		r := &rows[i]
		r.Update = int(upd[i])
		clear(fcols)
		fcols["epoch"], fcols["wall_seconds"], fcols["learning_rate"] = &r.Epoch, &r.Seconds, &r.LearningRate
		fcols["train_loglik"], fcols["test_loglik"] = &r.TrainLL, &r.TestLL
		fcols["loglik_ais_spread"], fcols["recon_error"] = &r.LLSpread, &r.ReconError
		fcols["pll_total"], fcols["pll_per_site"] = &r.PLLTotal, &r.PLLPerSite
		fcols["grad_norm_w"], fcols["ess"] = &r.GradNormW, &r.ESS
		fcols["swap_rate_min"], fcols["swap_rate_mean"] = &r.SwapRateMin, &r.SwapRateMean
		for k := range numSingular {
			fcols[fmt.Sprintf("singular_%d", k+1)] = &r.Singular[k]
		}
		for name, dst := range fcols {
			if c := get(name); c != nil {
				*dst = c[i]
			}
		}
		if m := col("loglik_method").String; m != nil {
			r.LLMethod = m[i]
		}
		if rs := col("resampled").Int64; rs != nil {
			r.Resampled = rs[i] != 0
		}
	}
	return rows, nil
}

// measure computes a metrics row for the update just made.
func (s *session) measure(info rbm.StepInfo) Row {
	nan := math.NaN()
	r := Row{Update: info.Update, Epoch: info.Epoch, Seconds: s.seconds(),
		LearningRate: info.LearningRate, GradNormW: info.GradNormW, ESS: info.ESS,
		Resampled: info.Resampled, TrainLL: nan, TestLL: nan, LLSpread: nan,
		PLLTotal: nan, PLLPerSite: nan, ReconError: nan, SwapRateMin: nan, SwapRateMean: nan,
		LLMethod: "none"}
	if len(info.SwapRates) > 0 {
		r.SwapRateMin, r.SwapRateMean = math.Inf(1), 0
		for _, x := range info.SwapRates {
			r.SwapRateMin = min(r.SwapRateMin, x)
			r.SwapRateMean += x / float64(len(info.SwapRates))
		}
	}
	p := s.tr.Params()
	s.measureLikelihood(p, &r)
	s.measureLocal(p, &r)
	return r
}
