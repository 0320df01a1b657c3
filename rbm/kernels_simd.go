//go:build goexperiment.simd && amd64

package rbm

import "simd/archsimd"

// The AVX2 sigmoid of builds with GOEXPERIMENT=simd (experimental, amd64
// only). It runs the operations of sigmoidRow32Scalar and exp32 in the
// same order on 8 lanes, each product rounded before its sum (no fused
// multiply-add), so every q_j has the bits of the scalar loop; the tail
// of a row (len mod 8) and machines without AVX2 use the scalar loop.
// The loop must stay free of legacy SSE instructions (a single one slows
// it many times): constants are broadcast once, outside the loop, and
// none of them is zero (a zero vector is made with the SSE XORPS).

// hasAVX2 reports whether the CPU runs the vector loop.
var hasAVX2 = archsimd.X86.AVX2()

// sigmoidRow32 sets q_j = σ(sw·x_j + sb·bias_j) in float32.
func sigmoidRow32(q, x, bias []float32, sw, sb float32) {
	x, bias = x[:len(q)], bias[:len(q)]
	j := 0
	if hasAVX2 {
		j = sigmoidRow32AVX2(q, x, bias, sw, sb)
	}
	sigmoidRow32Scalar(q[j:], x[j:], bias[j:], sw, sb)
}

// elementwiseKernel names the sigmoid loop in use.
func elementwiseKernel() string {
	if hasAVX2 {
		return "avx2"
	}
	return "scalar"
}

// sigmoidRow32AVX2 fills the first len(q) &^ 7 entries of q and returns
// their number.
func sigmoidRow32AVX2(q, x, bias []float32, sw, sb float32) int {
	bc := archsimd.BroadcastFloat32x8
	vsw, vsb, one := bc(-sw), bc(-sb), bc(1) // −(a·x + b·c) = (−a)·x + (−b)·c, exactly
	hi, lo, l2e, magic := bc(88), bc(-87), bc(log2e), bc(roundMagic)
	h2, l2 := bc(ln2hi), bc(ln2lo)
	c720, c120, c24, c6, half := bc(1.0/720), bc(1.0/120), bc(1.0/24), bc(1.0/6), bc(0.5)
	e127 := archsimd.BroadcastInt32x8(127)
	n8 := len(q) &^ 7
	j := 0
	// two vectors per iteration: their dependency chains (about 20
	// operations each) interleave, which one chain at a time leaves idle
	for ; j+16 <= n8; j += 16 {
		xa := archsimd.LoadFloat32x8Slice(x[j : j+8])
		xb := archsimd.LoadFloat32x8Slice(x[j+8 : j+16])
		ba := archsimd.LoadFloat32x8Slice(bias[j : j+8])
		bb := archsimd.LoadFloat32x8Slice(bias[j+8 : j+16])
		ya := vsw.Mul(xa).Add(vsb.Mul(ba)).Min(hi).Max(lo)
		yb := vsw.Mul(xb).Add(vsb.Mul(bb)).Min(hi).Max(lo)
		na := ya.Mul(l2e).Add(magic).Sub(magic)
		nb := yb.Mul(l2e).Add(magic).Sub(magic)
		fa := ya.Sub(na.Mul(h2)).Sub(na.Mul(l2))
		fb := yb.Sub(nb.Mul(h2)).Sub(nb.Mul(l2))
		pa, pb := c120.Add(fa.Mul(c720)), c120.Add(fb.Mul(c720))
		pa, pb = c24.Add(fa.Mul(pa)), c24.Add(fb.Mul(pb))
		pa, pb = c6.Add(fa.Mul(pa)), c6.Add(fb.Mul(pb))
		pa, pb = half.Add(fa.Mul(pa)), half.Add(fb.Mul(pb))
		pa, pb = one.Add(fa.Mul(pa)), one.Add(fb.Mul(pb))
		pa, pb = one.Add(fa.Mul(pa)), one.Add(fb.Mul(pb))
		sa := na.ConvertToInt32().Add(e127).ShiftAllLeft(23).AsFloat32x8()
		sb := nb.ConvertToInt32().Add(e127).ShiftAllLeft(23).AsFloat32x8()
		one.Div(one.Add(pa.Mul(sa))).StoreSlice(q[j : j+8])
		one.Div(one.Add(pb.Mul(sb))).StoreSlice(q[j+8 : j+16])
	}
	for ; j < n8; j += 8 {
		xv := archsimd.LoadFloat32x8Slice(x[j : j+8])
		bv := archsimd.LoadFloat32x8Slice(bias[j : j+8])
		y := vsw.Mul(xv).Add(vsb.Mul(bv)).Min(hi).Max(lo)

		// e^y = 2ⁿ·e^f as in exp32
		n := y.Mul(l2e).Add(magic).Sub(magic)
		f := y.Sub(n.Mul(h2)).Sub(n.Mul(l2))
		p := c120.Add(f.Mul(c720))
		p = c24.Add(f.Mul(p))
		p = c6.Add(f.Mul(p))
		p = half.Add(f.Mul(p))
		p = one.Add(f.Mul(p))
		p = one.Add(f.Mul(p))
		scale := n.ConvertToInt32().Add(e127).ShiftAllLeft(23).AsFloat32x8()

		one.Div(one.Add(p.Mul(scale))).StoreSlice(q[j : j+8])
	}
	return n8
}
