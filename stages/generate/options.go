package generate

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/spinfer/spinfer/ising"
	"github.com/spinfer/spinfer/pipeline"
)

// Model names accepted by Options.Model.
const (
	Ferro2D   = "ferro2d"   // periodic square lattice, bonds +J
	Ferro3D   = "ferro3d"   // periodic cubic lattice, bonds +J
	EA2D      = "ea2d"      // Edwards–Anderson on the square lattice, ±J or Gaussian
	EA3D      = "ea3d"      // Edwards–Anderson on the cubic lattice
	SK        = "sk"        // Sherrington–Kirkpatrick, J_ij ~ N(0, J²/N) or ±J/√N
	ER        = "er"        // Erdős–Rényi graph of mean degree Degree
	Planted3  = "planted3"  // planted 3-body terms on random triplets
	Planted4  = "planted4"  // planted 4-body terms on random quadruplets
	Plaquette = "plaquette" // square lattice with a 4-body term on every plaquette
)

// Models lists the model names in the order the help shows them.
var Models = []string{Ferro2D, Ferro3D, EA2D, EA3D, SK, ER, Planted3, Planted4, Plaquette}

// Sampler names accepted by Options.Sampler.
const (
	SamplerAuto       = "auto"
	SamplerMetropolis = string(ising.Metropolis)
	SamplerHeatBath   = string(ising.HeatBath)
	SamplerWolff      = string(ising.Wolff)
	SamplerPT         = string(ising.Tempering)
	SamplerExact      = string(ising.Exact)
)

// Samplers lists the sampler names.
var Samplers = []string{SamplerAuto, SamplerMetropolis, SamplerHeatBath, SamplerWolff,
	SamplerPT, SamplerExact}

// Defaults of Options.
const (
	DefaultL       = 8     // lattice side (2D); 3D lattices default to 5
	DefaultL3D     = 5     // lattice side of ferro3d and ea3d
	DefaultN       = 64    // sites of sk, er, planted3, planted4
	DefaultBeta    = 0.2   // every model is paramagnetic there at J = 1
	DefaultSamples = 10000 // rows of dataset.parquet
	DefaultChains  = 4     // independent Markov chains (fixed, not the core count)
	// AutoExactSites is the largest N SamplerAuto samples by enumeration.
	AutoExactSites = 16
)

// Options configures the generate stage. The zero value of every field but
// RunDir and one of Model and Hamiltonian means its documented default.
type Options struct {
	// RunDir receives dataset.parquet and truth/.
	RunDir string
	// Model is one of Models; exclusive with Hamiltonian.
	Model string
	// Hamiltonian is a couplings directory to sample (a truth/ or the
	// couplings spinfer inferred); exclusive with Model.
	Hamiltonian string

	// L is the lattice side, ≥ 3 (lattice models); default DefaultL in 2D,
	// DefaultL3D in 3D.
	L int
	// N is the number of sites of sk, er, planted3, planted4; default
	// DefaultN.
	N int
	// Degree is the mean degree of er, and of the optional pair graph of
	// planted3/planted4 (none when 0); for er 0 means 3.
	Degree float64
	// Beta > 0 multiplies every coupling and field; default DefaultBeta
	// for a Model, 1 for a Hamiltonian (already in units of kT).
	Beta float64
	// J is the pair-bond scale; 0 means 1.
	J float64
	// Bonds is the pair-bond distribution, "ferro", "pm" or "gauss";
	// default ferro for ferro2d, ferro3d, er, planted, plaquette, pm for
	// ea2d, ea3d, gauss for sk. Ferro models take only ferro.
	Bonds string
	// FieldStrength ≥ 0 draws fields h_i ~ N(0, FieldStrength²) before β;
	// 0 means none.
	FieldStrength float64
	// Triplets and Quadruplets are the numbers of planted 3- and 4-body
	// terms; default N for planted3's triplets, N/2 for planted4's
	// quadruplets, 0 otherwise.
	Triplets, Quadruplets int
	// HigherJ is the scale of 3- and 4-body terms; 0 means J.
	HigherJ float64
	// HigherBonds is their distribution; "" means ferro.
	HigherBonds string

	// Sampler is one of Samplers; "" means auto.
	Sampler string
	// Samples is the number of configurations, ≥ 1; 0 means DefaultSamples.
	Samples int
	// Chains is the number of independent chains; 0 means DefaultChains.
	Chains int
	// Workers is the number of goroutines; 0 means GOMAXPROCS. The files
	// do not depend on it.
	Workers int
	// Seed is the master seed of the model draw and of the chains.
	Seed uint64
	// Force replaces an existing dataset.parquet and truth/.
	Force bool
	// Progress, when set, is called after each kept sample.
	Progress func(done, total int) `json:"-"`
}

// Validate reports every invalid field at once. Errors wrap
// pipeline.ErrInput.
func (o Options) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, pipeline.Inputf("generate: "+format, a...))
	}
	if o.RunDir == "" {
		bad("a run directory is required")
	}
	switch {
	case o.Model == "" && o.Hamiltonian == "":
		bad("give a model (%v) or a Hamiltonian directory", Models)
	case o.Model != "" && o.Hamiltonian != "":
		bad("give a model or a Hamiltonian directory, not both")
	case o.Model != "" && !slices.Contains(Models, o.Model):
		bad("model %q: want one of %v", o.Model, Models)
	}
	if o.Sampler != "" && !slices.Contains(Samplers, o.Sampler) {
		bad("sampler %q: want one of %v", o.Sampler, Samplers)
	}
	if o.L < 0 || o.N < 0 || o.Samples < 0 || o.Chains < 0 || o.Workers < 0 ||
		o.Triplets < 0 || o.Quadruplets < 0 {
		bad("L, N, samples, chains, workers, triplets and quadruplets must be ≥ 0")
	}
	if !(o.Beta >= 0) || math.IsInf(o.Beta, 0) {
		bad("beta %v: want > 0", o.Beta)
	}
	if !(o.Degree >= 0) || math.IsInf(o.Degree, 0) {
		bad("degree %v: want ≥ 0", o.Degree)
	}
	errs = append(errs, o.validateModelFlags()...)
	return errors.Join(errs...)
}

// validateModelFlags rejects settings that the chosen model ignores or
// contradicts, so that a typo does not silently produce other data.
func (o Options) validateModelFlags() []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, pipeline.Inputf("generate: "+format, a...))
	}
	if o.Hamiltonian != "" {
		if o.L != 0 || o.N != 0 || o.Degree != 0 || o.J != 0 || o.Bonds != "" ||
			o.FieldStrength != 0 || o.Triplets != 0 || o.Quadruplets != 0 ||
			o.HigherJ != 0 || o.HigherBonds != "" {
			bad("with a Hamiltonian directory only beta, the sampler settings and the " +
				"seed apply")
		}
		return errs
	}
	lattice := isLattice(o.Model)
	if lattice && (o.N != 0 || o.Degree != 0) {
		bad("model %s is a lattice: set L, not N or degree", o.Model)
	}
	if !lattice && o.Model != "" && o.L != 0 {
		bad("model %s is not a lattice: set N, not L", o.Model)
	}
	if o.Degree != 0 && o.Model != ER && o.Model != Planted3 && o.Model != Planted4 {
		bad("degree applies to er, planted3 and planted4 only")
	}
	if (o.Model == Ferro2D || o.Model == Ferro3D) && o.Bonds != "" && o.Bonds != "ferro" {
		bad("model %s has ferromagnetic bonds; for %s bonds use ea%s", o.Model, o.Bonds,
			o.Model[len(o.Model)-2:])
	}
	return errs
}

func isLattice(model string) bool {
	switch model {
	case Ferro2D, Ferro3D, EA2D, EA3D, Plaquette:
		return true
	}
	return false
}

// Spec returns the ising.Spec a named model describes, defaults filled.
// It panics when o.Model is not one of Models (Validate first).
func (o Options) Spec() ising.Spec {
	s := ising.Spec{Beta: o.Beta, J: o.J, Bonds: ising.Bonds(o.Bonds),
		FieldStrength: o.FieldStrength, Triplets: o.Triplets, Quadruplets: o.Quadruplets,
		HigherJ: o.HigherJ, HigherBonds: ising.Bonds(o.HigherBonds)}
	if s.Beta == 0 {
		s.Beta = DefaultBeta
	}
	switch o.Model {
	case Ferro2D, EA2D, Plaquette, Ferro3D, EA3D:
		s.Graph, s.Dim, s.L = ising.Lattice, 2, o.L
		if o.Model == Ferro3D || o.Model == EA3D {
			s.Dim = 3
		}
		if s.L == 0 {
			s.L = map[int]int{2: DefaultL, 3: DefaultL3D}[s.Dim]
		}
		if (o.Model == EA2D || o.Model == EA3D) && s.Bonds == "" {
			s.Bonds = ising.PlusMinus
		}
		s.Plaquettes = o.Model == Plaquette
	case SK, ER, Planted3, Planted4:
		s.Graph, s.N, s.Degree = ising.SK, o.N, o.Degree
		if o.Model == ER {
			s.Graph = ising.ErdosRenyi
		}
		if s.N == 0 {
			s.N = DefaultN
		}
		o.plantedDefaults(&s)
	default:
		panic(fmt.Sprintf("generate: Spec of unknown model %q", o.Model))
	}
	return s
}

// plantedDefaults sets the pair graph and counts of planted3 and planted4.
func (o Options) plantedDefaults(s *ising.Spec) {
	if o.Model != Planted3 && o.Model != Planted4 {
		return
	}
	s.Graph = ising.NoPairs
	if o.Degree > 0 {
		s.Graph = ising.ErdosRenyi
	}
	if o.Model == Planted3 && s.Triplets == 0 {
		s.Triplets = s.N
	}
	if o.Model == Planted4 && s.Quadruplets == 0 {
		s.Quadruplets = s.N / 2
	}
}
