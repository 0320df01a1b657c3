package evaluate

import (
	"fmt"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/internal/modelparams"
)

// LikelihoodReport is the model's mean log-likelihood per configuration
// (nats) on the training and test data,
//
//	ℓ = −⟨F(v)⟩_data − log Z,
//
// with log Z exact (enumeration of the smaller layer) or estimated by AIS,
// whose estimate is biased low and whose spread over repeats is LogZStd.
type LikelihoodReport struct {
	Method string `json:"method"`
	Model  string `json:"model"`
	N      int    `json:"n"`
	M      int    `json:"m"`
	LogZ   Number `json:"log_z"`
	// LogZStd is the standard deviation of the AIS repeats (0 when exact).
	LogZStd    Number `json:"log_z_std"`
	AISSteps   int    `json:"ais_steps,omitempty"`
	AISChains  int    `json:"ais_chains,omitempty"`
	AISRepeats int    `json:"ais_repeats,omitempty"`
	Train      Number `json:"train"`
	TrainRows  int    `json:"train_rows"`
	Test       Number `json:"test"`
	TestRows   int    `json:"test_rows"`
}

// likelihoodMethod resolves o.Likelihood for a model with n visible and m
// hidden units; "" with a note when nothing is to be computed.
func likelihoodMethod(o Options, n, m int) (string, string, error) {
	small := min(n, m) <= rbm.MaxExactUnits
	switch o.Likelihood {
	case LikelihoodNone:
		return "", "log-likelihood not computed (likelihood none)", nil
	case LikelihoodExact:
		if !small {
			return "", "", pipeline.Inputf("evaluate: the exact log-likelihood enumerates "+
				"2^min(N,M) states and is limited to min(N,M) ≤ %d; this model has N = %d, "+
				"M = %d (use likelihood ais)", rbm.MaxExactUnits, n, m)
		}
		return LikelihoodExact, "", nil
	case LikelihoodAIS:
		return LikelihoodAIS, "", nil
	}
	if small {
		return LikelihoodExact, "", nil
	}
	return "", fmt.Sprintf("log-likelihood not computed: min(N, M) = %d > %d is out of "+
		"reach of the exact method (ask for ais)", min(n, m), rbm.MaxExactUnits), nil
}

// params converts a stored model, refusing unknown unit types.
func params(m *formats.Model) (*rbm.Params[float64], error) {
	if m.Visible != formats.UnitBernoulli && m.Visible != formats.UnitIsing {
		return nil, pipeline.Inputf("evaluate: model: visible units %q: want %s or %s",
			m.Visible, formats.UnitBernoulli, formats.UnitIsing)
	}
	p := modelparams.Of(m)
	if err := p.Validate(); err != nil {
		return nil, pipeline.Inputf("evaluate: model: %v", err)
	}
	return p, nil
}

// alphabet returns the values of d in the alphabet of visible units v:
// s = 2u − 1 from binary to Ising, u = (s + 1)/2 back. The two describe the
// same configurations, so the log-likelihood does not change.
func alphabet(d *formats.Dataset, v rbm.Visible) []int8 {
	isingData := d.Basis == formats.Ising
	if isingData == (v == rbm.Ising) {
		return d.Values
	}
	out := make([]int8, len(d.Values))
	for i, x := range d.Values {
		if isingData {
			out[i] = (x + 1) / 2
		} else {
			out[i] = 2*x - 1
		}
	}
	return out
}

// logLikelihood computes the model's log-likelihood on train and, when
// not nil, test data with the given method.
func logLikelihood(p *rbm.Params[float64], method string, o Options, seed uint64,
	train, test *formats.Dataset) (*LikelihoodReport, error) {
	r := &LikelihoodReport{Method: method, N: p.N, M: p.M, Test: nan, LogZStd: 0}
	for _, d := range []*formats.Dataset{train, test} {
		if d != nil && d.N() != p.N {
			return nil, pipeline.Inputf("evaluate: the model has %d visible units, the data "+
				"%d variables", p.N, d.N())
		}
	}

	// log Z
	if method == LikelihoodExact {
		z, err := rbm.ExactLogZ(p)
		if err != nil {
			return nil, fmt.Errorf("evaluate: exact log Z: %w", err)
		}
		r.LogZ = Number(z)
	} else {
		cfg := o.aisConfig(seed)
		res, err := rbm.AIS(p, cfg)
		if err != nil {
			return nil, fmt.Errorf("evaluate: AIS: %w", err)
		}
		r.LogZ, r.LogZStd = Number(res.LogZ), Number(res.Std)
		r.AISSteps = orDefault(cfg.Steps, rbm.DefaultAISSteps)
		r.AISChains = orDefault(cfg.Chains, rbm.DefaultAISChains)
		r.AISRepeats = orDefault(cfg.Repeats, rbm.DefaultAISRepeats)
	}

	// ℓ = −⟨F⟩ − log Z on each set
	ll, err := rbm.LogLikelihood(p, alphabet(train, p.Visible), float64(r.LogZ))
	if err != nil {
		return nil, fmt.Errorf("evaluate: training log-likelihood: %w", err)
	}
	r.Train, r.TrainRows = Number(ll), train.Rows
	if test != nil {
		ll, err := rbm.LogLikelihood(p, alphabet(test, p.Visible), float64(r.LogZ))
		if err != nil {
			return nil, fmt.Errorf("evaluate: test log-likelihood: %w", err)
		}
		r.Test, r.TestRows = Number(ll), test.Rows
	}
	return r, nil
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
