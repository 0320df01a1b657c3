package rbm

import "math"

// Elementwise kernels of the Gibbs sampler: for every unit of a row, the
// conditional probability q = σ(s·(x + bias)) of the unit being up and a
// Bernoulli draw with it. A draw compares 32 random bits r with q:
//
//	unit is up  ⇔  r < q·2³²   (r uniform on 0 … 2³²−1)
//
// which is u < q for u = r/2³² as in below, done in integers without a
// branch. One 64-bit PCG output gives two draws.
//
// In float32 the sigmoid uses exp32, a polynomial exponential accurate to
// a few float32 ulps; in float64 it uses math.Exp. Either way q is the
// conditional of REFERENCE §2 to the precision of T.

// drawRow sets out_j = 1 (up) with probability σ(s·(w·x_j + bb·bias_j))
// and 0 (down) otherwise, for j over x, drawing from rng. out receives
// unit values: {0,1}, or {−1,+1} when ising. q is scratch of at least
// len(out) entries for the float32 path.
func drawRow[T Float](out, x, bias []T, s, w, bb float64, ising bool, rng *stream,
	q []float32) {
	switch o := any(out).(type) {
	case []float32:
		q = q[:len(o)]
		sigmoidRow32(q, any(x).([]float32), any(bias).([]float32), float32(s*w), float32(s*bb))
		drawBits32(o, q, ising, rng)
	default:
		drawRow64(out, x, bias, s*w, s*bb, ising, rng)
	}
}

// drawHiddenProbs sets q_j = σ(x_j + bias_j) and draws out_j ∈ {0,1}
// with probability q_j, from rng: drawRow for hidden units at β = 1 that
// also returns the probabilities (the same bits in float32).
func drawHiddenProbs[T Float](out, q, x, bias []T, rng *stream) {
	switch o := any(out).(type) {
	case []float32:
		q32 := any(q).([]float32)[:len(o)]
		sigmoidRow32(q32, any(x).([]float32), any(bias).([]float32), 1, 1)
		drawBits32(o, q32, false, rng)
	default:
		q, x, bias = q[:len(out)], x[:len(out)], bias[:len(out)]
		for j := range q {
			q[j] = T(sigmoid(float64(x[j]) + float64(bias[j])))
		}
		j := 0
		for ; j+1 < len(out); j += 2 {
			r := rng.Uint64()
			out[j] = T(bit64(r>>32, float64(q[j])))
			out[j+1] = T(bit64(r&0xffffffff, float64(q[j+1])))
		}
		if j < len(out) {
			out[j] = T(bit64(rng.Uint64()>>32, float64(q[j])))
		}
	}
}

// drawBits32 sets out_j to the up value with probability q_j. The unit
// values are read from a two-entry table indexed by the drawn bit.
func drawBits32(out, q []float32, ising bool, rng *stream) {
	q = q[:len(out)]
	val := [2]float32{0, 1}
	if ising {
		val = [2]float32{-1, 1}
	}
	hi, lw := rng.hi, rng.lo // the state stays in registers through the loop
	var r, r2 uint64
	j := 0
	for ; j+3 < len(out); j += 4 {
		hi, lw, r, r2 = pcgStep2(hi, lw)
		o, qj := out[j:j+4], q[j:j+4]
		o[0] = val[bit32(r>>32, qj[0])]
		o[1] = val[bit32(r&0xffffffff, qj[1])]
		o[2] = val[bit32(r2>>32, qj[2])]
		o[3] = val[bit32(r2&0xffffffff, qj[3])]
	}
	for ; j < len(out); j += 2 {
		hi, lw, r = pcgStep(hi, lw)
		out[j] = val[bit32(r>>32, q[j])]
		if j+1 < len(out) {
			out[j+1] = val[bit32(r&0xffffffff, q[j+1])]
		}
	}
	rng.hi, rng.lo = hi, lw
}

// sigmoidRow32Scalar sets q_j = σ(sw·x_j + sb·bias_j) = 1/(1+e^{−y}) in
// float32 (exp32 is inlined, so the loop has no call). sigmoidRow32 is
// this loop, or the AVX2 loop of kernels_simd.go that gives the same bits.
func sigmoidRow32Scalar(q, x, bias []float32, sw, sb float32) {
	x, bias = x[:len(q)], bias[:len(q)]
	for j := range q {
		q[j] = 1 / (1 + exp32(-(float32(sw*x[j]) + float32(sb*bias[j]))))
	}
}

// drawRow64 is drawRow in the precision of T with q computed in float64.
func drawRow64[T Float](out, x, bias []T, sw, sb float64, ising bool, rng *stream) {
	x, bias = x[:len(out)], bias[:len(out)]
	j := 0
	for ; j+1 < len(out); j += 2 {
		r := rng.Uint64()
		q0 := sigmoid(sw*float64(x[j]) + sb*float64(bias[j]))
		q1 := sigmoid(sw*float64(x[j+1]) + sb*float64(bias[j+1]))
		out[j] = unit[T](bit64(r>>32, q0), ising)
		out[j+1] = unit[T](bit64(r&0xffffffff, q1), ising)
	}
	if j < len(out) {
		r := rng.Uint64()
		q := sigmoid(sw*float64(x[j]) + sb*float64(bias[j]))
		out[j] = unit[T](bit64(r>>32, q), ising)
	}
}

// bit32 returns 1 when r < q·2³² (r < 2³², q ∈ [0,1]) and 0 otherwise,
// without a branch: the sign bit of r − ⌊q·2³²⌋ in 64-bit arithmetic.
func bit32(r uint64, q float32) uint64 {
	return (r - uint64(int64(q*0x1p32))) >> 63
}

// bit64 is bit32 for a float64 probability.
func bit64(r uint64, q float64) uint64 {
	return (r - uint64(int64(q*0x1p32))) >> 63
}

// Constants of exp32.
const (
	log2e      = 1.44269504088896341
	ln2hi      = 0.693359375
	ln2lo      = -2.12194440e-4
	roundMagic = 0x1.8p23 // adding and subtracting it rounds to an integer
)

// exp32 returns eˣ in float32 for x clamped to [−87, 88]:
//
//	eˣ = 2ⁿ · e^f,   n = round(x / ln 2),   f = x − n ln 2 ∈ [−ln2/2, ln2/2]
//
// with e^f from its Taylor polynomial of degree 6 (truncation below
// 1.3e−7 relative, about one float32 ulp) and ln 2 split in two parts so
// that f is exact to float32 rounding. The relative error is a few
// float32 ulps.
func exp32(x float32) float32 {
	x = max(min(x, 88), -87)
	n := float32(float32(x*log2e)+roundMagic) - roundMagic
	f := x - float32(n*ln2hi)
	f -= float32(n * ln2lo)
	return expPoly(f) * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// expPoly returns the degree-6 Taylor polynomial of e^f by Horner's rule.
// Every product is rounded before the sum (the conversions forbid fused
// multiply-adds), as in the vector loop.
func expPoly(f float32) float32 {
	p := float32(1.0 / 120)
	p += float32(f * (1.0 / 720))
	p = 1.0/24 + float32(f*p)
	p = 1.0/6 + float32(f*p)
	p = 0.5 + float32(f*p)
	p = 1 + float32(f*p)
	return 1 + float32(f*p)
}
