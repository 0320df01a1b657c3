package formats

// MaxColumns is the largest number of columns of a Parquet table spinfer
// writes: parquet-go indexes columns with 16 bits and panics beyond this.
// A dataset has one column per variable and weights.parquet one per hidden
// unit.
const MaxColumns = 65534

// Basis names the alphabet of a dataset's values.
type Basis string

const (
	// Ising values are −1 and +1.
	Ising Basis = "ising"
	// Binary (lattice-gas) values are 0 and 1.
	Binary Basis = "binary"
)

// Artifact kinds, written as the spinfer.artifact metadata value.
const (
	ArtifactDataset     = "dataset"
	ArtifactSamples     = "samples"
	ArtifactWeights     = "model-weights"
	ArtifactVisible     = "model-visible"
	ArtifactHidden      = "model-hidden"
	ArtifactFields      = "couplings-fields"
	ArtifactPairs       = "couplings-pairs"
	ArtifactTriplets    = "couplings-triplets"
	ArtifactQuadruplets = "couplings-quadruplets"
	ArtifactMetrics     = "metrics"
)

// Metadata keys shared by the artifacts (docs/formats.md lists them all).
// The writers set KeyArtifact, KeyVersion and KeyRows on every file, and
// KeyBasis and KeyVars on datasets and samples; callers supply the others
// through Meta.
const (
	KeyArtifact = "spinfer.artifact"      // artifact kind, one of the Artifact… constants
	KeyVersion  = "spinfer.version"       // SpinferVersion of the writer
	KeyBasis    = "spinfer.basis"         // "ising" or "binary"
	KeySource   = "spinfer.source"        // input file name
	KeySHA256   = "spinfer.source_sha256" // hex sha256 of the input file
	KeyRows     = "spinfer.rows"          // row count, decimal
	KeyVars     = "spinfer.variables"     // number of variables N, decimal
)

// Dataset is a matrix of spin configurations.
//
// Values is Rows×len(Names), row-major: configuration r, variable i is
// Values[r*len(Names)+i]. Values are ±1 when Basis is Ising and 0/1 when
// Basis is Binary. Meta holds extra key-value metadata (source file, its
// sha256, how samples were drawn); the writer adds the standard keys and
// the reader returns every key except those.
type Dataset struct {
	Names  []string
	Basis  Basis
	Rows   int
	Values []int8
	Meta   map[string]string
}

// N returns the number of variables.
func (d *Dataset) N() int { return len(d.Names) }

// Row returns configuration r as a slice aliasing Values.
func (d *Dataset) Row(r int) []int8 {
	n := len(d.Names)
	return d.Values[r*n : (r+1)*n]
}

// Model is a trained RBM as stored in a model directory.
//
// W is N×M row-major (visible i, hidden a at W[i*M+a]); B has N visible
// biases, C has M hidden biases. Visible is "bernoulli" (units over 0/1) or
// "ising" (units over ±1); Hidden is "bernoulli". Training records how the
// model was made and is written to model.json as is; ReadModel returns its
// numbers as json.Number. All parameters must be finite.
type Model struct {
	VisibleNames []string
	Visible      string
	Hidden       string
	W, B, C      []float64
	Training     map[string]any
}

// Unit types of a Model.
const (
	UnitBernoulli = "bernoulli"
	UnitIsing     = "ising"
)

// NVisible returns N.
func (m *Model) NVisible() int { return len(m.B) }

// NHidden returns M.
func (m *Model) NHidden() int { return len(m.C) }

// Term is one coupling: Sites[:order] are 0-based variable indices in
// increasing order, Value is in units of kT in the Ising basis with
// P(s) ∝ exp(−H), H = −Σ h_i s_i − Σ J_ij s_i s_j − …
type Term struct {
	Sites [4]int32
	Value float64
}

// Couplings is an effective Hamiltonian in the Ising basis.
//
// Names are the N variables in dataset order. Fields has N entries or is
// nil when not computed; Orders[k] for k = 2, 3, 4 lists the k-body terms
// in any order; a nil slice (or a missing key) means that order was not
// computed and its file is absent, while an empty non-nil slice means it
// was computed and kept no term. Meta
// holds method, source model and approximation settings.
type Couplings struct {
	Names  []string
	Fields []float64
	Orders map[int][]Term
	Meta   map[string]string
}
