package suite

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/spinfer/spinfer/formats"
)

// artifact is the spinfer.artifact value of validation.parquet.
const artifact = "validation"

// field is one column of validation.parquet: exactly one of str, num and
// flt returns the address of its value in a row.
type field struct {
	name string
	str  func(*Row) *string
	num  func(*Row) *int
	flt  func(*Row) *float64
}

// fields lists the columns of validation.parquet in file order.
var fields = []field{
	{name: "case", str: func(r *Row) *string { return &r.Case }},
	{name: "method", str: func(r *Row) *string { return &r.Method }},
	{name: "samples", num: func(r *Row) *int { return &r.Samples }},
	{name: "n", num: func(r *Row) *int { return &r.N }},
	{name: "order", num: func(r *Row) *int { return &r.Order }},
	{name: "delta_j", flt: func(r *Row) *float64 { return &r.DeltaJ }},
	{name: "rmse", flt: func(r *Row) *float64 { return &r.RMSE }},
	{name: "pearson_r", flt: func(r *Row) *float64 { return &r.Pearson }},
	{name: "slope", flt: func(r *Row) *float64 { return &r.Slope }},
	{name: "auc", flt: func(r *Row) *float64 { return &r.AUC }},
	{name: "precision_top_k", flt: func(r *Row) *float64 { return &r.PrecisionTopK }},
	{name: "top_k", num: func(r *Row) *int { return &r.TopK }},
	{name: "mean_j_true_nonzero", flt: func(r *Row) *float64 { return &r.MeanNonZero }},
	{name: "true_mean_j_nonzero", flt: func(r *Row) *float64 { return &r.TrueNonZero }},
	{name: "std_j_true_zero", flt: func(r *Row) *float64 { return &r.StdZero }},
	{name: "fields_rmse", flt: func(r *Row) *float64 { return &r.FieldsRMSE }},
	{name: "method_seconds", flt: func(r *Row) *float64 { return &r.MethodSeconds }},
	{name: "generate_seconds", flt: func(r *Row) *float64 { return &r.GenerateSeconds }},
	{name: "note", str: func(r *Row) *string { return &r.Note }},
}

// columns returns rows as the columns of validation.parquet.
func columns(rows []Row) []formats.Column {
	cols := make([]formats.Column, len(fields))
	for j, f := range fields {
		c := formats.Column{Name: f.name}
		switch {
		case f.str != nil:
			c.String = make([]string, len(rows))
		case f.num != nil:
			c.Int64 = make([]int64, len(rows))
		default:
			c.Float64 = make([]float64, len(rows))
		}
		for i := range rows {
			switch {
			case f.str != nil:
				c.String[i] = *f.str(&rows[i])
			case f.num != nil:
				c.Int64[i] = int64(*f.num(&rows[i]))
			default:
				c.Float64[i] = *f.flt(&rows[i])
			}
		}
		cols[j] = c
	}
	return cols
}

// writeParquet writes rows to path with the suite's settings as metadata:
// spinfer.validation_mode, spinfer.validation_training (JSON) and, when
// some cases have their own, spinfer.validation_case_training (JSON
// object keyed by case name).
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
	if own := caseTraining(s); len(own) > 0 {
		b, err := json.Marshal(own)
		if err != nil {
			return fmt.Errorf("validate: %w", err)
		}
		meta["spinfer.validation_case_training"] = string(b)
	}
	if err := formats.WriteTable(path, artifact, columns(rows), meta, true); err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	return nil
}

// caseTraining returns the settings of the cases that have their own.
func caseTraining(s Suite) map[string]Training {
	own := map[string]Training{}
	for _, c := range s.Cases {
		if c.Training != nil {
			own[c.Name] = *c.Training
		}
	}
	return own
}

// markdown renders rows as a Markdown table, one line per case, method
// and order; NaN prints as "–".
func markdown(rows []Row) string {
	var b strings.Builder
	b.WriteString("| case | method | order | Δ_J | r | slope | AUC | prec@K (K) | " +
		"⟨J⟩ on true bonds (true) | std J on true zeros | fields RMSE | time s |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %s (%d) | %s (%s) | %s | %s "+
			"| %.0f |\n", r.Case, r.Method, r.Order, f3(r.DeltaJ), f3(r.Pearson),
			f3(r.Slope), f3(r.AUC), f3(r.PrecisionTopK), r.TopK, f3(r.MeanNonZero),
			f3(r.TrueNonZero), f4(r.StdZero), f3(r.FieldsRMSE), r.MethodSeconds)
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

// f4 formats x with four decimals, or "–" when it is not finite.
func f4(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return fmt.Sprintf("%.4f", x)
}

// readRows reads the rows of a validation.parquet written by writeParquet.
func readRows(path string) ([]Row, error) {
	t, err := formats.ReadTable(path)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	if t.Artifact != artifact {
		return nil, fmt.Errorf("validate: %s: artifact %q, want %q", path, t.Artifact, artifact)
	}
	rows := make([]Row, t.Rows)
	for _, f := range fields {
		c := t.Lookup(f.name)
		ok := c != nil && (f.str == nil || c.String != nil) &&
			(f.num == nil || c.Int64 != nil) && (f.flt == nil || c.Float64 != nil)
		if !ok {
			return nil, fmt.Errorf("validate: %s: column %q missing or of another type",
				path, f.name)
		}
		for i := range rows {
			switch {
			case f.str != nil:
				*f.str(&rows[i]) = c.String[i]
			case f.num != nil:
				*f.num(&rows[i]) = int(c.Int64[i])
			default:
				*f.flt(&rows[i]) = c.Float64[i]
			}
		}
	}
	return rows, nil
}
