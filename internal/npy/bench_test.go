package npy

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
)

// BenchmarkRead reads float32 matrices of growing size, C and Fortran
// order (the ladder spans a bias vector to a 784×500 weight matrix).
func BenchmarkRead(b *testing.B) {
	for _, n := range []int{100, 10_000, 392_000} {
		for _, fortran := range []bool{false, true} {
			a := &Array{Shape: []int{n / 100, 100}, Data: make([]float64, n),
				DType: DType{Kind: 'f', Size: 4, Order: binary.LittleEndian}, Fortran: fortran}
			var buf bytes.Buffer
			if err := Write(&buf, a); err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("n=%d/fortran=%v", n, fortran), func(b *testing.B) {
				b.SetBytes(int64(buf.Len()))
				for b.Loop() {
					if _, err := Read(bytes.NewReader(buf.Bytes())); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
