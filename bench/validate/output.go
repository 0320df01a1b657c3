package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/spinfer/spinfer/formats"
)

// artifact is the spinfer.artifact value of validation.parquet.
const artifact = "validation"

// columns returns rows as the columns of validation.parquet.
func columns(rows []Row) []formats.Column {
	str := func(name string, f func(Row) string) formats.Column {
		c := formats.Column{Name: name, String: make([]string, len(rows))}
		for i, r := range rows {
			c.String[i] = f(r)
		}
		return c
	}
	num := func(name string, f func(Row) int) formats.Column {
		c := formats.Column{Name: name, Int64: make([]int64, len(rows))}
		for i, r := range rows {
			c.Int64[i] = int64(f(r))
		}
		return c
	}
	flt := func(name string, f func(Row) float64) formats.Column {
		c := formats.Column{Name: name, Float64: make([]float64, len(rows))}
		for i, r := range rows {
			c.Float64[i] = f(r)
		}
		return c
	}
	return []formats.Column{
		str("case", func(r Row) string { return r.Case }),
		str("method", func(r Row) string { return r.Method }),
		num("samples", func(r Row) int { return r.Samples }),
		num("n", func(r Row) int { return r.N }),
		num("order", func(r Row) int { return r.Order }),
		flt("delta_j", func(r Row) float64 { return r.DeltaJ }),
		flt("rmse", func(r Row) float64 { return r.RMSE }),
		flt("pearson_r", func(r Row) float64 { return r.Pearson }),
		flt("auc", func(r Row) float64 { return r.AUC }),
		flt("precision_top_k", func(r Row) float64 { return r.PrecisionTopK }),
		num("top_k", func(r Row) int { return r.TopK }),
		flt("mean_j_true_nonzero", func(r Row) float64 { return r.MeanNonZero }),
		flt("true_mean_j_nonzero", func(r Row) float64 { return r.TrueNonZero }),
		flt("std_j_true_zero", func(r Row) float64 { return r.StdZero }),
		flt("fields_rmse", func(r Row) float64 { return r.FieldsRMSE }),
		flt("method_seconds", func(r Row) float64 { return r.MethodSeconds }),
		flt("generate_seconds", func(r Row) float64 { return r.GenerateSeconds }),
		str("note", func(r Row) string { return r.Note }),
	}
}

// writeParquet writes rows to path with the suite's settings as metadata
// (spinfer.validation_mode, spinfer.validation_training as JSON).
func writeParquet(path string, s Suite, rows []Row) error {
	if len(rows) == 0 {
		return fmt.Errorf("validate: no rows to write")
	}
	t, err := json.Marshal(s.Training)
	if err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	meta := map[string]string{
		"spinfer.validation_mode":     s.Mode,
		"spinfer.validation_training": string(t),
	}
	if err := formats.WriteTable(path, artifact, columns(rows), meta, true); err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	return nil
}

// markdown renders rows as a Markdown table, one line per case, method
// and order; NaN prints as "–".
func markdown(rows []Row) string {
	var b strings.Builder
	b.WriteString("| case | method | order | Δ_J | r | AUC | prec@K (K) | " +
		"⟨J⟩ on true bonds (true) | fields RMSE | time s |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s (%d) | %s (%s) | %s | %.0f |\n",
			r.Case, r.Method, r.Order, f3(r.DeltaJ), f3(r.Pearson), f3(r.AUC),
			f3(r.PrecisionTopK), r.TopK, f3(r.MeanNonZero), f3(r.TrueNonZero),
			f3(r.FieldsRMSE), r.MethodSeconds)
	}
	return b.String()
}

// f3 formats x with three decimals, or "–" when it is not finite.
func f3(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return fmt.Sprintf("%.3f", x)
}
