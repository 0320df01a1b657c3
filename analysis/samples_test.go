package analysis

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// CompareSamples gives the same report for any worker count (a fixed
// seed), and data compared with itself agree perfectly on every moment.
func TestCompareSamplesDeterministic(t *testing.T) {
	d := randomSpins(51, 600, 25, false)
	s := randomSpins(52, 400, 25, true)
	cfg := SampleConfig{AllTripletsMaxN: 20, Triplets: 700, AASubsample: 300, Seed: 4}
	var ref *SampleReport
	for _, w := range []int{1, 2, 4} {
		cfg.Workers = w
		r, err := CompareSamples(d, s, cfg)
		mustNoErr(t, err)
		if ref != nil && !reflect.DeepEqual(r, ref) {
			t.Fatalf("workers %d changes the report", w)
		}
		ref = r
	}
	if ref.Adversarial.N != 300 || len(ref.Moments.Triplets) != 700 ||
		len(ref.Magnetisation.Data) != 26 || ref.PCA.PCA.K != DefaultComponents {
		t.Errorf("settings not applied: AA n %d, %d triplets, %d bins, %d components",
			ref.Adversarial.N, len(ref.Moments.Triplets), len(ref.Magnetisation.Data),
			ref.PCA.PCA.K)
	}
	self, err := CompareSamples(d, d, SampleConfig{})
	mustNoErr(t, err)
	for _, a := range []Agreement{self.Moments.One, self.Moments.Two, self.Moments.Three} {
		if a.Pearson != 1 || a.RMSE != 0 {
			t.Errorf("data against itself: %+v", a)
		}
	}
	if self.Magnetisation.TV != 0 || self.Magnetisation.KS != 0 {
		t.Errorf("data against itself: TV %v KS %v", self.Magnetisation.TV, self.Magnetisation.KS)
	}
}

// Validate names every bad field at once.
func TestSampleConfigValidate(t *testing.T) {
	if err := (SampleConfig{}).Validate(); err != nil {
		t.Fatalf("zero config: %v", err)
	}
	err := SampleConfig{AllTripletsMaxN: 1, Triplets: -1, HistogramBins: -2, Components: -1,
		AASubsample: 1, Workers: -1}.Validate()
	if !errors.Is(err, ErrInput) {
		t.Fatalf("err = %v, want ErrInput", err)
	}
	for _, f := range []string{"AllTripletsMaxN", "Triplets", "HistogramBins", "Components",
		"Subsample", "Workers"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not name %s", err, f)
		}
	}
}
