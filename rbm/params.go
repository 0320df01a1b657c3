package rbm

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// Visible is the type of the visible units.
type Visible int

const (
	// Binary visible units take values v ∈ {0,1}.
	Binary Visible = iota
	// Ising visible units take values s ∈ {−1,+1}, with
	// p(s_i = +1 | h) = σ(2(b_i + Σ_a W_ia h_a)).
	Ising
)

// String returns "binary" or "ising".
func (v Visible) String() string {
	switch v {
	case Binary:
		return "binary"
	case Ising:
		return "ising"
	}
	return fmt.Sprintf("Visible(%d)", int(v))
}

// ParseVisible parses "binary" (also "bernoulli") or "ising".
func ParseVisible(s string) (Visible, error) {
	switch s {
	case "binary", "bernoulli":
		return Binary, nil
	case "ising":
		return Ising, nil
	}
	return 0, fmt.Errorf("rbm: unknown visible unit type %q (want binary or ising)", s)
}

func (v Visible) valid() bool { return v == Binary || v == Ising }

// low returns the value of a visible unit that is "off": 0 or −1.
func (v Visible) low() int8 {
	if v == Ising {
		return -1
	}
	return 0
}

// Params are the parameters of an RBM with N visible and M hidden units.
//
// W is N×M row-major: the weight between visible i and hidden a is
// W[i*M+a]. B holds the N visible biases and C the M hidden biases. The
// energy is
//
//	E(v,h) = − Σ_i B_i v_i − Σ_a C_a h_a − Σ_ia v_i W_ia h_a
//
// with v ∈ {0,1}^N (Binary) or v ∈ {−1,+1}^N (Ising) and h ∈ {0,1}^M.
type Params[T Float] struct {
	N, M    int
	W       []T
	B       []T
	C       []T
	Visible Visible
}

// NewParams returns zero parameters. It panics if n or m is below 1 or the
// unit type is unknown.
func NewParams[T Float](n, m int, visible Visible) *Params[T] {
	if n < 1 || m < 1 || !visible.valid() {
		panic(fmt.Sprintf("rbm: NewParams(%d, %d, %v): bad shape or unit type", n, m, visible))
	}
	return &Params[T]{N: n, M: m, W: make([]T, n*m), B: make([]T, n), C: make([]T, m),
		Visible: visible}
}

// Validate reports a bad shape, an unknown unit type or a non-finite value.
func (p *Params[T]) Validate() error {
	var errs []error
	if p.N < 1 || p.M < 1 {
		errs = append(errs, fmt.Errorf("shape N=%d, M=%d: both must be ≥ 1", p.N, p.M))
	}
	if !p.Visible.valid() {
		errs = append(errs, fmt.Errorf("unknown visible unit type %d", int(p.Visible)))
	}
	if len(p.W) != p.N*p.M || len(p.B) != p.N || len(p.C) != p.M {
		errs = append(errs, fmt.Errorf("len(W)=%d, len(B)=%d, len(C)=%d for N=%d, M=%d",
			len(p.W), len(p.B), len(p.C), p.N, p.M))
	} else if name, x, bad := p.firstNonFinite(); bad {
		errs = append(errs, fmt.Errorf("%s = %v is not finite", name, x))
	}
	if len(errs) > 0 {
		return fmt.Errorf("rbm: invalid parameters: %w", errors.Join(errs...))
	}
	return nil
}

// checkFinite is firstNonFinite after a quick test: Σ|θ| is finite when
// every parameter is (a NaN or ±Inf makes the BLAS sum non-finite), so
// the scan runs only when the sum is not.
func (p *Params[T]) checkFinite() (string, float64, bool) {
	s := asum(p.W) + asum(p.B) + asum(p.C)
	if !math.IsNaN(s) && !math.IsInf(s, 0) {
		return "", 0, false
	}
	return p.firstNonFinite()
}

// firstNonFinite returns the name and value of the first NaN or ±Inf
// parameter in the order W (row-major), B, C.
func (p *Params[T]) firstNonFinite() (string, float64, bool) {
	for k, w := range p.W {
		if x := float64(w); math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprintf("W[%d,%d]", k/p.M, k%p.M), x, true
		}
	}
	for i, b := range p.B {
		if x := float64(b); math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprintf("b[%d]", i), x, true
		}
	}
	for a, c := range p.C {
		if x := float64(c); math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprintf("c[%d]", a), x, true
		}
	}
	return "", 0, false
}

// Clone returns a deep copy.
func (p *Params[T]) Clone() *Params[T] {
	return Convert[T](p)
}

// Float64 returns a float64 copy.
func (p *Params[T]) Float64() *Params[float64] {
	return Convert[float64](p)
}

// Convert returns a copy of p with elements of type T. Converting float32
// to float64 is exact; float64 to float32 rounds to nearest.
func Convert[T, U Float](p *Params[U]) *Params[T] {
	q := &Params[T]{N: p.N, M: p.M, Visible: p.Visible}
	q.W, q.B, q.C = convertSlice[T](p.W), convertSlice[T](p.B), convertSlice[T](p.C)
	return q
}

func convertSlice[T, U Float](x []U) []T {
	y := make([]T, len(x))
	for i, v := range x {
		y[i] = T(v)
	}
	return y
}

// InitParams returns the field's standard initialisation for data:
//
//	W_ia ~ N(0, std²),  c_a = 0,  b_i = independent-site field of ⟨v_i⟩
//
// For Binary units b_i = logit(p_i) with p_i = ⟨v_i⟩ clipped to
// [1e−4, 1−1e−4]. For Ising units the independent-site model with
// p(s_i = +1) = σ(2 b_i) has ⟨s_i⟩ = tanh b_i, so b_i = atanh(m_i) with
// m_i = ⟨s_i⟩ clipped to [−1+2e−4, 1−2e−4] (the same clip on
// p = (1+m)/2); equivalently b_i = ½ logit(p_i).
//
// data is rows×n row-major in the alphabet of visible ({0,1} or ±1). std
// ≤ 0 selects the field's 1e−4. src supplies the weights' randomness.
func InitParams[T Float](data []int8, n, m int, visible Visible, std float64,
	src rand.Source) (*Params[T], error) {
	if _, err := checkData(data, n, visible); err != nil {
		return nil, err
	}
	if std <= 0 {
		std = defaultInitStd
	}
	p := NewParams[T](n, m, visible)
	r := rand.New(src)
	for k := range p.W {
		p.W[k] = T(std * r.NormFloat64())
	}
	for i, x := range independentFields(data, n, visible) {
		p.B[i] = T(x)
	}
	return p, nil
}

// independentFields returns the visible biases of the independent-site
// model matching the clipped site means of data (see InitParams).
func independentFields(data []int8, n int, visible Visible) []float64 {
	b := make([]float64, n)
	for i, q := range siteMeans(data, n, visible) {
		p := clip(q, 1e-4, 1-1e-4)
		if visible == Ising {
			p = clip((1+q)/2, 1e-4, 1-1e-4)
		}
		b[i] = math.Log(p / (1 - p))
		if visible == Ising {
			b[i] /= 2
		}
	}
	return b
}

// siteMeans returns ⟨v_i⟩ over the rows of data (rows×n).
func siteMeans(data []int8, n int, visible Visible) []float64 {
	rows := len(data) / n
	s := make([]float64, n)
	for r := range rows {
		for i, x := range data[r*n : (r+1)*n] {
			s[i] += float64(x)
		}
	}
	for i := range s {
		s[i] /= float64(rows)
	}
	return s
}

// checkData verifies that data is a non-empty rows×n matrix in the
// alphabet of visible and returns rows.
func checkData(data []int8, n int, visible Visible) (int, error) {
	switch {
	case n < 1:
		return 0, fmt.Errorf("rbm: data: %d variables, want ≥ 1", n)
	case !visible.valid():
		return 0, fmt.Errorf("rbm: data: unknown visible unit type %d", int(visible))
	case len(data) == 0 || len(data)%n != 0:
		return 0, fmt.Errorf("rbm: data: %d values is not a positive multiple of %d variables",
			len(data), n)
	}
	lo := visible.low()
	for k, x := range data {
		if x != lo && x != 1 {
			return 0, fmt.Errorf("rbm: data row %d, column %d: value %d is not in the %v "+
				"alphabet {%d,1}", k/n, k%n, x, visible, lo)
		}
	}
	return len(data) / n, nil
}

// defaultInitStd is the standard deviation of the initial weights.
const defaultInitStd = 1e-4
