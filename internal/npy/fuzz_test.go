package npy

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that Read never panics, and that an array it accepts has
// as many values as its shape says and writes back to bytes it reads the
// same way.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.npy")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if (Header{Shape: a.Shape}).Len() != len(a.Data) {
			t.Fatalf("shape %v with %d values", a.Shape, len(a.Data))
		}
		var b bytes.Buffer
		if err := Write(&b, a); err != nil {
			t.Fatal(err)
		}
		back, err := Read(&b)
		if err != nil {
			t.Fatalf("re-reading what Write wrote: %v", err)
		}
		for k, x := range a.Data {
			if y := back.Data[k]; x != y && !(x != x && y != y) {
				t.Fatalf("value %d: %v became %v", k, x, y)
			}
		}
	})
}
