package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// npyA is the matrix held by testdata/npy/binary_*.npy (see make.py there);
// npyS = 2·npyA − 1 is held by the ising_* files.
var (
	npyA = []int8{1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0}
	npyS = []int8{1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, -1}
	// npyAT is npyA transposed (4×3).
	npyAT = []int8{1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0}
)

func readNPYFile(t *testing.T, name string, o ReadOptions) (*Parsed, error) {
	t.Helper()
	p := filepath.Join("testdata", "npy", name)
	return Read(context.Background(), p, o)
}

// TestReadNPYDtypes reads the fixtures numpy wrote for every supported
// dtype, byte order, memory order and format version.
func TestReadNPYDtypes(t *testing.T) {
	files, err := filepath.Glob("testdata/npy/binary_*.npy")
	if err != nil || len(files) < 19 {
		t.Fatalf("fixtures: %v, %d files", err, len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			p, err := readNPYFile(t, filepath.Base(f), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkDataset(t, p.Dataset, defaultNames(4), formats.Binary, 3, npyA)
			if p.Format != "npy" {
				t.Errorf("format %q", p.Format)
			}
		})
	}
	for _, f := range []string{"ising_le_i8.npy", "ising_be_f8_fortran.npy"} {
		p, err := readNPYFile(t, f, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checkDataset(t, p.Dataset, defaultNames(4), formats.Ising, 3, npyS)
	}
}

func TestReadNPYOptions(t *testing.T) {
	for _, c := range []struct {
		file string
		o    ReadOptions
		rows int
		vals []int8
	}{
		{"binary_i1.npy", ReadOptions{Transpose: true}, 4, npyAT},
		{"binary_i1_fortran.npy", ReadOptions{Transpose: true}, 4, npyAT},
		{"grey_f4.npy", ReadOptions{Threshold: ptr(0.5)}, 3, npyA},
	} {
		p, err := readNPYFile(t, c.file, c.o)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		d := p.Dataset
		if d.Rows != c.rows || !bytes.Equal(int8Bytes(d.Values), int8Bytes(c.vals)) {
			t.Errorf("%s %+v: %d rows %v, want %d rows %v", c.file, c.o,
				d.Rows, d.Values, c.rows, c.vals)
		}
	}
	// a bool array of all ones reads as binary, as its dtype says
	all := npyBytes("|b1", false, 2, 2, []byte{1, 1, 1, 1})
	p, err := ReadNPY(context.Background(), bytes.NewReader(all), "x.npy",
		ReadOptions{})
	if err != nil || p.Dataset.Basis != formats.Binary {
		t.Errorf("all-true bool array: %v, %+v", err, p)
	}
}

func int8Bytes(v []int8) []byte {
	b := make([]byte, len(v))
	for i, x := range v {
		b[i] = byte(x)
	}
	return b
}

// npyBytes writes a version 1.0 .npy file by hand (for inputs numpy would
// not write).
func npyBytes(descr string, fortran bool, rows, cols int, data []byte) []byte {
	f := "False"
	if fortran {
		f = "True"
	}
	h := "{'descr': '" + descr + "', 'fortran_order': " + f + ", 'shape': (" +
		strconv.Itoa(rows) + ", " + strconv.Itoa(cols) + "), }"
	for (10+len(h)+1)%64 != 0 {
		h += " "
	}
	h += "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(h)), byte(len(h)>>8))
	return append(append(b, h...), data...)
}

func TestReadNPYErrors(t *testing.T) {
	for _, c := range []struct {
		file string
		o    ReadOptions
		want string
	}{
		{"bad_1d.npy", ReadOptions{}, "testdata/npy/bad_1d.npy: array has " +
			"shape (3,) (1-D); spinfer needs a 2-D array, configurations × " +
			"variables (reshape it, e.g. a.reshape(1, -1) for one configuration)"},
		{"bad_3d.npy", ReadOptions{}, "testdata/npy/bad_3d.npy: array has " +
			"shape (2, 2, 2) (3-D); spinfer needs a 2-D array, configurations × " +
			"variables (reshape it, e.g. a.reshape(1, -1) for one configuration)"},
		{"bad_structured.npy", ReadOptions{}, "testdata/npy/bad_structured.npy: " +
			"structured .npy arrays (record dtypes) are not supported; save a " +
			"plain 2-D numeric array"},
		{"bad_complex.npy", ReadOptions{}, `testdata/npy/bad_complex.npy: dtype ` +
			`"<c16" is not supported (bool, int8–64, uint8–64, float32 or float64)`},
		{"bad_outside.npy", ReadOptions{}, `testdata/npy/bad_outside.npy: row 2, ` +
			`column 3: value "2" is outside the basis {0,1}`},
		{"bad_nan.npy", ReadOptions{}, `testdata/npy/bad_nan.npy: row 3, ` +
			`column 2: value "NaN" is not a finite number`},
		{"bad_nan.npy", ReadOptions{Threshold: ptr(0.5)}, `testdata/npy/bad_nan.npy: ` +
			`row 3, column 2: value "NaN" is not a finite number`},
		{"bad_empty.npy", ReadOptions{}, "testdata/npy/bad_empty.npy: array of " +
			"shape (0, 4) holds no data"},
		{"binary_le_i4.npy", ReadOptions{Basis: "ising"}, `testdata/npy/` +
			`binary_le_i4.npy: row 1, column 2: value "0" is outside the basis {-1,+1}`},
		{"grey_f4.npy", ReadOptions{}, `testdata/npy/grey_f4.npy: row 1, ` +
			`column 1: value "0.800000011920929" is not an integer spin value ` +
			`(set a threshold, --threshold, to binarise real-valued data)`},
		// Fortran order stores column 1 first: its −1 at row 2 comes first
		{"ising_be_f8_fortran.npy", ReadOptions{Basis: "binary"}, `testdata/npy/` +
			`ising_be_f8_fortran.npy: row 2, column 1: value "-1" is outside ` +
			`the basis {0,1}`},
	} {
		_, err := readNPYFile(t, c.file, c.o)
		wantInputError(t, err, c.want)
	}
}

func TestReadNPYCorrupt(t *testing.T) {
	good, err := os.ReadFile("testdata/npy/binary_le_i2.npy")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		b    []byte
		want string
	}{
		{"truncated data", good[:len(good)-3], "x.npy: data ends within the " +
			"first 12 of 12 values (truncated file, or a shape that does not " +
			"match the data)"},
		{"extra data", append(append([]byte{}, good...), 0, 0), "x.npy: has " +
			"bytes after the array's data (a shape or dtype that does not " +
			"match the data?)"},
		{"truncated header", good[:40], "x.npy: data ends early (truncated " +
			"or corrupt file)"},
		{"bad version", append([]byte("\x93NUMPY\x09\x00"), good[8:]...),
			"x.npy: unknown .npy format version 9.0"},
		{"bad dict", npyBytes("<i2", false, 1, 1, []byte{1, 0})[:20],
			"x.npy: data ends early (truncated or corrupt file)"},
		{"not a dict", append([]byte("\x93NUMPY\x01\x00\x04\x00"), "(1,)"...),
			"x.npy: .npy header is not a dict"},
		{"garbage dict", append([]byte("\x93NUMPY\x01\x00\x05\x00"), "{'a' "...),
			"x.npy: .npy header: expected ':' at byte 5"},
	} {
		_, err := ReadNPY(context.Background(), bytes.NewReader(c.b), "x.npy",
			ReadOptions{})
		wantInputError(t, err, c.want)
	}
}
