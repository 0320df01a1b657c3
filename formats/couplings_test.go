package formats

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// sampleCouplings has N = 5 variables, fields, pairs and quadruplets but
// no triplets (not computed), and an empty order that was computed.
func sampleCouplings() *Couplings {
	return &Couplings{
		Names:  []string{"a", "b", "c", "d", "e"},
		Fields: []float64{0.1, -0.2, 0, 0.3, -1e-9},
		Orders: map[int][]Term{
			2: {{Sites: [4]int32{0, 1}, Value: 0.44}, {Sites: [4]int32{3, 4}, Value: -0.25},
				{Sites: [4]int32{1, 4}, Value: 1e-3}},
			4: {{Sites: [4]int32{0, 1, 2, 4}, Value: -0.0125}},
		},
		Meta: map[string]string{"spinfer.method": "gaussian", "spinfer.model": "run/model"},
	}
}

func TestCouplingsRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "couplings")
	c := sampleCouplings()
	if err := WriteCouplings(dir, c, false); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]bool{FieldsFile: true, PairsFile: true,
		TripletsFile: false, QuadrupletsFile: true} {
		if _, err := os.Stat(filepath.Join(dir, file)); (err == nil) != want {
			t.Errorf("%s present = %v, want %v", file, err == nil, want)
		}
	}
	got, err := ReadCouplings(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertCouplingsEqual(t, got, c)
	if _, ok := got.Orders[3]; ok {
		t.Error("triplets appeared")
	}
}

func assertCouplingsEqual(t *testing.T, got, want *Couplings) {
	t.Helper()
	if !slices.Equal(got.Names, want.Names) || !slices.Equal(got.Fields, want.Fields) {
		t.Fatalf("names/fields %v %v, want %v %v", got.Names, got.Fields, want.Names, want.Fields)
	}
	for k, terms := range want.Orders {
		if !slices.Equal(got.Orders[k], terms) {
			t.Fatalf("order %d: %v, want %v", k, got.Orders[k], terms)
		}
	}
	if len(got.Orders) != len(want.Orders) {
		t.Fatalf("orders %v, want %v", got.Orders, want.Orders)
	}
	for k, v := range want.Meta {
		if got.Meta[k] != v {
			t.Fatalf("meta %s = %q, want %q", k, got.Meta[k], v)
		}
	}
	if len(got.Meta) != len(want.Meta) {
		t.Fatalf("meta %v, want %v", got.Meta, want.Meta)
	}
}

func TestCouplingsWithoutFields(t *testing.T) {
	// Names come from the metadata when fields.parquet is absent; an
	// empty computed order writes a file with no rows, a nil one none.
	c := sampleCouplings()
	c.Fields = nil
	c.Orders[3] = []Term{}
	c.Orders[4] = nil
	dir := filepath.Join(t.TempDir(), "truth")
	if err := WriteCouplings(dir, c, false); err != nil {
		t.Fatal(err)
	}
	got, err := ReadCouplings(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Fields != nil || got.Orders[3] == nil || len(got.Orders[3]) != 0 {
		t.Fatalf("fields %v, triplets %v", got.Fields, got.Orders[3])
	}
	if _, err := os.Stat(filepath.Join(dir, QuadrupletsFile)); err == nil {
		t.Fatal("a nil order wrote a file")
	}
	delete(c.Orders, 4)
	assertCouplingsEqual(t, got, c)
}

func TestCouplingsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(c *Couplings)
		want string
	}{
		{"not increasing", func(c *Couplings) { c.Orders[2][0].Sites = [4]int32{1, 0} },
			"order 2 term 0: sites [1 0] are not strictly increasing"},
		{"equal sites", func(c *Couplings) { c.Orders[4][0].Sites = [4]int32{0, 1, 1, 2} },
			"not strictly increasing"},
		{"range", func(c *Couplings) { c.Orders[2][1].Sites = [4]int32{3, 5} },
			"site 5 is out of range [0, 5)"},
		{"negative", func(c *Couplings) { c.Orders[2][1].Sites = [4]int32{-1, 2} },
			"site -1 is out of range"},
		{"duplicate", func(c *Couplings) { c.Orders[2][2].Sites = [4]int32{0, 1} },
			"order 2 terms 0 and 2 both have sites [0 1]"},
		{"order", func(c *Couplings) { c.Orders[5] = nil }, "order 5 is not 2, 3 or 4"},
		{"fields", func(c *Couplings) { c.Fields = c.Fields[:4] }, "4 fields for 5 variables"},
		{"nothing", func(c *Couplings) { c.Fields, c.Orders = nil, nil }, "nothing to write"},
		{"only nil orders", func(c *Couplings) {
			c.Fields, c.Orders = nil, map[int][]Term{2: nil, 3: nil}
		}, "nothing to write"},
		{"reserved", func(c *Couplings) { c.Meta[KeyNames] = "[]" },
			"spinfer.variable_names is reserved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sampleCouplings()
			tc.edit(c)
			dir := filepath.Join(t.TempDir(), "c")
			err := WriteCouplings(dir, c, false)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrInvalid with %q", err, tc.want)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("an invalid write left a directory")
			}
		})
	}
}

func TestCouplingsAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	if err := WriteCouplings(dir, sampleCouplings(), false); err != nil {
		t.Fatal(err)
	}
	err := WriteCouplings(dir, sampleCouplings(), false)
	if !errors.Is(err, atomicfile.ErrExists) {
		t.Fatalf("got %v, want ErrExists", err)
	}
	// force replaces the whole directory: a dropped order disappears.
	c := sampleCouplings()
	delete(c.Orders, 4)
	if err := WriteCouplings(dir, c, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, QuadrupletsFile)); err == nil {
		t.Fatal("force kept a stale quadruplets file")
	}
}

func TestReadCouplingsErrors(t *testing.T) {
	write := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "c")
		if err := WriteCouplings(dir, sampleCouplings(), false); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	t.Run("empty dir", func(t *testing.T) {
		_, err := ReadCouplings(t.TempDir())
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "no couplings files") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("missing dir", func(t *testing.T) {
		if _, err := ReadCouplings(filepath.Join(t.TempDir(), "x")); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("names disagree", func(t *testing.T) {
		dir := write(t)
		meta := map[string]string{KeyNames: `["a","b","c","d","x"]`}
		WriteTable(filepath.Join(dir, TripletsFile), ArtifactTriplets, []Column{
			{Name: "i", Int64: []int64{0}}, {Name: "j", Int64: []int64{1}},
			{Name: "k", Int64: []int64{2}}, {Name: "value", Float64: []float64{1}}}, meta, false)
		_, err := ReadCouplings(dir)
		want := "triplets.parquet: spinfer.variable_names differs"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("indices not increasing", func(t *testing.T) {
		dir := write(t)
		meta := map[string]string{KeyNames: `["a","b","c","d","e"]`}
		WriteTable(filepath.Join(dir, TripletsFile), ArtifactTriplets, []Column{
			{Name: "i", Int64: []int64{0}}, {Name: "j", Int64: []int64{3}},
			{Name: "k", Int64: []int64{2}}, {Name: "value", Float64: []float64{1}}}, meta, false)
		_, err := ReadCouplings(dir)
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "not strictly increasing") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("wrong columns", func(t *testing.T) {
		dir := write(t)
		WriteTable(filepath.Join(dir, PairsFile), ArtifactPairs, []Column{
			{Name: "j", Int64: []int64{0}}, {Name: "i", Int64: []int64{1}},
			{Name: "value", Float64: []float64{1}}}, nil, true)
		_, err := ReadCouplings(dir)
		want := `columns ["j" "i" "value"], want ["i" "j" "value"]`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("got %v", err)
		}
	})
}
