package rbm

import (
	"errors"
	"fmt"
	"math"
)

// Protocol names how the model term of the gradient is estimated.
type Protocol string

// Chain protocols (see the package documentation).
const (
	// CD restarts the chains from the minibatch at every update.
	CD Protocol = "cd"
	// PCD keeps persistent chains across updates (the default).
	PCD Protocol = "pcd"
	// Rdm restarts the chains from uniform random states at every update.
	Rdm Protocol = "rdm"
	// PT is PCD with parallel tempering.
	PT Protocol = "pt"
	// Jarzynski is PCD with importance weights and resampling.
	Jarzynski Protocol = "jarzynski"
)

// ScheduleKind names a learning-rate schedule.
type ScheduleKind string

// Learning-rate schedules.
const (
	// Constant keeps the learning rate fixed (the default).
	Constant ScheduleKind = "constant"
	// Exponential multiplies the learning rate by a fixed factor after
	// every update.
	Exponential ScheduleKind = "exponential"
)

// MinibatchMode names how minibatches are drawn.
type MinibatchMode string

// Minibatch modes.
const (
	// Shuffle walks a fresh random permutation of the rows every epoch in
	// consecutive slices of Batch rows (the default); the rows left over
	// when rows is not a multiple of Batch wait for the next permutation.
	Shuffle MinibatchMode = "shuffle"
	// SamplePerUpdate draws Batch distinct rows uniformly at every update.
	SamplePerUpdate MinibatchMode = "sample"
)

// Schedule is a learning-rate schedule. The zero value is constant.
type Schedule struct {
	// Kind is Constant (default) or Exponential.
	Kind ScheduleKind
	// Decay is the factor applied after each update, in (0,1], for
	// Exponential; give Decay or FinalLR, not both.
	Decay float64
	// FinalLR, when > 0, sets Decay so that the learning rate reaches
	// FinalLR at the last update (Config.Updates or Epochs).
	FinalLR float64
}

// JarzynskiConfig sets the weighted-chain protocol.
type JarzynskiConfig struct {
	// ESSThreshold triggers resampling when the normalised effective
	// sample size falls below it; in (0,1], default 0.7.
	ESSThreshold float64
	// WarmUp is the number of first updates run as plain PCD (weights
	// kept at 1, no resampling); ≥ 0, default 0.
	WarmUp int
}

// PTConfig sets parallel tempering.
type PTConfig struct {
	// Betas, when given, is the fixed ladder β_0 < … < β_K = 1 and
	// disables the automatic ladder.
	Betas []float64
	// Temperatures caps the number of replicas of the automatic ladder
	// (including β = 1); ≥ 2, default 20.
	Temperatures int
	// TargetSwapRate is the neighbour swap rate the automatic ladder
	// aims at; in (0,1), default 0.3.
	TargetSwapRate float64
	// BetaMin is the lowest inverse temperature of the automatic ladder;
	// in [0,1), default 0 (the uniform distribution).
	BetaMin float64
	// LadderEvery sets how often the automatic ladder is rebuilt while
	// the model learns: after updates 1, 2, 4, … (the first ladders come
	// from chains far from equilibrium), then every LadderEvery updates;
	// default 100, −1 never after the first.
	LadderEvery int
}

// Config holds the training settings. The zero value means the defaults
// documented on each field; Validate reports every bad field at once.
type Config struct {
	// Protocol is CD, PCD (default), Rdm, PT or Jarzynski.
	Protocol Protocol
	// Hidden is the number of hidden units M; default 100 (the setting of
	// the coupling-recovery reference in Decelle et al. 2024).
	Hidden int
	// K is the number of Gibbs steps per update; default 10.
	K int
	// Batch is the minibatch size; default 100.
	Batch int
	// Chains is the number of chains of the model term; default Batch.
	// CD uses exactly Batch chains.
	Chains int
	// LearningRate is the initial step size; > 0, default 0.01.
	LearningRate float64
	// Updates is the planned number of updates; give Updates or Epochs.
	// When both are zero, Updates defaults to 10000.
	Updates int
	// Epochs is the planned number of passes over the data.
	Epochs int
	// Seed is the master seed of every random stream.
	Seed uint64
	// NoCentering switches the centred gradient off.
	NoCentering bool
	// L1 and L2 penalise the weights W (not the biases): the gradient
	// gets −L1·sign(W) − L2·W. Both ≥ 0, default 0.
	L1, L2 float64
	// Schedule is the learning-rate schedule; default constant.
	Schedule Schedule
	// Minibatch is Shuffle (default) or SamplePerUpdate.
	Minibatch MinibatchMode
	// InitStd is the standard deviation of the initial weights; default
	// 1e−4.
	InitStd float64
	// Jarzynski applies when Protocol is Jarzynski.
	Jarzynski JarzynskiConfig
	// PT applies when Protocol is PT.
	PT PTConfig
}

// Default values of Config.
const (
	DefaultHidden       = 100
	DefaultK            = 10
	DefaultBatch        = 100
	DefaultLearningRate = 0.01
	DefaultUpdates      = 10000
	DefaultESSThreshold = 0.7
	DefaultTemperatures = 20
	DefaultSwapRate     = 0.3
	DefaultLadderEvery  = 100
)

// withDefaults returns c with every zero field set to its default.
func (c Config) withDefaults() Config {
	c.Protocol = orDefault(c.Protocol, PCD)
	c.Hidden = orDefault(c.Hidden, DefaultHidden)
	c.K = orDefault(c.K, DefaultK)
	c.Batch = orDefault(c.Batch, DefaultBatch)
	c.Chains = orDefault(c.Chains, c.Batch)
	c.LearningRate = orDefault(c.LearningRate, DefaultLearningRate)
	if c.Updates == 0 && c.Epochs == 0 {
		c.Updates = DefaultUpdates
	}
	c.Schedule.Kind = orDefault(c.Schedule.Kind, Constant)
	c.Minibatch = orDefault(c.Minibatch, Shuffle)
	c.InitStd = orDefault(c.InitStd, defaultInitStd)
	c.Jarzynski.ESSThreshold = orDefault(c.Jarzynski.ESSThreshold, DefaultESSThreshold)
	if c.PT.Betas == nil {
		c.PT.Temperatures = orDefault(c.PT.Temperatures, DefaultTemperatures)
	} else {
		c.PT.Temperatures = orDefault(c.PT.Temperatures, len(c.PT.Betas))
	}
	c.PT.TargetSwapRate = orDefault(c.PT.TargetSwapRate, DefaultSwapRate)
	c.PT.LadderEvery = orDefault(c.PT.LadderEvery, DefaultLadderEvery)
	return c
}

func orDefault[T comparable](x, def T) T {
	var zero T
	if x == zero {
		return def
	}
	return x
}

// Validate reports every invalid field of c (after defaults), joined.
func (c Config) Validate() error {
	d := c.withDefaults()
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	switch d.Protocol {
	case CD, PCD, Rdm, PT, Jarzynski:
	default:
		bad("Protocol %q: want cd, pcd, rdm, pt or jarzynski", c.Protocol)
	}
	positive := []struct {
		name string
		v    int
	}{{"Hidden", d.Hidden}, {"K", d.K}, {"Batch", d.Batch}, {"Chains", d.Chains}}
	for _, f := range positive {
		if f.v < 1 {
			bad("%s = %d: want ≥ 1", f.name, f.v)
		}
	}
	if d.Protocol == CD && d.Chains != d.Batch {
		bad("Chains = %d: cd starts one chain per minibatch row, want Batch = %d",
			d.Chains, d.Batch)
	}
	if !(d.LearningRate > 0) || math.IsInf(d.LearningRate, 0) {
		bad("LearningRate = %v: want a finite value > 0", c.LearningRate)
	}
	errs = append(errs, d.validateLength()...)
	if !(d.L1 >= 0) || !(d.L2 >= 0) || math.IsInf(d.L1+d.L2, 0) {
		bad("L1 = %v, L2 = %v: want finite values ≥ 0", c.L1, c.L2)
	}
	errs = append(errs, d.Schedule.validate()...)
	if d.Minibatch != Shuffle && d.Minibatch != SamplePerUpdate {
		bad("Minibatch %q: want shuffle or sample", c.Minibatch)
	}
	if !(d.InitStd > 0) || math.IsInf(d.InitStd, 0) {
		bad("InitStd = %v: want a finite value > 0", c.InitStd)
	}
	errs = append(errs, d.Jarzynski.validate()...)
	errs = append(errs, d.PT.validate()...)
	if len(errs) > 0 {
		return fmt.Errorf("rbm: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

func (c Config) validateLength() []error {
	var errs []error
	if c.Updates < 0 || c.Epochs < 0 {
		errs = append(errs, fmt.Errorf("Updates = %d, Epochs = %d: want ≥ 0", c.Updates, c.Epochs))
	}
	if c.Updates > 0 && c.Epochs > 0 {
		errs = append(errs, fmt.Errorf("Updates = %d and Epochs = %d: give one, not both",
			c.Updates, c.Epochs))
	}
	return errs
}

func (s Schedule) validate() []error {
	var errs []error
	switch s.Kind {
	case Constant:
		if s.Decay != 0 || s.FinalLR != 0 {
			errs = append(errs, errors.New("Schedule: Decay and FinalLR need kind exponential"))
		}
	case Exponential:
		if (s.Decay == 0) == (s.FinalLR == 0) {
			errs = append(errs, errors.New("Schedule: exponential needs Decay or FinalLR, "+
				"exactly one"))
		}
		if s.Decay != 0 && !(s.Decay > 0 && s.Decay <= 1) {
			errs = append(errs, fmt.Errorf("Schedule.Decay = %v: want (0,1]", s.Decay))
		}
		if s.FinalLR != 0 && (!(s.FinalLR > 0) || math.IsInf(s.FinalLR, 0)) {
			errs = append(errs, fmt.Errorf("Schedule.FinalLR = %v: want a finite value > 0",
				s.FinalLR))
		}
	default:
		errs = append(errs, fmt.Errorf("Schedule.Kind %q: want constant or exponential", s.Kind))
	}
	return errs
}

func (j JarzynskiConfig) validate() []error {
	var errs []error
	if !(j.ESSThreshold > 0 && j.ESSThreshold <= 1) {
		errs = append(errs, fmt.Errorf("Jarzynski.ESSThreshold = %v: want (0,1]", j.ESSThreshold))
	}
	if j.WarmUp < 0 {
		errs = append(errs, fmt.Errorf("Jarzynski.WarmUp = %d: want ≥ 0", j.WarmUp))
	}
	return errs
}

func (p PTConfig) validate() []error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if p.Betas != nil {
		if err := checkLadder(p.Betas); err != nil {
			bad("PT.Betas: %v", err)
		}
		if p.Temperatures != len(p.Betas) {
			bad("PT.Temperatures = %d: does not match %d Betas", p.Temperatures, len(p.Betas))
		}
	}
	if p.Temperatures < 2 {
		bad("PT.Temperatures = %d: want ≥ 2", p.Temperatures)
	}
	if !(p.TargetSwapRate > 0 && p.TargetSwapRate < 1) {
		bad("PT.TargetSwapRate = %v: want (0,1)", p.TargetSwapRate)
	}
	if !(p.BetaMin >= 0 && p.BetaMin < 1) {
		bad("PT.BetaMin = %v: want [0,1)", p.BetaMin)
	}
	if p.LadderEvery < -1 {
		bad("PT.LadderEvery = %d: want ≥ 1, or −1 for never", p.LadderEvery)
	}
	return errs
}

// checkLadder verifies 0 ≤ β_0 < … < β_K = 1 with at least two entries.
func checkLadder(b []float64) error {
	if len(b) < 2 {
		return fmt.Errorf("%d inverse temperatures, want ≥ 2", len(b))
	}
	if b[len(b)-1] != 1 {
		return fmt.Errorf("last inverse temperature %v, want 1", b[len(b)-1])
	}
	for k := range len(b) - 1 {
		if !(b[k] >= 0 && b[k] < b[k+1]) {
			return fmt.Errorf("β[%d] = %v, β[%d] = %v: want 0 ≤ β increasing",
				k, b[k], k+1, b[k+1])
		}
	}
	return nil
}
