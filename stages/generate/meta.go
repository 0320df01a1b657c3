package generate

import (
	"encoding/json"
	"strconv"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/ising"
	"github.com/spinfer/spinfer/pipeline"
)

// Metadata keys written by the stage. The dataset carries all of them; the
// truth's files carry the model keys (MetaModel … MetaSeed).
const (
	MetaGenerator   = "spinfer.generator"   // "generate"
	MetaModel       = "spinfer.model"       // model name, or "hamiltonian"
	MetaSpec        = "spinfer.model_spec"  // JSON of the ising.Spec built (named models)
	MetaHamiltonian = "spinfer.hamiltonian" // the couplings directory sampled
	MetaHamSHA256   = "spinfer.hamiltonian_sha256"
	MetaBeta        = "spinfer.beta"             // β multiplying every coupling and field
	MetaSeed        = "spinfer.seed"             // master seed
	MetaSampler     = "spinfer.sampler"          // algorithm used
	MetaSamplerAsk  = "spinfer.sampler_request"  // as asked ("auto" or a name)
	MetaChains      = "spinfer.chains"           // independent Markov chains
	MetaTauEnergy   = "spinfer.tau_energy"       // largest τ_int of H over chains, sweeps
	MetaTauAbsMag   = "spinfer.tau_abs_mag"      // largest τ_int of |m| over chains, sweeps
	MetaSpacing     = "spinfer.spacing_sweeps"   // sweeps between kept samples of a chain
	MetaBurnIn      = "spinfer.burn_in_sweeps"   // sweeps before the first kept sample
	MetaSweeps      = "spinfer.sweeps"           // total sweeps, pilots included
	MetaAcceptance  = "spinfer.acceptance"       // JSON array, one value per chain
	MetaLadder      = "spinfer.pt_ladder"        // JSON array (pt, chain 0)
	MetaSwapRates   = "spinfer.pt_swap_rates"    // JSON array of arrays, one per chain (pt)
	MetaIndependent = "spinfer.independent_rows" // "true" for exact sampling
)

// modelMeta records what was sampled; it goes on the dataset and the truth.
func modelMeta(o Options, m *model) map[string]string {
	meta := map[string]string{
		MetaGenerator: "generate",
		MetaModel:     m.name,
		MetaBeta:      strconv.FormatFloat(m.beta, 'g', -1, 64),
		MetaSeed:      strconv.FormatUint(o.Seed, 10),
	}
	if m.spec != nil {
		b, _ := json.Marshal(m.spec)
		meta[MetaSpec] = string(b)
	}
	if o.Hamiltonian != "" {
		meta[MetaHamiltonian] = o.Hamiltonian
		if sum, _, err := pipeline.HashPath(o.Hamiltonian); err == nil {
			meta[MetaHamSHA256] = sum
		}
	}
	return meta
}

// datasetMeta adds how the samples were drawn. No wall-clock values, so
// that equal options and seed give equal bytes.
func datasetMeta(o Options, m *model, sr *ising.Result) map[string]string {
	meta := modelMeta(o, m)
	meta[MetaSampler] = string(sr.Method)
	meta[MetaSamplerAsk] = o.Sampler
	if o.Sampler == "" {
		meta[MetaSamplerAsk] = SamplerAuto
	}
	if sr.Method == ising.Exact {
		meta[MetaIndependent] = "true"
		return meta
	}
	ftoa := func(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
	meta[MetaChains] = strconv.Itoa(len(sr.Chains))
	meta[MetaTauEnergy] = ftoa(sr.TauEnergy)
	meta[MetaTauAbsMag] = ftoa(sr.TauAbsMag)
	meta[MetaSpacing] = strconv.Itoa(sr.SpacingSweeps)
	meta[MetaBurnIn] = strconv.Itoa(sr.BurnInSweeps)
	meta[MetaSweeps] = strconv.FormatInt(sr.Sweeps, 10)
	acc := make([]float64, len(sr.Chains))
	var swaps [][]float64
	for c, st := range sr.Chains {
		acc[c] = st.Acceptance
		if st.SwapRates != nil {
			swaps = append(swaps, st.SwapRates)
		}
	}
	meta[MetaAcceptance] = jsonString(acc)
	if len(swaps) > 0 {
		meta[MetaLadder] = jsonString(sr.Chains[0].Ladder)
		meta[MetaSwapRates] = jsonString(swaps)
	}
	return meta
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// truth converts h to a couplings directory with fields and every order
// 2, 3, 4 present: an order the model lacks is an empty (computed, zero)
// list, so evaluation compares it rather than calling it unknown.
func truth(m *model, meta map[string]string) *formats.Couplings {
	meta["spinfer.method"] = "truth"
	c := &formats.Couplings{Names: m.names, Fields: append([]float64(nil), m.h.Fields...),
		Orders: map[int][]formats.Term{}, Meta: meta}
	if len(c.Fields) == 0 {
		c.Fields = make([]float64, m.h.N)
	}
	for k := 2; k <= 4; k++ {
		c.Orders[k] = []formats.Term{}
		for _, t := range m.h.TermsOfOrder(k) {
			c.Orders[k] = append(c.Orders[k], formats.Term{Sites: t.Sites, Value: t.Value})
		}
	}
	return c
}
