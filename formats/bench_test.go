package formats

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWriteDataset writes random ±1 datasets of growing size; the
// custom metrics are the file size in bits per cell and MB/s of cells.
func BenchmarkWriteDataset(b *testing.B) {
	for _, sz := range [][2]int{{1000, 64}, {4500, 805}, {60000, 784}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			d := randomDataset(sz[0], sz[1], Ising, 1)
			path := filepath.Join(b.TempDir(), "d.parquet")
			b.SetBytes(int64(len(d.Values)))
			for b.Loop() {
				if err := WriteDataset(path, d, true); err != nil {
					b.Fatal(err)
				}
			}
			st, _ := os.Stat(path)
			b.ReportMetric(8*float64(st.Size())/float64(len(d.Values)), "bits/cell")
		})
	}
}

// BenchmarkReadDataset reads the files BenchmarkWriteDataset makes.
func BenchmarkReadDataset(b *testing.B) {
	for _, sz := range [][2]int{{1000, 64}, {4500, 805}, {60000, 784}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			d := randomDataset(sz[0], sz[1], Ising, 1)
			path := filepath.Join(b.TempDir(), "d.parquet")
			if err := WriteDataset(path, d, false); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(d.Values)))
			for b.Loop() {
				if _, err := ReadDataset(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
