package evaluate

import (
	"github.com/spinfer/spinfer/analysis"
)

// Result is the content of evaluation.json. Every part is optional: a
// section is null when its inputs were absent, and Notes say why. Numbers
// that are undefined or were not computed are null (see Number).
type Result struct {
	// Version is the spinfer version that wrote the file.
	Version string `json:"spinfer_version"`
	// Seed is the master seed of every random choice.
	Seed uint64 `json:"seed"`
	// Seconds is the wall time of the evaluation.
	Seconds float64 `json:"seconds"`
	// Summary holds the key figures.
	Summary Summary `json:"summary"`
	// Inputs lists the files read, with their sha256.
	Inputs []Input `json:"inputs"`

	// Couplings compares inferred couplings with the truth.
	Couplings *CouplingsReport `json:"couplings"`
	// Samples compares generated samples with the training data.
	Samples *SamplesReport `json:"samples"`
	// Likelihood is the model's log-likelihood on the data.
	Likelihood *LikelihoodReport `json:"likelihood"`
	// Training summarises metrics.parquet.
	Training *TrainingReport `json:"training"`

	// Plots lists every figure, written or skipped.
	Plots []Plot `json:"plots"`
	// Notes explains parts left out and caveats of the figures.
	Notes []string `json:"notes"`

	// Path is where evaluation.json was written.
	Path string `json:"-"`
}

// Outputs returns the paths written: evaluation.json and the figures.
func (r *Result) Outputs() []string {
	out := []string{r.Path}
	for _, p := range r.Plots {
		if p.Written {
			out = append(out, r.plotPath(p))
		}
	}
	return out
}

// Summary gathers the key figures of an evaluation; each is null when its
// part was not evaluated. Couplings are in units of kT, Ising basis;
// log-likelihoods are in nats per configuration.
type Summary struct {
	// PairsDeltaJ is Δ_J of the pair couplings against truth.
	PairsDeltaJ Number `json:"pairs_delta_j"`
	// PairsPearson is the Pearson r of inferred against true pairs.
	PairsPearson Number `json:"pairs_pearson_r"`
	// PairsAUC is the ROC-AUC of |J_ij| at finding the true non-zero pairs.
	PairsAUC Number `json:"pairs_auc"`
	// MeanNNCoupling is the mean inferred J_ij over the true non-zero
	// pairs (the nearest-neighbour bonds of a lattice), TrueNNCoupling the
	// mean of their true values.
	MeanNNCoupling Number `json:"mean_nn_coupling"`
	TrueNNCoupling Number `json:"true_mean_nn_coupling"`
	// FieldsRMSE is the RMSE of the inferred fields against truth.
	FieldsRMSE Number `json:"fields_rmse"`
	// Samples2ptR and Samples3ptR are the Pearson r of the samples'
	// connected 2- and 3-point correlations against the data's.
	Samples2ptR Number `json:"samples_2pt_r"`
	Samples3ptR Number `json:"samples_3pt_r"`
	// MagnetisationTV is the total-variation distance between the
	// magnetisation histograms of data and samples.
	MagnetisationTV Number `json:"magnetisation_tv"`
	// AbsMagnetisationTV is the same for the |m| histograms (blind to
	// which sign of m the samples favour).
	AbsMagnetisationTV Number `json:"abs_magnetisation_tv"`
	// AdversarialAccuracy is AA_TS of samples against data (0.5: the
	// nearest-neighbour test cannot tell them apart).
	AdversarialAccuracy Number `json:"adversarial_accuracy"`
	// TrainLL and TestLL are the model's mean log-likelihood per
	// configuration on the training and test data, by LLMethod.
	TrainLL  Number `json:"train_loglik"`
	TestLL   Number `json:"test_loglik"`
	LLMethod string `json:"loglik_method"`
}

// Figure is one key figure of a Summary, named for people.
type Figure struct {
	Name  string
	Value float64
}

// Figures lists the key figures that were evaluated, in a fixed order
// (figures left as NaN are skipped); the CLI and the report both print it.
func (s Summary) Figures() []Figure {
	all := []struct {
		name string
		x    Number
	}{
		{"pairs Δ_J", s.PairsDeltaJ},
		{"pairs Pearson r", s.PairsPearson},
		{"pairs ROC-AUC", s.PairsAUC},
		{"mean inferred J on true bonds", s.MeanNNCoupling},
		{"mean true J on those bonds", s.TrueNNCoupling},
		{"fields RMSE", s.FieldsRMSE},
		{"samples 2-point r", s.Samples2ptR},
		{"samples 3-point r", s.Samples3ptR},
		{"magnetisation TV", s.MagnetisationTV},
		{"|magnetisation| TV", s.AbsMagnetisationTV},
		{"adversarial accuracy", s.AdversarialAccuracy},
		{"train log-likelihood (" + s.LLMethod + ")", s.TrainLL},
		{"test log-likelihood (" + s.LLMethod + ")", s.TestLL},
	}
	var out []Figure
	for _, f := range all {
		if f.x.Valid() {
			out = append(out, Figure{f.name, float64(f.x)})
		}
	}
	return out
}

func emptySummary() Summary {
	return Summary{PairsDeltaJ: nan, PairsPearson: nan, PairsAUC: nan, MeanNNCoupling: nan,
		TrueNNCoupling: nan, FieldsRMSE: nan, Samples2ptR: nan, Samples3ptR: nan,
		MagnetisationTV: nan, AbsMagnetisationTV: nan, AdversarialAccuracy: nan, TrainLL: nan, TestLL: nan,
		LLMethod: LikelihoodNone}
}

// Input is one file or directory read, with its content hash (see
// pipeline.HashPath).
type Input struct {
	Role   string `json:"role"`
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Plot is one figure: written to Path, or skipped for Reason.
type Plot struct {
	Name    string `json:"name"`
	Path    string `json:"path,omitempty"`
	Written bool   `json:"written"`
	Reason  string `json:"reason,omitempty"`
	// Points is the number of points drawn when a large set was
	// subsampled for the figure, out of Of.
	Points int `json:"points,omitempty"`
	Of     int `json:"of,omitempty"`
}

// Agreement is analysis.Agreement in JSON: how well an estimate y (inferred
// couplings, sample statistics) reproduces a reference x (true couplings,
// data statistics) over Count elements. RelErr is sqrt(Σ(y−x)²/Σx²), Δ_J
// for couplings; Slope and Intercept are the least-squares line of y on x.
type Agreement struct {
	Count     int    `json:"count"`
	RMSE      Number `json:"rmse"`
	RelErr    Number `json:"rel_err"`
	Pearson   Number `json:"pearson_r"`
	Slope     Number `json:"slope"`
	Intercept Number `json:"intercept"`
}

func agreement(a analysis.Agreement) Agreement {
	return Agreement{Count: a.Count, RMSE: Number(a.RMSE), RelErr: Number(a.RelErr),
		Pearson: Number(a.Pearson), Slope: Number(a.Slope), Intercept: Number(a.Intercept)}
}
