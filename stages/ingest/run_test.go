package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// Published sha256 of the shared data files (shared/data/README.md).
const (
	isingSHA = "97a8382ac1caa07138259c9b61a470b973ad93e53fc2cabefdae9cf1fc8e8cc8"
	hgdSHA   = "5be4520d640d257cb49d80f9316cd48d56459f670c0f13df56d5d3f511cef0e9"
)

func TestRunIsingIntoRunDir(t *testing.T) {
	in := filepath.Join(sharedData(t), isingFile)
	run := filepath.Join(t.TempDir(), "run")
	res, err := Run(context.Background(), Options{Input: in, RunDir: run,
		TestFraction: 0.1, Seed: 42}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 10000 || res.Variables != 64 || res.Basis != formats.Ising ||
		res.SourceSHA256 != isingSHA || res.TrainRows != 9000 || res.TestRows != 1000 {
		t.Fatalf("result %+v", res)
	}
	rd := pipeline.RunDir(run)
	want := []string{rd.Dataset(), rd.Train(), rd.Test()}
	if !slices.Equal(res.Paths(), want) {
		t.Fatalf("paths %q, want %q", res.Paths(), want)
	}
	full, err := formats.ReadDataset(rd.Dataset())
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(context.Background(), in, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, full, defaultNames(64), formats.Ising, 10000, p.Dataset.Values)
	m := full.Meta
	if m[formats.KeySource] != isingFile || m[formats.KeySHA256] != isingSHA ||
		m[KeyTranspose] != "false" || m[KeyFormat] != "text" {
		t.Errorf("dataset metadata %v", m)
	}
	for i, out := range res.Outputs {
		sum, _, err := pipeline.HashPath(out.Path)
		if err != nil || sum != out.SHA256 {
			t.Errorf("output %d: sha256 %s, file %s (%v)", i, out.SHA256, sum, err)
		}
	}
	checkParts(t, full, rd.Train(), rd.Test(), 0.1, 42)
}

// checkParts reads the split files back and checks they partition full in
// order, as testRows says.
func checkParts(t *testing.T, full *formats.Dataset, trainPath, testPath string,
	frac float64, seed uint64) {
	t.Helper()
	train, err := formats.ReadDataset(trainPath)
	if err != nil {
		t.Fatal(err)
	}
	test, err := formats.ReadDataset(testPath)
	if err != nil {
		t.Fatal(err)
	}
	idx := testRows(full.Rows, frac, seed)
	var wantTest, wantTrain []int8
	for r := range full.Rows {
		if _, in := slices.BinarySearch(idx, r); in {
			wantTest = append(wantTest, full.Row(r)...)
		} else {
			wantTrain = append(wantTrain, full.Row(r)...)
		}
	}
	if !slices.Equal(train.Values, wantTrain) || !slices.Equal(test.Values, wantTest) {
		t.Error("train/test files are not the split of the dataset")
	}
	if train.Meta[KeyPart] != "train" || test.Meta[KeyPart] != "test" ||
		test.Meta[KeySplitSeed] == "" || test.Meta[KeyTestFraction] == "" {
		t.Errorf("split metadata %v / %v", train.Meta, test.Meta)
	}
}

func TestRunHGDTransposed(t *testing.T) {
	in := filepath.Join(sharedData(t), hgdFile)
	out := filepath.Join(t.TempDir(), "hgd.parquet")
	res, err := Run(context.Background(), Options{Input: in, Output: out,
		Transpose: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 4500 || res.Variables != 805 || res.Basis != formats.Binary ||
		res.SourceSHA256 != hgdSHA || len(res.Outputs) != 1 {
		t.Fatalf("result %+v", res)
	}
	d, err := formats.ReadDataset(out)
	if err != nil {
		t.Fatal(err)
	}
	m := d.Meta
	if m[formats.KeySource] != hgdFile || m[formats.KeySHA256] != hgdSHA ||
		m[KeyTranspose] != "true" || m[KeyFormat] != "zip/text" {
		t.Errorf("metadata %v", m)
	}
	// constant columns: recount from the dataset read back
	var want []string
	for i := range d.N() {
		c := true
		for r := 1; r < d.Rows; r++ {
			c = c && d.Values[r*d.N()+i] == d.Values[i]
		}
		if c {
			want = append(want, d.Names[i])
		}
	}
	if !slices.Equal(res.Constant, want) {
		t.Errorf("constant columns %q, want %q", res.Constant, want)
	}
}

func TestRunConstantColumns(t *testing.T) {
	in := writeFile(t, "c.txt", []byte("a b c d\n1 0 1 0\n1 1 1 0\n1 0 1 0\n"))
	res, err := Run(context.Background(), Options{Input: in,
		Output: filepath.Join(t.TempDir(), "c.parquet")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Constant, []string{"a", "c", "d"}) {
		t.Errorf("constant columns %q, want a, c, d", res.Constant)
	}
}

// TestRunSpinferFormats re-ingests spinfer's own outputs: the Parquet
// dataset and an Arrow IPC stream on standard input.
func TestRunSpinferFormats(t *testing.T) {
	dir := t.TempDir()
	src := writeFile(t, "s.txt", []byte(smallText))
	first := filepath.Join(dir, "first.parquet")
	if _, err := Run(context.Background(), Options{Input: src, Output: first}, nil); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second.parquet")
	res, err := Run(context.Background(), Options{Input: first, Output: second,
		Transpose: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "spinfer-dataset" {
		t.Errorf("format %q", res.Format)
	}
	d, err := formats.ReadDataset(second)
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, d, defaultNames(3), formats.Binary, 3, transposeRef(smallVals, 3, 3))

	var ipc bytes.Buffer
	if err := formats.WriteDatasetIPC(&ipc, d); err != nil {
		t.Fatal(err)
	}
	third := filepath.Join(dir, "third.parquet")
	res, err = Run(context.Background(), Options{Input: "-", Stdin: &ipc,
		Output: third}, nil)
	if err != nil {
		t.Fatal(err)
	}
	back, err := formats.ReadDataset(third)
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, back, d.Names, d.Basis, d.Rows, d.Values)
	if res.Format != "arrow-ipc" || back.Meta[formats.KeySource] != "stdin" {
		t.Errorf("format %q, source %q", res.Format, back.Meta[formats.KeySource])
	}
}

func TestRunStdinText(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.parquet")
	res, err := Run(context.Background(), Options{Input: "-",
		Stdin: strings.NewReader(smallText), Output: out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// sha256 of smallText, from `printf '# three configurations\n1 0 1\n0 0 1\n1 1 1\n' | sha256sum`
	const want = "116a5f47d546c2695d25dff3843a9574391ff42a4e8b387871806453ce078d1a"
	if res.SourceSHA256 != want {
		t.Errorf("sha256 %s, want %s", res.SourceSHA256, want)
	}
}

// TestRunBadInputLeavesNothing: every bad input is an input error and no
// file appears.
func TestRunBadInputLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, text string }{
		{"empty", ""}, {"header only", "a b\n"}, {"ragged", "1 0\n1\n"},
		{"outside", "1 0\n2 1\n"}, {"nan", "nan 1\n"},
	} {
		in := writeFile(t, "in.txt", []byte(c.text))
		run := filepath.Join(dir, c.name)
		_, err := Run(context.Background(), Options{Input: in, RunDir: run,
			TestFraction: 0.5}, nil)
		if !IsInputError(err) {
			t.Errorf("%s: %v is not an input error", c.name, err)
		}
		if _, err := os.Stat(run); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: run directory created (%v)", c.name, err)
		}
	}
	// a split that cannot be made leaves no dataset either
	in := writeFile(t, "one.txt", []byte("1 0\n"))
	out := filepath.Join(dir, "one.parquet")
	_, err := Run(context.Background(), Options{Input: in, Output: out,
		TestFraction: 0.5}, nil)
	wantInputError(t, err, in+": a test fraction of 0.5 leaves 1 of the 1 rows "+
		"for testing and 0 for training; each part needs at least one row")
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
}

func TestRunOutputExists(t *testing.T) {
	in := writeFile(t, "in.txt", []byte(smallText))
	dir := t.TempDir()
	out := filepath.Join(dir, "x.parquet")
	if _, err := Run(context.Background(), Options{Input: in, Output: out}, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(out)

	// a split would also write x.train.parquet: refuse before writing it
	_, err := Run(context.Background(), Options{Input: in, Output: out,
		TestFraction: 0.34}, nil)
	wantInputError(t, err, out+": output already exists (use --force to overwrite)")
	if !errors.Is(err, atomicfile.ErrExists) {
		t.Errorf("%v does not wrap atomicfile.ErrExists", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.train.parquet")); err == nil {
		t.Error("train part written although the dataset exists")
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Error("existing output changed")
	}

	res, err := Run(context.Background(), Options{Input: in, Output: out,
		TestFraction: 0.34, Force: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{out, filepath.Join(dir, "x.train.parquet"),
		filepath.Join(dir, "x.test.parquet")}
	if !slices.Equal(res.Paths(), want) {
		t.Errorf("paths %q, want %q", res.Paths(), want)
	}
	// a forced run without a split removes the parts of the old split
	if _, err := Run(context.Background(), Options{Input: in, Output: out,
		Force: true}, nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range want[1:] {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale part %s kept (%v)", p, err)
		}
	}
	_, err = Run(context.Background(), Options{Input: in, Output: dir, Force: true}, nil)
	wantInputError(t, err, dir+": output is a directory")
}

func TestOptionsValidate(t *testing.T) {
	err := Options{TestFraction: 1, Basis: "spin", Output: "a", RunDir: "b"}.Validate()
	if !IsInputError(err) {
		t.Fatalf("%v is not an input error", err)
	}
	want := "ingest: Input is empty\n" +
		"ingest: both Output and RunDir are set\n" +
		"ingest: TestFraction 1 is outside [0,1)\n" +
		`ingest: Basis "spin" is not one of ising, binary`
	if got := stripInput(err.Error()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	err = Options{Input: "x"}.Validate()
	if got := stripInput(err.Error()); got != "ingest: neither Output nor RunDir is set" {
		t.Errorf("got %q", got)
	}
	if _, err := Run(context.Background(), Options{}, nil); !IsInputError(err) {
		t.Errorf("Run with zero options: %v", err)
	}
}
