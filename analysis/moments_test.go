package analysis

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// Moments counted on packed bits must equal the textbook centred averages
// computed in floating point. Both are exact up to rounding: tolerance
// 1e-12 absolute on values of order 1.
func TestMomentsMatchNaive(t *testing.T) {
	const tol = 1e-12
	for _, tc := range []struct {
		rows, n int
		binary  bool
	}{
		{1, 3, false}, {63, 5, false}, {64, 7, true}, {65, 9, false}, {300, 13, true},
	} {
		s := randomSpins(uint64(tc.rows*100+tc.n), tc.rows, tc.n, tc.binary)
		m, err := Means(s, 0)
		mustNoErr(t, err)
		for i := range tc.n {
			if d := math.Abs(m[i] - naiveMean(s, i)); d > tol {
				t.Errorf("%+v: mean %d off by %g", tc, i, d)
			}
		}
		c2, err := ConnectedPairs(s, 0)
		mustNoErr(t, err)
		for i := range tc.n {
			for j := i + 1; j < tc.n; j++ {
				want := naiveConnected(s, i, j)
				if d := math.Abs(c2[PairIndex(tc.n, i, j)] - want); d > tol {
					t.Errorf("%+v: C_%d,%d off by %g", tc, i, j, d)
				}
			}
		}
		ts := AllTriplets(tc.n)
		c3, err := ConnectedTriplets(s, ts, 0)
		mustNoErr(t, err)
		for k, ijk := range ts {
			want := naiveConnected(s, int(ijk[0]), int(ijk[1]), int(ijk[2]))
			if d := math.Abs(c3[k] - want); d > tol {
				t.Errorf("%+v: C_%v off by %g", tc, ijk, d)
			}
		}
	}
}

// The same configurations in the 0/1 basis give the same Ising statistics,
// bit for bit (both are counted as integers).
func TestMomentsBasisInvariant(t *testing.T) {
	s := randomSpins(7, 200, 11, false)
	b := toBinary(s)
	cs, err := CompareMoments(s, b, MomentConfig{})
	mustNoErr(t, err)
	if !slices.Equal(cs.DataMeans, cs.SampleMeans) ||
		!slices.Equal(cs.DataPairs, cs.SamplePairs) ||
		!slices.Equal(cs.DataTriplets, cs.SampleTriplets) {
		t.Fatal("binary and Ising copies of the same data give different moments")
	}
	for _, a := range []Agreement{cs.One, cs.Two, cs.Three} {
		if a.Pearson != 1 || a.RMSE != 0 || math.Abs(a.Slope-1) > 1e-12 {
			t.Errorf("identical inputs: %+v, want r = 1, RMSE = 0, slope = 1", a)
		}
	}
}

// Results are the same for any number of workers.
func TestMomentsWorkersIndependent(t *testing.T) {
	d := randomSpins(1, 500, 40, false)
	s := randomSpins(2, 300, 40, true)
	var ref *MomentComparison
	for _, w := range []int{1, 2, 3, 8} {
		cfg := MomentConfig{AllTripletsMaxN: 10, Triplets: 5000, Seed: 9, Workers: w}
		got, err := CompareMoments(d, s, cfg)
		mustNoErr(t, err)
		if ref == nil {
			ref = got
			continue
		}
		if !slices.Equal(got.DataPairs, ref.DataPairs) ||
			!slices.Equal(got.SampleTriplets, ref.SampleTriplets) ||
			got.Three != ref.Three {
			t.Fatalf("workers = %d changes the result", w)
		}
	}
	if ref.AllTriplets || len(ref.Triplets) != 5000 {
		t.Errorf("N = 40 > 10: got all = %v, %d triplets; want a subset of 5000",
			ref.AllTriplets, len(ref.Triplets))
	}
}

func TestPairIndex(t *testing.T) {
	for _, n := range []int{2, 3, 10} {
		k := 0
		for i := range n {
			for j := i + 1; j < n; j++ {
				if got := PairIndex(n, i, j); got != k {
					t.Fatalf("PairIndex(%d, %d, %d) = %d, want %d", n, i, j, got, k)
				}
				k++
			}
		}
		if k != PairCount(n) {
			t.Fatalf("PairCount(%d) = %d, want %d", n, PairCount(n), k)
		}
	}
}

func TestRandomTriplets(t *testing.T) {
	for _, tc := range []struct{ n, count int }{{30, 100}, {30, 3000}, {12, 220}, {12, 500}} {
		a := RandomTriplets(tc.n, tc.count, 5)
		want := min(tc.count, TripletCount(tc.n))
		if len(a) != want {
			t.Fatalf("%+v: %d triplets, want %d", tc, len(a), want)
		}
		if !slices.IsSortedFunc(a, compareTriplets) {
			t.Fatalf("%+v: not sorted", tc)
		}
		for k, ijk := range a {
			if !(0 <= ijk[0] && ijk[0] < ijk[1] && ijk[1] < ijk[2] && int(ijk[2]) < tc.n) {
				t.Fatalf("%+v: bad triplet %v", tc, ijk)
			}
			if k > 0 && a[k-1] == ijk {
				t.Fatalf("%+v: duplicate %v", tc, ijk)
			}
		}
		if !slices.Equal(a, RandomTriplets(tc.n, tc.count, 5)) {
			t.Fatalf("%+v: same seed, different triplets", tc)
		}
	}
	if slices.Equal(RandomTriplets(30, 100, 5), RandomTriplets(30, 100, 6)) {
		t.Error("seeds 5 and 6 give the same triplets")
	}
}

func TestMomentsBadInput(t *testing.T) {
	good := randomSpins(1, 10, 4, false)
	for name, s := range map[string]Spins{
		"alphabet": {Values: []int8{1, -1, 0, 1}, Rows: 2, N: 2},
		"binary":   {Values: []int8{1, -1, 0, 1}, Rows: 2, N: 2, Binary: true},
		"length":   {Values: []int8{1, -1, 1}, Rows: 2, N: 2},
		"empty":    {},
	} {
		if _, err := CompareMoments(good, s, MomentConfig{}); !errors.Is(err, ErrInput) {
			t.Errorf("%s: err = %v, want ErrInput", name, err)
		}
	}
	other := randomSpins(1, 10, 5, false)
	if _, err := CompareMoments(good, other, MomentConfig{}); !errors.Is(err, ErrInput) {
		t.Errorf("different N: err = %v, want ErrInput", err)
	}
	_, err := ConnectedTriplets(good, [][3]int32{{0, 1, 4}}, 0)
	if !errors.Is(err, ErrInput) {
		t.Errorf("site out of range: err = %v, want ErrInput", err)
	}
	err = MomentConfig{AllTripletsMaxN: 2, Triplets: -1, Workers: -1}.Validate()
	if err == nil {
		t.Fatal("bad config accepted")
	}
	for _, f := range []string{"AllTripletsMaxN", "Triplets", "Workers"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("config error %q does not name %s", err, f)
		}
	}
}
