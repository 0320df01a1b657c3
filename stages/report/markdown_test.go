package report

import (
	"math"
	"testing"
)

func TestNum(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {60, "60"}, {-3, "-3"}, {0.9496450881853948, "0.9496"},
		{-0.03532291001545356, "-0.03532"}, {1234.5678, "1235"}, {2.5e-7, "2.5e-07"},
		{1e7, "1e+07"}, {math.NaN(), "n/a"}, {math.Inf(1), "n/a"},
	} {
		if got := num(c.x); got != c.want {
			t.Errorf("num(%v) = %q, want %q", c.x, got, c.want)
		}
	}
}

func TestTableEscapes(t *testing.T) {
	var p page
	p.table([]string{"a", "b"}, [][]string{{"x|y", "line\nbreak"}})
	want := "| a | b |\n|---|---|\n| x\\|y | line break |\n\n"
	if p.String() != want {
		t.Errorf("got %q, want %q", p.String(), want)
	}
}

// |m| histograms: N = 4 spins take |m| ∈ {0, ½, 1}; N = 5 take {⅕, ⅗, 1}.
// The fractions are counted by hand from the rows.
func TestAbsHist(t *testing.T) {
	four := mags{n: 4, abs: []float64{1, 0.5, 0, 0.5, 1}}
	if e := absEdges(4); len(e) != 4 || e[0] != -0.25 || e[3] != 1.25 {
		t.Errorf("edges N = 4: %v", e)
	}
	got := absHist(four, absEdges(4))
	for i, want := range []float64{0.2, 0.4, 0.4} {
		if math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("N = 4: bin %d = %v, want %v", i, got[i], want)
		}
	}
	five := mags{n: 5, abs: []float64{0.2, 0.6, 0.6, 1}}
	got = absHist(five, absEdges(5))
	for i, want := range []float64{0.25, 0.5, 0.25} {
		if math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("N = 5: bin %d = %v, want %v", i, got[i], want)
		}
	}
	large := mags{n: 200, abs: []float64{0, 0.999, 1}}
	got = absHist(large, absEdges(200))
	if len(got) != absBinsLarge || got[0] != 1.0/3 || got[absBinsLarge-1] != 2.0/3 {
		t.Errorf("N = 200: %v", got)
	}
}

func TestFlatten(t *testing.T) {
	got := flatten(map[string]any{"b": map[string]any{"y": 1.5, "x": "s"}, "a": nil,
		"c": []any{1.0, 2.0}, "d": ""})
	want := [][]string{{"a", "null"}, {"b.x", "s"}, {"b.y", "1.5"}, {"c", "[1,2]"},
		{"d", `""`}}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
			t.Errorf("row %d = %q, want %q", i, got[i], want[i])
		}
	}
}
