package importmodel

import (
	"errors"
	"os"
	"strings"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// Layouts of the weight matrix in its file.
const (
	// LayoutNM is W[i,a]: N rows (visible units) of M columns (hidden
	// units), spinfer's own layout and the default.
	LayoutNM = "NxM"
	// LayoutMN is W[a,i]: M rows of N columns, as scikit-learn's
	// BernoulliRBM.components_ and a torch.nn.Linear(N, M) weight hold it.
	LayoutMN = "MxN"
)

// Visible unit types accepted by Options.Visible.
const (
	VisibleBinary = "binary" // v ∈ {0,1}; "bernoulli" is accepted too
	VisibleIsing  = "ising"  // s ∈ {−1,+1}
)

// Options configures an import. Weights, VisibleBias and HiddenBias are
// required, and so is one of RunDir and Output; the zero value of every
// other field means the default.
type Options struct {
	// Weights, VisibleBias and HiddenBias are the files of W, b and c:
	// .npy, Parquet or text (format found from the content, see the
	// package documentation). There is no default bias: an RBM trained
	// without one is imported with a file of zeros.
	Weights     string
	VisibleBias string
	HiddenBias  string
	// RunDir writes the model to RunDir/model.
	RunDir string
	// Output is the model directory to write instead of a run directory.
	Output string
	// Layout is LayoutNM (default) or LayoutMN; "nxm", "N×M" and the like
	// are accepted.
	Layout string
	// Visible is VisibleBinary (default) or VisibleIsing.
	Visible string
	// Names is a text file of variable names: one per line, or one line
	// of comma-separated names. Default: the names of Dataset, else those
	// of RunDir/dataset.parquet when it exists, else s0 … s{N−1}.
	Names string
	// Dataset is a spinfer dataset whose variable names the model takes.
	Dataset string
	// Force replaces an existing model directory.
	Force bool
}

// Validate reports every missing or invalid field at once; the error
// wraps [pipeline.ErrInput].
func (o Options) Validate() error {
	var errs []error
	var missing []string
	for _, f := range []struct{ flag, v string }{
		{"--weights", o.Weights}, {"--visible-bias", o.VisibleBias},
		{"--hidden-bias", o.HiddenBias},
	} {
		if f.v == "" {
			missing = append(missing, f.flag)
		}
	}
	if len(missing) > 0 {
		errs = append(errs, pipeline.Inputf("import: %s not given: an RBM needs all three of "+
			"--weights, --visible-bias and --hidden-bias (there is no default bias; "+
			"for a model trained without one, give a file of zeros)",
			strings.Join(missing, ", ")))
	}
	switch {
	case o.RunDir == "" && o.Output == "":
		errs = append(errs, pipeline.Inputf("import: give a run directory (--run) or a "+
			"model directory to write (-o)"))
	case o.RunDir != "" && o.Output != "":
		errs = append(errs, pipeline.Inputf("import: give --run or -o, not both"))
	}
	if _, ok := parseLayout(o.Layout); !ok {
		errs = append(errs, pipeline.Inputf("import: layout %q: want NxM (W[i,a], N rows) "+
			"or MxN (W[a,i], M rows)", o.Layout))
	}
	if _, ok := parseVisible(o.Visible); !ok {
		errs = append(errs, pipeline.Inputf("import: visible unit type %q: want binary or "+
			"ising", o.Visible))
	}
	if o.Names != "" && o.Dataset != "" {
		errs = append(errs, pipeline.Inputf("import: give --names or --dataset, not both"))
	}
	return errors.Join(errs...)
}

// parseLayout returns LayoutNM or LayoutMN.
func parseLayout(s string) (string, bool) {
	switch strings.ToLower(strings.ReplaceAll(s, "×", "x")) {
	case "", "nxm":
		return LayoutNM, true
	case "mxn":
		return LayoutMN, true
	}
	return "", false
}

// parseVisible returns the unit type of formats.Model.
func parseVisible(s string) (string, bool) {
	switch strings.ToLower(s) {
	case "", VisibleBinary, formats.UnitBernoulli:
		return formats.UnitBernoulli, true
	case VisibleIsing:
		return formats.UnitIsing, true
	}
	return "", false
}

// output returns the model directory to write.
func (o Options) output() string {
	if o.Output != "" {
		return o.Output
	}
	return pipeline.RunDir(o.RunDir).Model()
}

// namesDataset returns the dataset the names come from: Dataset, or
// RunDir/dataset.parquet when it exists and no names were given; "" for
// none.
func (o Options) namesDataset() string {
	if o.Dataset != "" || o.Names != "" {
		return o.Dataset
	}
	if o.RunDir == "" {
		return ""
	}
	d := pipeline.RunDir(o.RunDir).Dataset()
	if _, err := os.Stat(d); err != nil {
		return ""
	}
	return d
}

// Inputs returns every file an import with o reads: the three parameter
// files, then the names file or dataset when one is used. A caller that
// records inputs (a run directory's manifest) hashes these.
func (o Options) Inputs() []string {
	in := []string{o.Weights, o.VisibleBias, o.HiddenBias}
	if o.Names != "" {
		in = append(in, o.Names)
	}
	if d := o.namesDataset(); d != "" {
		in = append(in, d)
	}
	return in
}
