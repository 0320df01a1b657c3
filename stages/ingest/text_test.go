package ingest

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

func TestParseSpin(t *testing.T) {
	for _, c := range []struct {
		tok string
		v   int8
		ok  bool
	}{
		{"1", 1, true}, {"-1", -1, true}, {"+1", 1, true}, {"0", 0, true},
		{"-0", 0, true}, {"00", 0, true}, {"01", 1, true},
		{"1.0", 1, true}, {"1.", 1, true}, {"-1.000", -1, true},
		{"1.000000000000000000e+00", 1, true},
		{"0.000000000000000000e+00", 0, true},
		{"-1.000000000000000000e+00", -1, true},
		{"1e0", 1, true}, {"1E-00", 1, true}, {"0.0e+0", 0, true},
		// off the fast path: other values or unusual spellings
		{"", 0, false}, {"-", 0, false}, {".", 0, false}, {".5", 0, false},
		{"10", 0, false}, {"2", 0, false}, {"11", 0, false},
		{"1.5", 0, false}, {"1.01", 0, false}, {"1e1", 0, false},
		{"1e", 0, false}, {"1e+", 0, false}, {"1.0x", 0, false},
		{"--1", 0, false}, {"1 ", 0, false}, {"nan", 0, false},
		{"0x1", 0, false},
	} {
		v, ok := parseSpin([]byte(c.tok))
		if v != c.v || ok != c.ok {
			t.Errorf("parseSpin(%q) = %d, %v; want %d, %v", c.tok, v, ok, c.v, c.ok)
		}
		// every accepted spelling means the same number to strconv
		if f, err := strconv.ParseFloat(c.tok, 64); ok && (err != nil || f != float64(v)) {
			t.Errorf("parseSpin(%q) = %d but strconv gives %v, %v", c.tok, v, f, err)
		}
	}
}

func TestIsNumber(t *testing.T) {
	yes := []string{"1", "-1", "+0.5", ".5", "5.", "1e-3", "1E+30", "NaN",
		"-inf", "Infinity", "+INF", "007"}
	no := []string{"", "-", ".", "e3", "1e", "1e+", "0x1p0", "1_000", "a",
		"1,0", "nanx", "infinit", "1.2.3", "--1"}
	for _, s := range yes {
		if !isNumber([]byte(s)) {
			t.Errorf("isNumber(%q) = false", s)
		}
	}
	for _, s := range no {
		if isNumber([]byte(s)) {
			t.Errorf("isNumber(%q) = true", s)
		}
	}
}

func TestReadText(t *testing.T) {
	s := func(n int) []string { return defaultNames(n) }
	for _, c := range []struct {
		name  string
		in    string
		o     ReadOptions
		names []string
		basis formats.Basis
		rows  int
		vals  []int8
	}{
		{"ising whitespace", "1 -1 1\n-1 -1 1\n", ReadOptions{},
			s(3), formats.Ising, 2, []int8{1, -1, 1, -1, -1, 1}},
		{"binary commas and header", "a,b,c\n1,0,1\n0, 0 ,1\n", ReadOptions{},
			[]string{"a", "b", "c"}, formats.Binary, 2, []int8{1, 0, 1, 0, 0, 1}},
		{"float spellings", "1.000000000000000000e+00 0.000000000000000000e+00\n" +
			"0.0 1.0\n", ReadOptions{}, s(2), formats.Binary, 2, []int8{1, 0, 0, 1}},
		{"comments, blank lines, CRLF, tabs, no final newline",
			"# made by hand\r\n\r\n  # indented comment\n1\t-1 \r\n\n-1  1",
			ReadOptions{}, s(2), formats.Ising, 2, []int8{1, -1, -1, 1}},
		{"quoted header", "\"x 1\",\"y\"\n1,1\n-1,1\n", ReadOptions{},
			[]string{"x 1", "y"}, formats.Ising, 2, []int8{1, 1, -1, 1}},
		{"numeric header tokens mixed with names", "1 b\n0 1\n", ReadOptions{},
			[]string{"1", "b"}, formats.Binary, 1, []int8{0, 1}},
		{"transpose", "1 0 0\n1 1 0\n", ReadOptions{Transpose: true},
			s(2), formats.Binary, 3, []int8{1, 1, 0, 1, 0, 0}},
		{"threshold", "0.1 0.9 0.5\n255 0 128\n", ReadOptions{Threshold: ptr(0.5)},
			s(3), formats.Binary, 2, []int8{0, 1, 0, 1, 0, 1}},
		{"threshold ising", "0.1 0.9\n", ReadOptions{Threshold: ptr(0.5),
			Basis: "ising"}, s(2), formats.Ising, 1, []int8{-1, 1}},
		{"only ones", "1 1\n1 1\n", ReadOptions{}, s(2), formats.Ising, 2,
			[]int8{1, 1, 1, 1}},
		{"only ones forced binary", "1 1\n", ReadOptions{Basis: "binary"},
			s(2), formats.Binary, 1, []int8{1, 1}},
		{"only zeros", "0 0\n", ReadOptions{}, s(2), formats.Binary, 1,
			[]int8{0, 0}},
		{"names option", "1 0\n", ReadOptions{Names: []string{"p", "q"}},
			[]string{"p", "q"}, formats.Binary, 1, []int8{1, 0}},
		{"names option over header", "a b\n1 0\n",
			ReadOptions{Names: []string{"p", "q"}},
			[]string{"p", "q"}, formats.Binary, 1, []int8{1, 0}},
		{"UTF-8 byte order mark", "\xef\xbb\xbfa,b\n1,0\n", ReadOptions{},
			[]string{"a", "b"}, formats.Binary, 1, []int8{1, 0}},
		{"byte order mark before data", "\xef\xbb\xbf1,0\n", ReadOptions{},
			s(2), formats.Binary, 1, []int8{1, 0}},
		{"single column", "1\n-1\n1\n", ReadOptions{}, s(1), formats.Ising, 3,
			[]int8{1, -1, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := readString(c.in, c.o)
			if err != nil {
				t.Fatal(err)
			}
			checkDataset(t, p.Dataset, c.names, c.basis, c.rows, c.vals)
		})
	}
}

func TestReadTextNotes(t *testing.T) {
	p, err := readString("1 1\n", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Notes) != 1 || p.Dataset.Meta[KeyBasisNote] != p.Notes[0] {
		t.Errorf("ambiguous basis: notes %q, meta %q", p.Notes, p.Dataset.Meta)
	}
	p, err = readString("a b c\n1 0 1\n0 0 1\n", ReadOptions{Transpose: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, p.Dataset, defaultNames(2), formats.Binary, 3,
		[]int8{1, 0, 0, 0, 1, 1})
	if len(p.Notes) != 1 {
		t.Errorf("transposed header: notes %q, want one", p.Notes)
	}
	m := p.Dataset.Meta
	if m[KeyTranspose] != "true" || m[KeyFormat] != "text" || m[KeyThreshold] != "" {
		t.Errorf("meta %q", m)
	}
	p, _ = readString("0.3\n", ReadOptions{Threshold: ptr(0.25)})
	if p.Dataset.Meta[KeyThreshold] != "0.25" {
		t.Errorf("threshold meta %q", p.Dataset.Meta)
	}
}

// TestReadTextErrors covers every bad text input of the ingest issue; the
// messages are part of the user interface.
func TestReadTextErrors(t *testing.T) {
	for _, c := range []struct {
		name, in string
		o        ReadOptions
		want     string
	}{
		{"empty file", "", ReadOptions{},
			"d.txt: file has no data rows (empty, or only comments and blank lines)"},
		{"only comments", "# nothing\n\n  \n", ReadOptions{},
			"d.txt: file has no data rows (empty, or only comments and blank lines)"},
		{"header only", "a b c\n# no data\n", ReadOptions{},
			"d.txt: file has a header line but no data rows"},
		{"short row", "1 0 1\n0 1 1\n1 1\n", ReadOptions{},
			"d.txt:3: line has 2 values, but the first row (line 1) has 3 " +
				"(ragged or wrapped rows)"},
		{"long row under header", "a,b\n1,0\n0,1,1,0\n", ReadOptions{},
			"d.txt:3:3: line has 4 values, but the header (line 1) has 2 " +
				"(ragged or wrapped rows)"},
		{"wrapped rows", "1 0 1 1 0 1\n1 1 0 0\n1 1\n", ReadOptions{},
			"d.txt:2: line has 4 values, but the first row (line 1) has 6 " +
				"(ragged or wrapped rows)"},
		{"non-numeric", "1 0\n1 x\n", ReadOptions{},
			`d.txt:2:2: value "x" is not a number`},
		{"NaN", "1 0\nNaN 1\n", ReadOptions{},
			`d.txt:2:1: value "NaN" is not a finite number`},
		{"signed nan with threshold", "-nan 1\n", ReadOptions{Threshold: ptr(0.)},
			`d.txt:1:1: value "-nan" is not a finite number`},
		{"Inf", "1 -Inf\n", ReadOptions{},
			`d.txt:1:2: value "-Inf" is not a finite number`},
		{"overflow", "1 1e999\n", ReadOptions{},
			`d.txt:1:2: value "1e999" is not a finite number`},
		{"outside inferred ising", "-1 1\n1 2\n", ReadOptions{},
			`d.txt:2:2: value "2" is outside the basis {-1,+1}`},
		{"outside inferred binary", "0 1\n1 3.0\n", ReadOptions{},
			`d.txt:2:2: value "3.0" is outside the basis {0,1}`},
		{"outside unknown", "1 1\n1 -2\n", ReadOptions{},
			`d.txt:2:2: value "-2" is outside the basis {-1,+1} or {0,1}`},
		{"mixed bases", "# c\n1 -1\n1 1\n0 1\n", ReadOptions{},
			`d.txt:4:1: value "0" is outside the basis {-1,+1} implied by ` +
				`"-1" at line 2, column 2`},
		{"mixed bases other order", "0.0 1\n1 -1.0\n", ReadOptions{},
			`d.txt:2:2: value "-1.0" is outside the basis {0,1} implied by ` +
				`"0.0" at line 1, column 1`},
		{"forced ising", "1 1\n0 1\n", ReadOptions{Basis: "ising"},
			`d.txt:2:1: value "0" is outside the basis {-1,+1}`},
		{"forced binary", "1 1\n1 -1\n", ReadOptions{Basis: "binary"},
			`d.txt:2:2: value "-1" is outside the basis {0,1}`},
		{"real values without threshold", "1 0\n0.5 1\n", ReadOptions{},
			`d.txt:2:1: value "0.5" is not an integer spin value (set a ` +
				`threshold, --threshold, to binarise real-valued data)`},
		{"duplicate names", "a,b,a\n1,0,1\n", ReadOptions{},
			`d.txt:1:3: value "a" is a duplicate column name (also column 1)`},
		{"empty name (pandas index column)", ",a,b\n0,1,0\n", ReadOptions{},
			`d.txt:1:1: column name is empty`},
		{"empty value", "1,0,1\n1,,1\n", ReadOptions{},
			`d.txt:2:2: empty value between commas`},
		{"trailing comma", "1,0,\n", ReadOptions{},
			`d.txt:1:3: empty value between commas`},
		{"missing first value", ",1,0\n1,1,0\n", ReadOptions{},
			`d.txt:1:1: empty value between commas`},
		{"wrong alphabet: FASTA", ">seq1\nACGTAC\n", ReadOptions{},
			`d.txt:2:1: value "ACGTAC" is not a number`},
		{"wrong alphabet: one sequence", "ACGTACGT\n", ReadOptions{},
			"d.txt: file has a header line but no data rows"},
		{"wrong alphabet: letters", "A C\nG T\n", ReadOptions{},
			`d.txt:2:1: value "G" is not a number`},
		{"binary garbage", "\x00\x01\x02 x\n1 1\n", ReadOptions{},
			`d.txt:1:1: value "\x00\x01\x02" is not text: the input is binary ` +
				`or in a format spinfer does not read`},
		{"names option count", "1 0\n", ReadOptions{Names: []string{"a"}},
			"d.txt: 1 names were given but the data has 2 variables"},
		{"long token shortened", "1 123456789012345678901234567890123456789012345\n", ReadOptions{},
			`d.txt:1:2: value "1234567890123456789012345678901234567..." ` +
				`is outside the basis {-1,+1} or {0,1}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := readString(c.in, c.o)
			if p != nil {
				t.Errorf("got a dataset with the error")
			}
			wantInputError(t, err, c.want)
		})
	}
}

func TestReadOptionsValidate(t *testing.T) {
	err := ReadOptions{Basis: "potts", Threshold: ptr(math.NaN()),
		Names: []string{"a", "a"}}.Validate()
	if !IsInputError(err) {
		t.Fatalf("%v is not an input error", err)
	}
	want := `ingest: Basis "potts" is not one of ising, binary` + "\n" +
		`ingest: Threshold NaN is not a finite number` + "\n" +
		`ingest: Names: entry 2: "a" is a duplicate column name (also column 1)`
	if got := stripInput(err.Error()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := (ReadOptions{Basis: "binary", Threshold: ptr(0.)}).Validate(); err != nil {
		t.Errorf("valid options: %v", err)
	}
}

// stripInput removes the "input error: " prefixes of pipeline.Inputf.
func stripInput(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "input error: ")
	}
	return strings.Join(lines, "\n")
}
