package report

import (
	"math"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// A run trained with --likelihood none has only NaN log-likelihoods, and
// evaluate's figure then shows the pseudo-log-likelihood: the caption says so.
func TestLogLikCaption(t *testing.T) {
	nan := math.NaN()
	none := &formats.Table{Rows: 2, Columns: []formats.Column{
		{Name: "train_loglik", Float64: []float64{nan, nan}},
		{Name: "test_loglik", Float64: []float64{nan, nan}},
		{Name: "pll_per_site", Float64: []float64{-0.6, -0.5}}}}
	if c := logLikCaption(none); !strings.HasPrefix(c, "pseudo-log-likelihood") {
		t.Errorf("no log-likelihood measured, caption %q", c)
	}
	some := &formats.Table{Rows: 2, Columns: []formats.Column{
		{Name: "train_loglik", Float64: []float64{nan, -40}}}}
	if c := logLikCaption(some); !strings.HasPrefix(c, "log-likelihood") {
		t.Errorf("log-likelihood measured, caption %q", c)
	}
}
