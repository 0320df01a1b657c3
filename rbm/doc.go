// Package rbm implements the mathematics of Restricted Boltzmann Machines
// for spinfer: the model, its energies and conditionals, exact and
// estimated partition functions, Monte Carlo samplers, and training by
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
//	p(h_a = 1 | v)  = σ(c_a + Σ_i v_i W_ia)
//	p(v_i = 1 | h)  = σ(b_i + Σ_a W_ia h_a)         Binary, v ∈ {0,1}
//	p(s_i = +1 | h) = σ(2(b_i + Σ_a W_ia h_a))      Ising,  s ∈ {−1,+1}
//	F(v) = − bᵀv − Σ_a softplus(c_a + Σ_i v_i W_ia)
//
// Free energies use softplus(x) = max(x,0) + log1p(e^{−|x|}) and
// log(2 cosh x) = |x| + log1p(e^{−2|x|}); nothing is clamped.
//
// # Training
//
// [Trainer] ascends the log-likelihood, θ ← θ + lr·∇θ, with the centred
// gradient by default (switchable off):
//
//	∇W = ⟨(v−v̄)(mh−h̄)ᵀ⟩_data − ⟨(v−v̄)(mh−h̄)ᵀ⟩_model
//	∇b = ⟨v⟩_data − ⟨v⟩_model − ∇W h̄,   ∇c = ⟨mh⟩_data − ⟨mh⟩_model − ∇Wᵀ v̄
//
// where mh = p(h=1|v), v̄ and h̄ are minibatch means of the data (v̄
// clipped away from the alphabet's ends). In the model term mh is
// recomputed from the chains' final visible state. The model term comes
// from one of five protocols ([Protocol]): CD-k (chains restart from the
// minibatch), PCD-k (persistent chains, the default), Rdm-k (chains restart
// from uniform random states; a generator of k-step samples whose
// equilibrium is not the data's), PT (persistent replicas at β_0 < … <
// β_K = 1 with neighbour swaps, ladder built greedily for a target swap
// rate), and Jarzynski (persistent weighted chains with systematic
// resampling under an ESS threshold). Every update checks every parameter
// and reports NaN or ±Inf as a [*DivergenceError].
//
// # Measures and samplers
//
// [ExactLogZ] enumerates the smaller layer (up to [MaxExactUnits] units);
// [AIS] estimates log Z with a spread over repeats; [LogLikelihood],
// [PseudoLogLikelihood] (total and per site), [ReconstructionError] and
// [SingularValues] follow learning. [Sample], [SamplePT] and
// [PopulationAnneal] draw configurations; [MixingDiagnostic] runs the
// t versus t/2 overlap test and measures the energy autocorrelation time.
//
// # Data layout
//
// Every matrix is row-major. W is N×M with W[i*M+a]. Data, chains and
// samples are rows×N with one configuration per row; hidden states are
// rows×M. Data passed in are int8 values in the alphabet of the visible
// units ({0,1} for Binary, {−1,+1} for Ising); other values are reported
// with their row and column. Parallel-tempering replicas are stacked
// replica-major: row r·chains + n is chain n of replica r, and replica
// K (the last) is at β = 1.
//
// # Precision
//
// Parameters and chains are generic over [Float] (float32 or float64, the
// same code). Training runs in float32 unless the caller instantiates
// float64. All matrix products go through gonum's blas32/blas64 in one
// file (blas.go), so a faster BLAS is plugged in with blas32.Use or
// blas64.Use; the build tag `openblas` installs OpenBLAS through cgo
// (blas_openblas.go) and [CurrentBackend] reports what is in use. The
// weight gradient is one product over the minibatch and the chains
// together, split over the rows of ∇W (blas_split.go), and the centring
// is a rank-two correction of it (gradient.go). PCD and Jarzynski chains
// keep their hidden draw between updates, so a PCD-k update costs 2k
// chain products (pcdSteps). Under GOEXPERIMENT=simd the float32 sigmoids
// run on AVX2 with the scalar loop's bits ([ElementwiseKernel]).
// Log-partition functions, log-likelihoods, pseudo-likelihoods and
// importance weights are computed in float64 whatever the training
// precision.
//
// # Invariants
//
//   - Chain states hold exact unit values (0/1 or ±1) in T.
//   - A master seed yields independent PCG streams, one per purpose and
//     per block of 32 chains. Work is spread over goroutines by block
//     (and by parts of rows fixed by the sizes), every piece writes only
//     its own rows, and sums shared between goroutines run in chunks
//     fixed by the sizes and added in order, so every result is
//     identical at any GOMAXPROCS.
//   - A Trainer's [State] captures parameters (in the training precision),
//     chains, weights, ladder, every stream and every counter: a resumed
//     run continues bit for bit.
//   - Trainers are not safe for concurrent use; the package-level
//     functions do not share state and may run concurrently.
//
// References:
//
//   - Decelle, Furtlehner, Seoane. Equilibrium and non-equilibrium regimes
//     in the learning of Restricted Boltzmann Machines. NeurIPS 2021.
//   - Agoritsas, Catania, Decelle, Seoane. Explaining the effects of
//     non-convergent sampling in the training of Energy-Based Models.
//     ICML 2023.
//   - Béreux, Decelle, Furtlehner, Rosset, Seoane. Fast training and
//     sampling of Restricted Boltzmann Machines. ICLR 2025,
//     arXiv:2405.15376.
//   - Carbone, Hua, Coste, Vanden-Eijnden. Efficient training of
//     energy-based models using Jarzynski equality. NeurIPS 2023,
//     arXiv:2305.19414.
//   - Hukushima, Iba. Population annealing and its application to a spin
//     glass. AIP Conf. Proc. 690, 200 (2003).
//   - Neal. Annealed importance sampling. Stat. Comput. 11, 125 (2001).
package rbm
