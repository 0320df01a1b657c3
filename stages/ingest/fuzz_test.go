package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// fuzzOptions decodes the option bits of a fuzz input: bit 0 transposes,
// bits 1–2 pick the basis (none, ising, binary), bit 3 sets a threshold
// of 0.5.
func fuzzOptions(flags uint8) ReadOptions {
	o := ReadOptions{Transpose: flags&1 != 0}
	o.Basis = []string{"", "ising", "binary", ""}[flags>>1&3]
	if flags&8 != 0 {
		o.Threshold = ptr(0.5)
	}
	return o
}

// FuzzReadText checks that the text reader never panics, that it fails
// only with an *InputError, and that whatever it accepts is a rectangular
// matrix in one basis whose shape matches the lines of the input, counted
// here independently of the reader.
func FuzzReadText(f *testing.F) {
	for _, s := range []string{
		"1 -1\n-1 1\n", "a,b\n0,1\n1,1\n", "# c\n\n1.0e+00 0.0\n",
		"1 0 1\n1 0\n", "1\t0\r\n0\t1", "x y\n", "", "1,,0\n", "nan 1\n",
		"0.3 0.7\n", "1 1\n1 1 1\n", "\"a\",\"b\"\n1,0\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		o := fuzzOptions(flags)
		p, err := ReadText(context.Background(), bytes.NewReader(data), "f.txt", o)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an *InputError", err, err)
			}
			return
		}
		d := p.Dataset
		if d.Rows < 1 || d.N() < 1 || len(d.Values) != d.Rows*d.N() {
			t.Fatalf("accepted %d rows × %d names with %d values",
				d.Rows, d.N(), len(d.Values))
		}
		checkBasis(t, d)
		rows, cols := d.Rows, d.N()
		if o.Transpose {
			rows, cols = cols, rows
		}
		checkShape(t, data, rows, cols)
	})
}

func checkBasis(t *testing.T, d *formats.Dataset) {
	for k, v := range d.Values {
		if (d.Basis == formats.Ising && v != 1 && v != -1) ||
			(d.Basis == formats.Binary && v != 0 && v != 1) {
			t.Fatalf("value %d at %d is outside the basis %s", v, k, d.Basis)
		}
	}
}

// checkShape recounts the input: every line that is not blank or a
// comment must have cols fields, and there must be rows of them plus at
// most one header line.
func checkShape(t *testing.T, data []byte, rows, cols int) {
	var lines []string
	comma := false
	for _, l := range strings.Split(string(data), "\n") {
		s := strings.Trim(l, " \t\r\v\f")
		if s == "" || s[0] == '#' {
			continue
		}
		if len(lines) == 0 {
			comma = strings.Contains(l, ",")
		}
		lines = append(lines, l)
	}
	if len(lines) != rows && len(lines) != rows+1 {
		t.Fatalf("%d data lines in the input, %d rows accepted", len(lines), rows)
	}
	for i, l := range lines {
		var n int
		if comma {
			n = strings.Count(l, ",") + 1
		} else {
			n = len(strings.FieldsFunc(l, func(r rune) bool {
				return strings.ContainsRune(" \t\r\v\f", r)
			}))
		}
		if n != cols {
			t.Fatalf("line %d of the input has %d fields, %d columns accepted",
				i+1, n, cols)
		}
	}
}

// FuzzParseSpin checks the fast path against strconv: whatever it
// accepts is a number with exactly the value it returns.
func FuzzParseSpin(f *testing.F) {
	for _, s := range []string{"1", "-1.0", "0e0", "1.000000000000000000e+00",
		"10", ".5", "1e1", "-0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, ok := parseSpin(b)
		if !ok {
			return
		}
		if !isNumber(b) || parseNumber(b) != float64(v) {
			t.Fatalf("parseSpin(%q) = %d, strconv gives %v", b, v, parseNumber(b))
		}
	})
}

// FuzzReadNPY checks that the .npy reader never panics, fails only with an
// *InputError, and returns a consistent dataset when it succeeds.
func FuzzReadNPY(f *testing.F) {
	files, _ := filepath.Glob("testdata/npy/*.npy")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, uint8(0))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		p, err := ReadNPY(context.Background(), bytes.NewReader(data), "f.npy",
			fuzzOptions(flags))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an *InputError", err, err)
			}
			return
		}
		d := p.Dataset
		if d.Rows < 1 || d.N() < 1 || len(d.Values) != d.Rows*d.N() {
			t.Fatalf("accepted %d rows × %d names with %d values",
				d.Rows, d.N(), len(d.Values))
		}
		checkBasis(t, d)
	})
}
