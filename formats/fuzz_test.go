package formats

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadParquet feeds arbitrary bytes (seeded with valid files of each
// kind and corruptions of them) to every reader: they must return an
// error or a result, never panic.
func FuzzReadParquet(f *testing.F) {
	dir := f.TempDir()
	d := randomDataset(20, 5, Ising, 1)
	seeds := []string{filepath.Join(dir, "d.parquet"), filepath.Join(dir, "t.parquet")}
	if err := WriteDataset(seeds[0], d, false); err != nil {
		f.Fatal(err)
	}
	err := WriteTable(seeds[1], ArtifactMetrics, []Column{{Name: "a", Float64: []float64{1, 2}},
		{Name: "s", String: []string{"x", "y"}}}, nil, false)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		for _, at := range []int{4, len(b) / 3, len(b) / 2, len(b) - 12, len(b) - 9} {
			c := bytes.Clone(b)
			c[at] ^= 0x5a
			f.Add(c)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "x.parquet")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		ReadDataset(path)
		ReadTable(path)
		ReadWide(path)
		ReadFileInfo(path)
		Describe(io.Discard, path, 5)
	})
}
