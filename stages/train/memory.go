package train

import (
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/internal/sysmem"
)

// memTotal is the machine's memory in bytes (0 when unknown); tests set it.
var memTotal = sysmem.Total

// checkMemory refuses chain settings whose chain states alone (visible and
// hidden values and probabilities, chains × replicas × (N + M) numbers,
// twice) need more memory than the machine has, with an input error naming
// --chains, instead of the Go runtime's fatal out-of-memory crash.
func (s *session) checkMemory() error {
	total := memTotal()
	cfg := s.o.Config
	if total <= 0 || cfg.Chains <= 0 {
		return nil
	}
	reps := 1.0
	if cfg.Protocol == rbm.PT {
		reps = float64(max(cfg.PT.Temperatures, len(cfg.PT.Betas), 1))
	}
	width := 4.0
	if s.o.Precision == "float64" {
		width = 8
	}
	hidden := float64(max(cfg.Hidden, 1))
	need := 2 * width * float64(cfg.Chains) * reps * (float64(s.data.N()) + hidden)
	if need > total {
		return pipeline.Inputf("train: --chains %d: the chain states alone need about %.3g GB, "+
			"more than this machine's %.3g GB of memory", cfg.Chains, need/1e9, total/1e9)
	}
	return nil
}
