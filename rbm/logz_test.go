package rbm

import (
	"errors"
	"math"
	"runtime"
	"testing"
)

// TestExactLogZAgainstJointSum compares both enumeration routes with the
// sum of exp(−E) over all 2^(N+M) joint states.
func TestExactLogZAgainstJointSum(t *testing.T) {
	shapes := [][2]int{{7, 3}, {3, 7}, {5, 5}}
	for _, vis := range bothVisible() {
		for _, s := range shapes {
			p := randomParams[float64](s[0], s[1], vis, 0.9, 3)
			want := bruteLogZ(p)
			got, err := ExactLogZ(p)
			if err != nil {
				t.Fatal(err)
			}
			byV, byH := visibleEnum(p).logZ(), hiddenEnum(p).logZ()
			for _, x := range []float64{got, byV, byH} {
				if !approx(x, want, 1e-12) {
					t.Errorf("%v N=%d M=%d: log Z %v (by v %v, by h %v), want %v",
						vis, s[0], s[1], got, byV, byH, want)
				}
			}
		}
	}
}

// TestExactLogZManyChunks runs the Gray-code walk over several chunks
// (L = 16 > 12 chunk bits) and checks it against independent per-state
// free energies, at GOMAXPROCS 1 and 2 (results must be identical).
func TestExactLogZManyChunks(t *testing.T) {
	for _, vis := range bothVisible() {
		p := randomParams[float64](20, 16, vis, 0.3, 4)
		fs := make([]float64, 1<<p.M)
		for ih := range fs {
			fs[ih] = -p.HiddenFreeEnergy(config[float64](ih, p.M, false))
		}
		want := logSumExp(fs)
		var got [2]float64
		for k, procs := range []int{1, 2} {
			old := runtime.GOMAXPROCS(procs)
			got[k], _ = ExactLogZ(p)
			runtime.GOMAXPROCS(old)
		}
		if !approx(got[0], want, 1e-11) {
			t.Errorf("%v: log Z = %v, want %v", vis, got[0], want)
		}
		if math.Float64bits(got[0]) != math.Float64bits(got[1]) {
			t.Errorf("%v: GOMAXPROCS 1 gives %v, 2 gives %v", vis, got[0], got[1])
		}
	}
}

// TestZeroWeightLikelihood: with W = 0 the model is independent sites, so
// the log-likelihood is Σ_i log p_i(v_i) computed site by site (1e−10).
func TestZeroWeightLikelihood(t *testing.T) {
	for _, vis := range bothVisible() {
		p := randomParams[float64](9, 4, vis, 0, 5)
		data := []int8{}
		for r := range 50 {
			for i := range p.N {
				data = append(data, int8(unit[float64](uint64((r*7+i*3)%5%2), vis == Ising)))
			}
		}
		want := 0.0
		for k, x := range data {
			b := p.B[k%p.N]
			// log p(v_i) = v_i·b_i − log Σ_v exp(v·b_i)
			want += float64(x)*b - p.visibleLogPartition(b)
		}
		want /= 50
		got, err := ExactLogLikelihood(p, data)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-want) > 1e-10 {
			t.Errorf("%v: ℓ = %.15f, independent sites %.15f", vis, got, want)
		}
	}
}

func TestExactLogZTooLarge(t *testing.T) {
	p := NewParams[float32](30, 25, Binary)
	_, err := ExactLogZ(p)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.N != 30 || tl.M != 25 {
		t.Fatalf("err = %v, want *TooLargeError{30, 25}", err)
	}
}

// TestLogLikelihoodChunks: over 700 rows (three chunks of measureRows) the
// log-likelihood equals −⟨F(v)⟩ − log Z summed row by row (1e−12).
func TestLogLikelihoodChunks(t *testing.T) {
	p := randomParams[float64](11, 4, Ising, 0.5, 8)
	data := randomData(700, 11)
	for k := range data {
		data[k] = 2*data[k] - 1
	}
	logZ, _ := ExactLogZ(p)
	want := 0.0
	for r := range 700 {
		want -= p.FreeEnergy(int8ToFloat[float64](data[r*11 : (r+1)*11]))
	}
	want = want/700 - logZ
	got, err := LogLikelihood(p, data, logZ)
	if err != nil || math.Abs(got-want) > 1e-12 {
		t.Errorf("ℓ = %v (%v), want %v", got, err, want)
	}
}
