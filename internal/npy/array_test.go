package npy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The arrays of testdata/make.py, spelled out: x[i,j] = (4i+j)/4 − 1.5,
// k[i,j] = 4i+j (the unsigned and bool files), k[i,j] − 5 (the signed
// ones), t[i,j,l] = 12i+4j+l.
func golden(name string) []float64 {
	var out []float64
	switch {
	case strings.HasPrefix(name, "x_"):
		for k := range 12 {
			out = append(out, float64(k)/4-1.5)
		}
	case strings.HasPrefix(name, "k_b1"):
		for k := range 12 {
			out = append(out, float64(min(k, 1)))
		}
	case strings.HasPrefix(name, "k_u"), strings.HasPrefix(name, "k_le_u"):
		for k := range 12 {
			out = append(out, float64(k))
		}
	case strings.HasPrefix(name, "k_"):
		for k := range 12 {
			out = append(out, float64(k-5))
		}
	case strings.HasPrefix(name, "t_"):
		for k := range 24 {
			out = append(out, float64(k))
		}
	}
	return out
}

var goldenFiles = []struct {
	file    string
	descr   string
	fortran bool
	shape   []int
	want    []float64 // nil: golden(file)
}{
	{"x_le_f8.npy", "<f8", false, []int{3, 4}, nil},
	{"x_be_f8.npy", ">f8", false, []int{3, 4}, nil},
	{"x_le_f4.npy", "<f4", false, []int{3, 4}, nil},
	{"x_be_f4.npy", ">f4", false, []int{3, 4}, nil},
	{"x_le_f8_fortran.npy", "<f8", true, []int{3, 4}, nil},
	{"x_be_f8_fortran.npy", ">f8", true, []int{3, 4}, nil},
	{"x_le_f4_fortran.npy", "<f4", true, []int{3, 4}, nil},
	{"x_be_f4_fortran.npy", ">f4", true, []int{3, 4}, nil},
	{"k_i1.npy", "|i1", false, []int{3, 4}, nil},
	{"k_le_i2.npy", "<i2", false, []int{3, 4}, nil},
	{"k_be_i4.npy", ">i4", false, []int{3, 4}, nil},
	{"k_le_i8.npy", "<i8", false, []int{3, 4}, nil},
	{"k_le_i8_fortran.npy", "<i8", true, []int{3, 4}, nil},
	{"k_u1.npy", "|u1", false, []int{3, 4}, nil},
	{"k_le_u4.npy", "<u4", false, []int{3, 4}, nil},
	{"k_b1.npy", "|b1", false, []int{3, 4}, nil},
	{"t_le_i4.npy", "<i4", false, []int{2, 3, 4}, nil},
	{"t_le_i4_fortran.npy", "<i4", true, []int{2, 3, 4}, nil},
	{"v_le_f8.npy", "<f8", false, []int{4}, []float64{-0.5, -0.25, 0, 0.25}},
	{"col_le_f4.npy", "<f4", false, []int{3, 1}, []float64{-1, 0, 1}},
	{"scalar_le_f8.npy", "<f8", false, []int{}, []float64{2.5}},
	{"empty_le_f8.npy", "<f8", false, []int{0, 4}, []float64{}},
}

// TestReadGolden reads the files numpy wrote, in every dtype, byte order
// and element order, and compares them value for value.
func TestReadGolden(t *testing.T) {
	for _, g := range goldenFiles {
		t.Run(g.file, func(t *testing.T) {
			a := readFile(t, g.file)
			want := g.want
			if want == nil {
				want = golden(g.file)
			}
			if !slices.Equal(a.Shape, g.shape) && !(len(a.Shape) == 0 && len(g.shape) == 0) {
				t.Errorf("shape %v, want %v", a.Shape, g.shape)
			}
			if a.DType.Descr() != g.descr || a.Fortran != g.fortran {
				t.Errorf("dtype %s fortran %v, want %s %v", a.DType.Descr(), a.Fortran,
					g.descr, g.fortran)
			}
			if !slices.Equal(a.Data, want) {
				t.Errorf("data %v\nwant %v", a.Data, want)
			}
		})
	}
}

// TestReadVersions reads format versions 2.0 and 3.0 (4-byte header
// length), which numpy writes only on request.
func TestReadVersions(t *testing.T) {
	for _, f := range []string{"x_le_f8_v2.npy", "x_le_f8_v3.npy"} {
		a := readFile(t, f)
		if !slices.Equal(a.Data, golden("x_")) || !slices.Equal(a.Shape, []int{3, 4}) {
			t.Errorf("%s: %v %v", f, a.Shape, a.Data)
		}
	}
}

// TestWriteMatchesNumpy writes the golden arrays and compares the bytes
// with numpy.save's.
func TestWriteMatchesNumpy(t *testing.T) {
	for _, g := range goldenFiles {
		want, err := os.ReadFile(filepath.Join("testdata", g.file))
		if err != nil {
			t.Fatal(err)
		}
		dt, err := ParseDType(g.descr)
		if err != nil {
			t.Fatal(err)
		}
		data := g.want
		if data == nil {
			data = golden(g.file)
		}
		var b bytes.Buffer
		err = Write(&b, &Array{Shape: g.shape, Data: data, DType: dt, Fortran: g.fortran})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s: wrote\n%q\nnumpy wrote\n%q", g.file, b.Bytes(), want)
		}
	}
}

// TestRoundTrip writes random arrays in random dtypes, shapes and orders
// and reads them back. Values are small integers so that every dtype
// holds them exactly.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	descrs := []string{"<f8", ">f8", "<f4", ">f4", "|i1", "<i2", ">i4", "<i8", "|u1",
		">u2", "<u8", "|b1"}
	for trial := range 200 {
		shape := make([]int, rng.IntN(4))
		n := 1
		for d := range shape {
			shape[d] = 1 + rng.IntN(5)
			n *= shape[d]
		}
		dt, _ := ParseDType(descrs[trial%len(descrs)])
		data := make([]float64, n)
		for k := range data {
			switch dt.Kind {
			case 'b':
				data[k] = float64(rng.IntN(2))
			case 'u':
				data[k] = float64(rng.IntN(100))
			default:
				data[k] = float64(rng.IntN(200) - 100)
			}
		}
		in := &Array{Shape: shape, Data: data, DType: dt, Fortran: rng.IntN(2) == 1}
		var b bytes.Buffer
		if err := Write(&b, in); err != nil {
			t.Fatal(err)
		}
		out, err := Read(&b)
		if err != nil {
			t.Fatalf("trial %d %+v: %v", trial, in, err)
		}
		if !slices.Equal(out.Data, data) || len(out.Shape) != len(shape) ||
			out.Fortran != in.Fortran || out.DType.Descr() != dt.Descr() {
			t.Fatalf("trial %d: wrote %+v, read %+v", trial, in, out)
		}
	}
}

// TestFortranLayout checks the element order of a Fortran array on a
// hand-written file: stored elements 1 2 3 4 5 6 of shape (2, 3) are the
// columns (1 2), (3 4), (5 6).
func TestFortranLayout(t *testing.T) {
	var b bytes.Buffer
	b.Write(encodeHeader(Header{Descr: "|i1", Fortran: true, Shape: []int{2, 3}}))
	b.Write([]byte{1, 2, 3, 4, 5, 6})
	a, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{1, 3, 5, 2, 4, 6}; !slices.Equal(a.Data, want) {
		t.Errorf("got %v, want %v", a.Data, want)
	}
}

func TestReadErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/k_le_i2.npy")
	if err != nil {
		t.Fatal(err)
	}
	huge := encodeHeader(Header{Descr: "<f8", Shape: []int{1 << 40, 1 << 20}})
	big := encodeHeader(Header{Descr: "<f8", Shape: []int{1 << 20, 1 << 10}})
	for _, c := range []struct {
		name string
		b    []byte
		is   error
		msg  string
	}{
		{"complex", fileBytes(t, "bad_complex.npy"), ErrFormat,
			`dtype "<c16" is not supported (bool, int8–64, uint8–64, float32 or float64)`},
		{"float16", fileBytes(t, "bad_f2.npy"), ErrFormat, `dtype "<f2" is not supported`},
		{"structured", fileBytes(t, "bad_structured.npy"), ErrFormat,
			"structured .npy arrays (record dtypes) are not supported"},
		{"empty file", nil, io.EOF, "EOF"},
		{"not npy", []byte("PAR1 and more bytes"), ErrFormat, "not a .npy file"},
		{"bad version", append([]byte("\x93NUMPY\x09\x00"), good[8:]...), ErrFormat,
			"unknown .npy format version 9.0"},
		{"truncated header", good[:40], io.ErrUnexpectedEOF, "unexpected EOF"},
		{"truncated length", good[:9], io.ErrUnexpectedEOF, "unexpected EOF"},
		{"truncated data", good[:len(good)-3], io.ErrUnexpectedEOF,
			"data ends within the first 12 of 12 values"},
		{"extra data", append(slices.Clone(good), 0), ErrFormat,
			"has bytes after the array's data"},
		{"overflowing shape", huge, ErrFormat, "array of shape (1099511627776, " +
			"1048576) is too large"},
		{"shape larger than data", big, io.ErrUnexpectedEOF,
			"data ends within the first 4096 of 1073741824 values"},
		{"not a dict", append([]byte("\x93NUMPY\x01\x00\x04\x00"), "(1,)"...), ErrFormat,
			".npy header is not a dict"},
		{"garbage dict", append([]byte("\x93NUMPY\x01\x00\x05\x00"), "{'a' "...), ErrFormat,
			".npy header: expected ':' at byte 5"},
		{"negative shape", headerOnly("{'descr': '<f8', 'fortran_order': False, " +
			"'shape': (-1, 2), }"), ErrFormat, "is not a tuple of non-negative integers"},
		{"no fortran_order", headerOnly("{'descr': '<f8', 'shape': (1,), }"), ErrFormat,
			"no fortran_order"},
		{"deep", headerOnly(strings.Repeat("(", 20)), ErrFormat, "nested too deeply"},
	} {
		_, err := Read(bytes.NewReader(c.b))
		if !errors.Is(err, c.is) || err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one wrapping %v saying %q", c.name, err, c.is, c.msg)
		}
	}
}

// TestHeaderLen checks the element count and its overflow guard.
func TestHeaderLen(t *testing.T) {
	for _, c := range []struct {
		shape []int
		n     int
	}{
		{nil, 1}, {[]int{0, 5}, 0}, {[]int{3, 4}, 12}, {[]int{1 << 40, 1 << 30}, -1},
		{[]int{-1}, -1},
	} {
		if got := (Header{Shape: c.shape}).Len(); got != c.n {
			t.Errorf("Len(%v) = %d, want %d", c.shape, got, c.n)
		}
	}
}

func TestDTypeDescr(t *testing.T) {
	for _, d := range []string{"<f8", ">f4", "|i1", "<u8", ">i2", "|b1", "|u1"} {
		dt, err := ParseDType(d)
		if err != nil || dt.Descr() != d {
			t.Errorf("ParseDType(%q) = %+v, %v; Descr %q", d, dt, err, dt.Descr())
		}
	}
	dt, err := ParseDType("=f8")
	if err != nil || dt.Order != binary.NativeEndian {
		t.Errorf("=f8: %+v %v", dt, err)
	}
	for _, d := range []string{"", "<f", "<f16", "<c8", "*f8", "<fx", "<U10", "|O"} {
		if _, err := ParseDType(d); !errors.Is(err, ErrFormat) {
			t.Errorf("ParseDType(%q) accepted: %v", d, err)
		}
	}
}

func readFile(t *testing.T, name string) *Array {
	t.Helper()
	a, err := Read(bytes.NewReader(fileBytes(t, name)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a
}

func fileBytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// headerOnly returns a version 1.0 file whose header is dict, unpadded.
func headerOnly(dict string) []byte {
	b := append([]byte(Magic), 1, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)))
	return append(b, dict...)
}
