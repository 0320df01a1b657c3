package importmodel

import (
	"fmt"
	"strings"
)

// vector returns the entries of a bias file: a 1-D array, or a matrix
// with one row or one column.
func (m *matrix) vector() ([]float64, error) {
	if m.rows != 1 && m.cols != 1 {
		return nil, fileErr(m.role, m.path, nil, "is %d×%d, but a bias is one vector: "+
			"1-D, or 2-D with one row or one column", m.rows, m.cols)
	}
	return m.vals, nil
}

// weights returns W as N×M row-major, transposing an M×N file.
func (m *matrix) weights(layout string) (w []float64, n, nh int, err error) {
	if m.oneD() {
		return nil, 0, 0, fileErr(m.role, m.path, nil, "is 1-D (shape (%d,)), but the "+
			"weights are a matrix: N×M, or M×N with --layout MxN", m.rows)
	}
	if layout == LayoutNM {
		return m.vals, m.rows, m.cols, nil
	}
	n, nh = m.cols, m.rows
	w = make([]float64, len(m.vals))
	for a := range nh {
		for i := range n {
			w[i*nh+a] = m.vals[a*n+i]
		}
	}
	return w, n, nh, nil
}

// checkShapes checks that the biases have N and M entries for a weight
// file of r×c under layout, and otherwise says what each file should hold
// and whether the other layout would fit.
func checkShapes(layout string, w, b, c *matrix, nb, nc int) error {
	n, nh := w.rows, w.cols
	other, desc := LayoutMN, "N×M"
	if layout == LayoutMN {
		n, nh = nh, n
		other, desc = LayoutNM, "M×N"
	}
	if nb == n && nc == nh {
		return nil
	}
	var wrong []string
	for _, x := range []struct {
		f         *matrix
		got, want int
		sym       string
	}{{b, nb, n, "N"}, {c, nc, nh, "M"}} {
		if x.got != x.want {
			wrong = append(wrong, fmt.Sprintf("%s %s has %d entries: with --layout %s "+
				"it should have %d (%s)", x.f.role, x.f.path, x.got, layout, x.want, x.sym))
		}
	}
	msg := fmt.Sprintf("weights %s is %s (%s), but %s", w.path, w.dims(), desc,
		strings.Join(wrong, ", and "))
	if nb == nh && nc == n {
		msg += fmt.Sprintf("; did you mean --layout %s? (or are the visible and hidden "+
			"biases swapped?)", other)
	}
	return &InputError{Msg: msg}
}
