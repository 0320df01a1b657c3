//go:build !(goexperiment.simd && amd64)

package rbm

// sigmoidRow32 sets q_j = σ(sw·x_j + sb·bias_j) in float32 (the scalar
// loop; builds with GOEXPERIMENT=simd on amd64 use AVX2 when present).
func sigmoidRow32(q, x, bias []float32, sw, sb float32) {
	sigmoidRow32Scalar(q, x, bias, sw, sb)
}

// elementwiseKernel names the sigmoid loop in use.
func elementwiseKernel() string { return "scalar" }
