package formats_test

import (
	"errors"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/formats"
)

func ExampleWriteDataset() {
	dir, err := os.MkdirTemp("", "spinfer-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// Three configurations of two Ising spins, row-major.
	d := &formats.Dataset{
		Names:  []string{"s0", "s1"},
		Basis:  formats.Ising,
		Rows:   3,
		Values: []int8{1, -1, -1, -1, 1, 1},
		Meta:   map[string]string{formats.KeySource: "spins.txt"},
	}
	path := filepath.Join(dir, "dataset.parquet")
	if err := formats.WriteDataset(path, d, false); err != nil {
		log.Fatal(err)
	}
	got, err := formats.ReadDataset(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Names, got.Basis, got.Rows, got.Row(1), got.Meta[formats.KeySource])

	// A second write to the same path is refused unless forced.
	fmt.Println(formats.WriteDataset(path, d, false) != nil)
	// Output:
	// [s0 s1] ising 3 [-1 -1] spins.txt
	// true
}

func ExampleWriteCouplings() {
	dir, err := os.MkdirTemp("", "spinfer-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// A three-spin chain: H = −0.44 s0 s1 − 0.44 s1 s2, no fields, and
	// triplets computed but all negligible.
	c := &formats.Couplings{
		Names: []string{"a", "b", "c"},
		Orders: map[int][]formats.Term{
			2: {{Sites: [4]int32{0, 1}, Value: 0.44}, {Sites: [4]int32{1, 2}, Value: 0.44}},
			3: {},
		},
		Meta: map[string]string{"spinfer.method": "truth"},
	}
	if err := formats.WriteCouplings(filepath.Join(dir, "truth"), c, false); err != nil {
		log.Fatal(err)
	}
	got, err := formats.ReadCouplings(filepath.Join(dir, "truth"))
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range got.Orders[2] {
		fmt.Printf("J(%s,%s) = %g\n", got.Names[t.Sites[0]], got.Names[t.Sites[1]], t.Value)
	}
	fmt.Println(got.Fields == nil, len(got.Orders[3]), got.Meta["spinfer.method"])
	// Output:
	// J(a,b) = 0.44
	// J(b,c) = 0.44
	// true 0 truth
}

func ExampleWriteTable() {
	dir, err := os.MkdirTemp("", "spinfer-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// A metrics log: NaN marks a figure not computed at that update.
	cols := []formats.Column{
		{Name: "update", Int64: []int64{10, 20}},
		{Name: "train_loglik", Float64: []float64{math.NaN(), -41.5}},
		{Name: "loglik_method", String: []string{"none", "exact"}},
	}
	path := filepath.Join(dir, "metrics.parquet")
	if err := formats.WriteTable(path, formats.ArtifactMetrics, cols, nil, false); err != nil {
		log.Fatal(err)
	}
	t, err := formats.ReadTable(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Artifact, t.Rows, t.Lookup("train_loglik").Float64, t.Lookup("loglik_method").String)
	// Output:
	// metrics 2 [NaN -41.5] [none exact]
}

func ExampleDataset_Validate() {
	d := &formats.Dataset{
		Names:  []string{"s0", "s0", ""},
		Basis:  formats.Ising,
		Rows:   1,
		Values: []int8{1, 0, -1},
	}
	err := d.Validate()
	fmt.Println(errors.Is(err, formats.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true
	// dataset: variables 0 and 1 are both named "s0"; variable 2 has an empty name; row 0, variable "s0": value 0 is not in the ising basis (-1 or +1)
}
