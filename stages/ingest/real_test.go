package ingest

import (
	"archive/zip"
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// Files in shared/data (see its README.md for their origin and sha256).
const (
	isingFile = "ising2d_L8_beta0.4406.txt"
	hgdFile   = "hgd_805snps_transposed.zip"
)

// parseIndependently reads whitespace-separated numbers line by line with
// strings.Fields and strconv.ParseFloat, the slow obvious way, as the
// reference for the streaming reader. It returns lines×cols values.
func parseIndependently(t *testing.T, r io.Reader) (vals []int8, lines, cols int) {
	t.Helper()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if lines == 0 {
			cols = len(f)
		}
		if len(f) != cols {
			t.Fatalf("reference parse: line %d has %d fields", lines+1, len(f))
		}
		for _, s := range f {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("reference parse: %v", err)
			}
			vals = append(vals, int8(x))
		}
		lines++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vals, lines, cols
}

func TestIngestIsingFile(t *testing.T) {
	path := filepath.Join(sharedData(t), isingFile)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, lines, cols := parseIndependently(t, f)
	if lines != 10000 || cols != 64 {
		t.Fatalf("reference shape %d×%d, README says 10000×64", lines, cols)
	}
	p, err := Read(context.Background(), path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, p.Dataset, defaultNames(64), formats.Ising, 10000, want)
}

// hgdReference parses the HGD text inside the zip independently: 805 lines
// (SNPs) × 4500 columns (individuals).
func hgdReference(t *testing.T, path string) []int8 {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	want, lines, cols := parseIndependently(t, rc)
	if lines != 805 || cols != 4500 {
		t.Fatalf("reference shape %d×%d, README says 805×4500", lines, cols)
	}
	return want
}

func TestIngestHGDFile(t *testing.T) {
	path := filepath.Join(sharedData(t), hgdFile)
	want := hgdReference(t, path)

	// as written: one SNP per row
	p, err := Read(context.Background(), path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, p.Dataset, defaultNames(4500), formats.Binary, 805, want)
	if p.Format != "zip/text" {
		t.Errorf("format %q", p.Format)
	}

	// transposed: one individual per row, SNPs as variables
	p, err = Read(context.Background(), path, ReadOptions{Transpose: true})
	if err != nil {
		t.Fatal(err)
	}
	d := p.Dataset
	if d.Rows != 4500 || d.N() != 805 || d.Basis != formats.Binary {
		t.Fatalf("transposed: %d×%d %s, want 4500×805 binary", d.Rows, d.N(), d.Basis)
	}
	for _, snp := range []int{0, 1, 402, 803, 804} {
		col := make([]int8, d.Rows)
		for r := range col {
			col[r] = d.Values[r*805+snp]
		}
		if !slices.Equal(col, want[snp*4500:(snp+1)*4500]) {
			t.Errorf("SNP %d differs from line %d of the text", snp, snp+1)
		}
	}
	if !slices.Equal(d.Values, transposeRef(want, 805, 4500)) {
		t.Errorf("transposed values differ from the text")
	}
}

// transposeRef is the obvious transpose, as a reference for the tiled one.
func transposeRef(a []int8, r, c int) []int8 {
	t := make([]int8, 0, len(a))
	for j := range c {
		for i := range r {
			t = append(t, a[i*c+j])
		}
	}
	return t
}

func TestTranspose(t *testing.T) {
	for _, s := range [][2]int{{1, 1}, {1, 7}, {7, 1}, {63, 65}, {130, 129}} {
		r, c := s[0], s[1]
		a := make([]int8, r*c)
		for i := range a {
			a[i] = int8(i % 3)
		}
		if !slices.Equal(transpose(a, r, c), transposeRef(a, r, c)) {
			t.Errorf("transpose %d×%d wrong", r, c)
		}
	}
}
