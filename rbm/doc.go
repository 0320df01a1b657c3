// Package rbm implements the mathematics of Restricted Boltzmann Machines
// for spinfer: the model, its energies and conditionals, exact and
// estimated partition functions, Gibbs samplers, and training by
// likelihood gradient ascent with the chain protocols of the field. It does
// no file I/O and never prints; stages convert to and from formats.Model
// and persist a Trainer's State.
//
// # Model
//
// N visible units v, M Bernoulli hidden units h ∈ {0,1}^M, weights W
// (N×M), visible biases b (N) and hidden biases c (M):
//
//	E(v,h) = − bᵀv − cᵀh − vᵀWh,     P(v,h) = exp(−E(v,h)) / Z
//	p(h_a = 1 | v) = σ(c_a + Σ_i v_i W_ia)
//	p(v_i = 1 | h) = σ(b_i + Σ_a W_ia h_a)                (Binary, v ∈ {0,1})
//	p(s_i = +1 | h) = σ(2(b_i + Σ_a W_ia h_a))            (Ising, s ∈ {±1})
//
// Free energies use the stable forms softplus(x) = max(x,0) +
// log1p(e^{−|x|}) and log(2 cosh x) = |x| + log1p(e^{−2|x|}).
//
// # Data layout
//
// Every matrix is row-major. W is N×M with W[i*M+a]. Data, chains and
// samples are rows×N with one configuration per row; hidden states are
// rows×M. Data passed in are int8 values in the alphabet of the visible
// units ({0,1} for Binary, {−1,+1} for Ising). Parallel-tempering replicas
// are stacked replica-major (row r·chains + n is chain n of replica r).
//
// # Precision
//
// Parameters and chains are generic over Float (float32 or float64); all
// matrix products go through gonum's blas32/blas64 in one file (blas.go),
// so a faster BLAS can be plugged in with blas32.Use or blas64.Use.
// Log-partition functions, log-likelihoods and importance weights are
// accumulated in float64 whatever the training precision.
//
// # Randomness and determinism
//
// A master seed yields independent PCG streams, one per purpose and per
// block of chains (a fixed number of chains per block). Work is spread
// over goroutines by block and every block writes only its own rows, so
// results are identical at any GOMAXPROCS.
//
// References:
//
//   - Decelle, Furtlehner, Seoane. Equilibrium and non-equilibrium regimes
//     in the learning of Restricted Boltzmann Machines. NeurIPS 2021.
//   - Béreux, Decelle, Furtlehner, Rosset, Seoane. Fast training and
//     sampling of Restricted Boltzmann Machines. ICLR 2025,
//     arXiv:2405.15376.
//   - Neal. Annealed importance sampling. Stat. Comput. 11, 125 (2001).
package rbm
