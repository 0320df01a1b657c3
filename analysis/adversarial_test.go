package analysis

import (
	"errors"
	"testing"
)

// Hand case, N = 3 in the 0/1 basis: T = {000, 011}, S = {110, 101}. All
// six Hamming distances are 2, so every comparison ties: AA = ½ with ties
// counted ½, 0 with the strict inequality.
func TestAdversarialHandTies(t *testing.T) {
	T := Spins{Values: []int8{0, 0, 0, 0, 1, 1}, Rows: 2, N: 3, Binary: true}
	S := Spins{Values: []int8{1, 1, 0, 1, 0, 1}, Rows: 2, N: 3, Binary: true}
	a, err := AdversarialAccuracy(T, S, AAConfig{})
	mustNoErr(t, err)
	want := Adversarial{N: 2, AA: .5, True: .5, Synth: .5, Strict: 0, Ties: 1}
	if *a != want {
		t.Errorf("got %+v, want %+v", *a, want)
	}
	// T = {000, 001}, S = {111, 110}: own-set neighbours at 1, the other
	// set at 2 — every configuration is told apart: AA = 1.
	S2 := Spins{Values: []int8{1, 1, 1, 1, 1, 0}, Rows: 2, N: 3, Binary: true}
	T2 := Spins{Values: []int8{0, 0, 0, 0, 0, 1}, Rows: 2, N: 3, Binary: true}
	a, err = AdversarialAccuracy(T2, S2, AAConfig{})
	mustNoErr(t, err)
	if a.AA != 1 || a.Strict != 1 || a.Ties != 0 {
		t.Errorf("separated sets: %+v, want AA = Strict = 1", *a)
	}
}

// With the whole sets used, the result equals a direct computation from
// int8 rows, for any worker count.
func TestAdversarialMatchesNaive(t *testing.T) {
	T := randomSpins(31, 150, 70, false)
	S := randomSpins(32, 120, 70, true)
	// T is subsampled (150 → 120): compare on the same rows.
	want := naiveAA(pick(T, subsample(T.Rows, 120, 3, streamAAData)), S, 120)
	for _, w := range []int{1, 2, 5} {
		got, err := AdversarialAccuracy(T, S, AAConfig{Subsample: 1000, Seed: 3, Workers: w})
		mustNoErr(t, err)
		if got.N != 120 {
			t.Fatalf("subsample %d, want 120 (the smaller set)", got.N)
		}
		if *got != want {
			t.Fatalf("workers %d: got %+v, want %+v", w, *got, want)
		}
	}
}

// Two halves of one i.i.d. sample are indistinguishable: AA within 0.05 of
// ½ (the standard deviation of each of the two means of 1000 indicators is
// at most 0.016). Samples that copy the data give AA ≈ 0 (every sample
// has a twin in the data); samples drawn independently of the strongly
// clustered data are told apart: AA > 0.95.
func TestAdversarialRegimes(t *testing.T) {
	all := randomSpins(41, 4000, 40, false)
	half := func(lo int) Spins {
		return Spins{Values: all.Values[lo*40 : (lo+2000)*40], Rows: 2000, N: 40}
	}
	cfg := AAConfig{Subsample: 1000, Seed: 8}
	a, err := AdversarialAccuracy(half(0), half(2000), cfg)
	mustNoErr(t, err)
	if a.AA < 0.45 || a.AA > 0.55 {
		t.Errorf("i.i.d. halves: AA = %v, want 0.5 ± 0.05 (%+v)", a.AA, *a)
	}
	t.Logf("i.i.d. halves: %+v", *a)
	T := half(0)
	a, err = AdversarialAccuracy(T, T, AAConfig{Subsample: T.Rows})
	mustNoErr(t, err)
	if a.AA > 0.1 {
		t.Errorf("copies: AA = %v, want ≈ 0", a.AA)
	}
	cluster, uniform := twoClusters(42, 1000, 40), uniformSpins(43, 1000, 40)
	a, err = AdversarialAccuracy(cluster, uniform, cfg)
	mustNoErr(t, err)
	if a.AA < 0.95 {
		t.Errorf("clustered vs uniform: AA = %v, want > 0.95", a.AA)
	}
}

func TestAdversarialBadInput(t *testing.T) {
	s := randomSpins(1, 5, 4, false)
	one := Spins{Values: []int8{1, 1, 1, 1}, Rows: 1, N: 4}
	if _, err := AdversarialAccuracy(s, one, AAConfig{}); !errors.Is(err, ErrInput) {
		t.Errorf("one sample: err = %v", err)
	}
	if _, err := AdversarialAccuracy(s, s, AAConfig{Subsample: 1}); !errors.Is(err, ErrInput) {
		t.Errorf("subsample 1: err = %v", err)
	}
}

// naiveAA computes the accuracies by direct Hamming distances on int8
// values, using the first n rows of each set.
func naiveAA(T, S Spins, n int) Adversarial {
	dist := func(a Spins, i int, b Spins, j int) int {
		d := 0
		for k := range a.N {
			if spin(a, i, k) != spin(b, j, k) {
				d++
			}
		}
		return d
	}
	side := func(X, Y Spins) (wins, ties int) {
		for i := range n {
			dxx, dxy := 1<<30, 1<<30
			for j := range n {
				if j != i {
					dxx = min(dxx, dist(X, i, X, j))
				}
				dxy = min(dxy, dist(X, i, Y, j))
			}
			if dxy > dxx {
				wins++
			} else if dxy == dxx {
				ties++
			}
		}
		return wins, ties
	}
	wt, tt := side(T, S)
	ws, ts := side(S, T)
	fn := float64(n)
	a := Adversarial{N: n, True: (float64(wt) + float64(tt)/2) / fn,
		Synth: (float64(ws) + float64(ts)/2) / fn}
	a.AA = (a.True + a.Synth) / 2
	a.Strict = float64(wt+ws) / (2 * fn)
	a.Ties = float64(tt+ts) / (2 * fn)
	return a
}

// pick returns the rows idx of s, in that order.
func pick(s Spins, idx []int) Spins {
	v := make([]int8, 0, len(idx)*s.N)
	for _, r := range idx {
		v = append(v, s.Values[r*s.N:(r+1)*s.N]...)
	}
	return Spins{Values: v, Rows: len(idx), N: s.N, Binary: s.Binary}
}

// twoClusters draws rows that copy a random sign z = ±1 at every site,
// each spin flipped with probability 0.05.
func twoClusters(seed uint64, rows, n int) Spins {
	rng := newTestRand(seed)
	v := make([]int8, rows*n)
	for r := range rows {
		z := int8(1 - 2*rng.IntN(2))
		for i := range n {
			v[r*n+i] = z
			if rng.Float64() < 0.05 {
				v[r*n+i] = -z
			}
		}
	}
	return Spins{Values: v, Rows: rows, N: n}
}

// uniformSpins draws independent uniform ±1 spins.
func uniformSpins(seed uint64, rows, n int) Spins {
	rng := newTestRand(seed)
	v := make([]int8, rows*n)
	for k := range v {
		v[k] = int8(1 - 2*int(rng.Uint64()&1))
	}
	return Spins{Values: v, Rows: rows, N: n}
}
