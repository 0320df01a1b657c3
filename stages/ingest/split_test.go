package ingest

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

func TestTestRowsReproducible(t *testing.T) {
	a := testRows(1000, 0.2, 7)
	if len(a) != 200 || !slices.IsSorted(a) {
		t.Fatalf("%d rows, sorted %v", len(a), slices.IsSorted(a))
	}
	if !slices.Equal(a, testRows(1000, 0.2, 7)) {
		t.Error("same seed, different split")
	}
	if slices.Equal(a, testRows(1000, 0.2, 8)) {
		t.Error("different seeds, same split")
	}
	// Regression value: the split of seed 1 printed by this implementation
	// when it was written; it must not change, or old runs cannot be
	// reproduced.
	if got := testRows(10, 0.3, 1); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("testRows(10, 0.3, 1) = %v, want [1 2 3]", got)
	}
}

// TestTestRowsUniform checks that every row lands in the test part with
// probability F: over 20000 seeds each frequency is within 6 binomial
// standard deviations (sd = sqrt(0.3·0.7/20000) ≈ 0.0032) of 0.3.
func TestTestRowsUniform(t *testing.T) {
	const seeds, rows, f = 20000, 10, 0.3
	var count [rows]int
	for s := range uint64(seeds) {
		for _, r := range testRows(rows, f, s) {
			count[r]++
		}
	}
	sd := math.Sqrt(f * (1 - f) / seeds)
	for r, c := range count {
		if p := float64(c) / seeds; math.Abs(p-f) > 6*sd {
			t.Errorf("row %d in the test part with frequency %.4f, want %.1f±%.4f",
				r, p, f, 6*sd)
		}
	}
}

// TestUniform checks the bounded draw against its definition on a small
// range: 60000 draws on [0,6) are within 6 sd of 10000 each.
func TestUniform(t *testing.T) {
	src := rand.NewPCG(3, 4)
	var c [6]int
	for range 60000 {
		c[uniform(src, 6)]++
	}
	sd := math.Sqrt(60000 * (1. / 6) * (5. / 6))
	for k, n := range c {
		if math.Abs(float64(n)-10000) > 6*sd {
			t.Errorf("value %d drawn %d times, want 10000±%.0f", k, n, 6*sd)
		}
	}
}

func TestSplit(t *testing.T) {
	d := &formats.Dataset{Names: []string{"a", "b"}, Basis: formats.Binary,
		Rows: 5, Values: []int8{0, 0, 0, 1, 1, 0, 1, 1, 0, 0},
		Meta: map[string]string{"k": "v"}}
	train, test, err := split(d, "d.txt", 0.4, 11)
	if err != nil {
		t.Fatal(err)
	}
	if train.Rows != 3 || test.Rows != 2 {
		t.Fatalf("rows %d + %d, want 3 + 2", train.Rows, test.Rows)
	}
	// the parts are the rows of d in their original order
	idx := testRows(5, 0.4, 11)
	var wantTest, wantTrain []int8
	for r := range 5 {
		if slices.Contains(idx, r) {
			wantTest = append(wantTest, d.Row(r)...)
		} else {
			wantTrain = append(wantTrain, d.Row(r)...)
		}
	}
	if !slices.Equal(test.Values, wantTest) || !slices.Equal(train.Values, wantTrain) {
		t.Errorf("train %v test %v, want %v %v", train.Values, test.Values,
			wantTrain, wantTest)
	}
	for _, c := range []struct {
		d    *formats.Dataset
		part string
	}{{train, "train"}, {test, "test"}} {
		m := c.d.Meta
		if m[KeyPart] != c.part || m[KeyTestFraction] != "0.4" ||
			m[KeySplitSeed] != "11" || m["k"] != "v" {
			t.Errorf("%s meta %v", c.part, m)
		}
	}
	if _, ok := d.Meta[KeyPart]; ok {
		t.Error("split changed the metadata of the whole dataset")
	}
	_, _, err = split(d, "d.txt", 0.05, 1)
	wantInputError(t, err, "d.txt: a test fraction of 0.05 leaves 0 of the 5 "+
		"rows for testing and 5 for training; each part needs at least one row")
	_, _, err = split(d, "d.txt", 0.95, 1)
	wantInputError(t, err, "d.txt: a test fraction of 0.95 leaves 5 of the 5 "+
		"rows for testing and 0 for training; each part needs at least one row")
}
