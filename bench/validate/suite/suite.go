package suite

import (
	"errors"
	"fmt"
	"strconv"
)

// Training holds the RBM training settings shared by every case of a
// suite. They are far lighter than the published runs (PCD-50, 100 hidden
// units, 10⁵ and more updates) so that the whole suite fits in an hour on
// two cores.
type Training struct {
	Hidden  int     // hidden units M
	K       int     // Gibbs steps per update
	RdmK    int     // Gibbs steps per update of rdm (0 means K)
	Batch   int     // minibatch size
	Chains  int     // persistent chains (0 means one per batch row)
	Updates int     // parameter updates
	LR      float64 // initial learning rate
	LRFinal float64 // learning rate at the last update (exponential schedule)
}

// args returns the `spinfer train` flags of t for protocol.
func (t Training) args(protocol string) []string {
	return []string{
		"--protocol", protocol,
		"--hidden", strconv.Itoa(t.Hidden),
		"-k", strconv.Itoa(t.k(protocol)),
		"--batch", strconv.Itoa(t.Batch),
		"--chains", strconv.Itoa(t.chains()),
		"--updates", strconv.Itoa(t.Updates),
		"--lr", ftoa(t.LR),
		"--lr-schedule", "exponential",
		"--lr-final", ftoa(t.LRFinal),
		"--likelihood", "none",
		"--checkpoints", "-1",
	}
}

// k returns the Gibbs steps per update of protocol.
func (t Training) k(protocol string) int {
	if protocol == "rdm" && t.RdmK > 0 {
		return t.RdmK
	}
	return t.K
}

// chains returns the number of persistent chains, Batch when unset.
func (t Training) chains() int {
	if t.Chains == 0 {
		return t.Batch
	}
	return t.Chains
}

// Case is one inverse problem: a dataset drawn from a known Hamiltonian
// and the methods scored on it.
type Case struct {
	Name string // directory name under the output directory
	Desc string // one line for the table
	// Generate holds the `spinfer generate` flags that draw the data
	// (model, size, β, samples, seed), without --run.
	Generate []string
	Samples  int
	// Order is the highest coupling order the RBM's couplings are
	// computed to (2, or 3 for planted triplets).
	Order int
	// Protocols lists the RBM training protocols run (pcd, rdm).
	Protocols []string
	// Training replaces the suite's RBM settings for this case (nil
	// means the suite's).
	Training *Training
}

// Methods returns the method names of c in run order: one rbm-<protocol>
// per protocol, then nmf and plm.
func (c Case) Methods() []string {
	var m []string
	for _, p := range c.Protocols {
		m = append(m, "rbm-"+p)
	}
	return append(m, "nmf", "plm")
}

// Suite is a list of cases with the training settings they share.
type Suite struct {
	Mode     string // "full" or "quick"
	Training Training
	Cases    []Case
}

// Names returns the case names of s in run order.
func (s Suite) Names() []string {
	names := make([]string, len(s.Cases))
	for i, c := range s.Cases {
		names[i] = c.Name
	}
	return names
}

// TrainingFor returns the RBM settings of case c.
func (s Suite) TrainingFor(c Case) Training {
	if c.Training != nil {
		return *c.Training
	}
	return s.Training
}

// validate reports every problem of t at once.
func (t Training) validate() []error {
	var errs []error
	if t.Hidden < 1 || t.K < 1 || t.Batch < 1 || t.Updates < 1 || t.Chains < 0 || t.RdmK < 0 {
		errs = append(errs, fmt.Errorf("training sizes must be ≥ 1: %+v", t))
	}
	if !(t.LR > 0) || !(t.LRFinal > 0) || t.LRFinal > t.LR {
		errs = append(errs, fmt.Errorf("learning rates need 0 < final ≤ initial: %+v", t))
	}
	return errs
}

// Validate reports every problem of s at once.
func (s Suite) Validate() error {
	errs := s.Training.validate()
	seen := map[string]bool{}
	for _, c := range s.Cases {
		if c.Training != nil {
			for _, err := range c.Training.validate() {
				errs = append(errs, fmt.Errorf("case %s: %w", c.Name, err))
			}
		}
		if c.Name == "" || seen[c.Name] {
			errs = append(errs, fmt.Errorf("case name %q empty or repeated", c.Name))
		}
		seen[c.Name] = true
		if c.Order < 2 || c.Order > 3 {
			errs = append(errs, fmt.Errorf("case %s: order %d, want 2 or 3", c.Name, c.Order))
		}
		if len(c.Protocols) == 0 || c.Samples < 1 || len(c.Generate) == 0 {
			errs = append(errs, fmt.Errorf("case %s: needs protocols, samples, generate", c.Name))
		}
	}
	return errors.Join(errs...)
}

// fullTraining and quickTraining are the suite's RBM settings, and
// bigBatch and smallBatch the full suite's settings for the 10⁵-sample
// case and the cold ferromagnet. They were measured on the suite's cases
// (docs/validation.md, "How the settings were chosen"): PCD-1 with a
// large data batch shrinks the couplings least per CPU second (PCD-10 at
// batch 100: slope 0.84–0.91), and non-persistent rdm chains need more
// than one step from random states to mean anything.
var (
	fullTraining = Training{Hidden: 64, K: 1, RdmK: 10, Batch: 1000, Chains: 100,
		Updates: 10000, LR: 0.2, LRFinal: 0.01}
	// bigBatch: 10⁵ rows carry less sampling noise than the gradient
	// noise of a 1000-row batch (Δ_J 0.145 at 2000 rows, 0.164 at 1000).
	bigBatch = Training{Hidden: 64, K: 1, RdmK: 10, Batch: 2000, Chains: 200,
		Updates: 10000, LR: 0.2, LRFinal: 0.01}
	// smallBatch: below T_c large batches made the noise on the true
	// zeros larger (Δ_J 0.71 at 1000 rows, 0.60 at 100).
	smallBatch = Training{Hidden: 64, K: 1, RdmK: 10, Batch: 100, Chains: 100,
		Updates: 20000, LR: 0.2, LRFinal: 0.01}
	quickTraining = Training{Hidden: 32, K: 5, Batch: 100, Updates: 1000,
		LR: 0.2, LRFinal: 0.05}
)

// Default returns the full suite, or the quick one (fewer updates and
// hidden units, no 10⁵-sample case).
func Default(quick bool) Suite {
	s := Suite{Mode: "full", Training: fullTraining}
	if quick {
		s = Suite{Mode: "quick", Training: quickTraining}
	}
	s.Cases = append(s.Cases,
		lattice("ea7-1e4", "2D Edwards–Anderson ±J, L=7, β=0.2", "ea2d", 7, 0.2,
			10000, "pcd", "rdm"),
	)
	if !quick {
		big := lattice("ea7-1e5", "2D Edwards–Anderson ±J, L=7, β=0.2", "ea2d", 7, 0.2,
			100000, "pcd")
		big.Training = ptr(bigBatch)
		s.Cases = append(s.Cases, big)
	}
	cold := lattice("ferro7-cold", "2D ferromagnet, L=7, β=0.5 (below T_c)", "ferro2d", 7,
		0.5, 10000, "pcd", "rdm")
	if !quick {
		cold.Training = ptr(smallBatch)
	}
	s.Cases = append(s.Cases,
		lattice("ferro7-hot", "2D ferromagnet, L=7, β=0.3 (above T_c)", "ferro2d", 7, 0.3,
			10000, "pcd"),
		cold,
		planted(),
	)
	return s
}

// lattice returns a pairwise lattice case with the given RBM protocols.
func lattice(name, desc, model string, l int, beta float64, samples int,
	protocols ...string) Case {
	return Case{Name: name, Desc: desc, Samples: samples, Order: 2, Protocols: protocols,
		Generate: []string{"--model", model, "-L", strconv.Itoa(l), "--beta", ftoa(beta),
			"--samples", strconv.Itoa(samples), "--seed", "1"}}
}

// planted returns the planted-triplet case: 30 spins, 10 ferromagnetic
// triplets and pairs on an Erdős–Rényi graph of mean degree 2, β = 0.5.
func planted() Case {
	return Case{Name: "planted3", Samples: 10000, Order: 3, Protocols: []string{"pcd"},
		Desc: "planted triplets: N=30, 10 triplets, pairs of mean degree 2, β=0.5",
		Generate: []string{"--model", "planted3", "-N", "30", "--triplets", "10",
			"--degree", "2", "--beta", "0.5", "--samples", "10000", "--seed", "1"}}
}

// ptr returns a pointer to a copy of t (a case never shares the package's
// settings).
func ptr(t Training) *Training { return &t }

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
