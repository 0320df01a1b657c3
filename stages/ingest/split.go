package ingest

import (
	"fmt"
	"maps"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/spinfer/spinfer/formats"
)

// splitStream is the PCG stream constant of the train/test split, so that
// the split never shares a stream with other uses of the same seed.
const splitStream = 0x73706c6974 // "split"

// testRows returns the sorted indices of the test part of a split of rows
// rows: round(frac·rows) indices drawn without replacement.
//
// The draw is a Fisher–Yates shuffle of 0…rows−1 driven by
// rand.NewPCG(seed, splitStream), with each bounded integer taken by
// multiply-and-reject (Lemire 2019), whose first round(frac·rows) entries
// form the test part. Spelling the algorithm out here, instead of calling
// rand.Perm, keeps a seed's split the same across Go releases.
func testRows(rows int, frac float64, seed uint64) []int {
	src := rand.NewPCG(seed, splitStream)
	perm := make([]int, rows)
	for i := range perm {
		perm[i] = i
	}
	for i := rows - 1; i > 0; i-- {
		j := uniform(src, uint64(i)+1)
		perm[i], perm[j] = perm[j], perm[i]
	}
	test := perm[:testCount(rows, frac)]
	slices.Sort(test)
	return test
}

func testCount(rows int, frac float64) int {
	return int(math.Round(frac * float64(rows)))
}

// uniform returns an integer uniform on [0, n), n > 0.
func uniform(src *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		floor := -n % n
		for lo < floor {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

// split divides d into a train and a test part, each keeping the original
// order of its rows, and records the split in both parts' metadata.
func split(d *formats.Dataset, name string, frac float64, seed uint64) (
	train, test *formats.Dataset, err error) {
	nTest := testCount(d.Rows, frac)
	if nTest < 1 || nTest > d.Rows-1 {
		return nil, nil, &InputError{File: name, Msg: fmt.Sprintf(
			"a test fraction of %g leaves %d of the %d rows for testing and "+
				"%d for training; each part needs at least one row",
			frac, nTest, d.Rows, d.Rows-nTest)}
	}
	inTest := make([]bool, d.Rows)
	for _, r := range testRows(d.Rows, frac, seed) {
		inTest[r] = true
	}
	train, test = subset(d, inTest, false), subset(d, inTest, true)
	for part, p := range map[string]*formats.Dataset{"train": train, "test": test} {
		p.Meta[KeyPart] = part
		p.Meta[KeyTestFraction] = strconv.FormatFloat(frac, 'g', -1, 64)
		p.Meta[KeySplitSeed] = strconv.FormatUint(seed, 10)
	}
	return train, test, nil
}

// subset returns the rows r of d with inTest[r] == want, in order.
func subset(d *formats.Dataset, inTest []bool, want bool) *formats.Dataset {
	s := &formats.Dataset{Names: d.Names, Basis: d.Basis,
		Meta: maps.Clone(d.Meta)}
	for r, in := range inTest {
		if in == want {
			s.Values = append(s.Values, d.Row(r)...)
			s.Rows++
		}
	}
	return s
}
