// Package importmodel is the import stage: it turns the parameters of a
// Restricted Boltzmann Machine trained elsewhere (PyTorch, scikit-learn,
// the field's Python packages) into a spinfer model directory, so that
// the couplings, sample and evaluate stages work on it.
//
// # Model and conventions
//
// spinfer's RBM has N visible units v, M hidden units h ∈ {0,1}, weights W
// (N×M), visible biases b (N) and hidden biases c (M), and energy
//
//	E(v,h) = − bᵀv − cᵀh − vᵀWh
//
// with v ∈ {0,1}^N ("binary", Options.Visible default) or v = s ∈
// {−1,+1}^N ("ising"). A model trained with another sign, a factor on the
// energy, or ±1 hidden units must be converted to this form first.
//
// # Inputs
//
// W, b and c come in three files, each .npy, Parquet or text; the format
// is found from the first bytes (the .npy magic string, Parquet's PAR1,
// anything else is text):
//
//   - .npy: float32/float64, signed or unsigned integers or bool, either
//     byte order, C or Fortran order; W is 2-D, a bias 1-D or 2-D with one
//     row or one column.
//   - Parquet: a flat numeric table (formats.ReadWide): W as rows×columns,
//     a bias as a single column (or a single row); pandas index columns
//     are skipped.
//   - text: numbers separated by commas or whitespace, one matrix row per
//     line; blank lines and '#' comments are skipped; a first line that is
//     not numbers is a header and is skipped with a note (with an empty
//     first name it is pandas' to_csv header, and the index field of every
//     line is dropped too).
//
// W is read as N×M by default (LayoutNM: W[i,a], row i is visible unit i)
// or as M×N with LayoutMN (row a is hidden unit a). The biases' lengths
// are checked against W; a mismatch names the files, their shapes and
// what each should hold, and says when the other layout would fit. A
// square W (N = M) cannot be checked and gets a note. NaN and ±Inf are
// refused with the file, line or row, and column of the first one.
//
// # scikit-learn
//
// sklearn.neural_network.BernoulliRBM has binary visible and hidden
// units and the same energy, with components_ = Wᵀ (M×N),
// intercept_visible_ = b (N) and intercept_hidden_ = c (M); its free
// energy F(v) = −bᵀv − Σ_a softplus(c_a + Σ_i v_i W_ia) is spinfer's.
// Saved with numpy.save, the three arrays import with LayoutMN and the
// binary visible type. A torch.nn.Linear(N, M) weight is also M×N.
//
// # Output
//
// The model directory has variable names from Options.Names, the dataset
// Options.Dataset, or (importing into a run directory that has one) the
// run's dataset.parquet, else s0 … s{N−1}; its training record has
// protocol "imported", the layout, and each input file's base name,
// sha256, format, dtype and shape.
//
// References:
//
//	Decelle, Furtlehner, Navas Gómez, Seoane. Inferring effective couplings
//	with Restricted Boltzmann Machines. SciPost Phys. 16, 095 (2024),
//	arXiv:2309.02292 (couplings of a trained RBM, whatever trained it).
package importmodel
