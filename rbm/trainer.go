package rbm

import (
	"fmt"
	"math"
)

// StepInfo reports one parameter update.
type StepInfo struct {
	// Update is the number of updates done, this one included.
	Update int
	// Epoch is the number of passes over the data done (fractional).
	Epoch float64
	// LearningRate is the rate this update used.
	LearningRate float64
	// GradNormW is the Frobenius norm of the applied ∇W (with penalties).
	GradNormW float64
	// ESS is the normalised effective sample size of the Jarzynski
	// weights after this update's weight change (before any
	// resampling); 1 for the other protocols.
	ESS float64
	// Resampled reports a Jarzynski resampling in this update.
	Resampled bool
	// SwapRates are, for PT, the fractions of accepted swaps between
	// replicas k and k+1 during this update (len(Betas)−1 entries).
	SwapRates []float64
	// Betas is, for PT, the ladder in use after this update.
	Betas []float64
	// LadderRebuilt reports that the PT ladder was rebuilt before this
	// update's chain steps.
	LadderRebuilt bool
}

// Trainer fits an RBM to data by stochastic gradient ascent on the
// log-likelihood. It is not safe for concurrent use.
type Trainer[T Float] struct {
	cfg     Config
	n, rows int
	data    []int8 // a private copy
	dataSum uint64
	p       *Params[T]
	g       *gradient[T]
	ch      *chains[T]
	batch   []T // the minibatch, in the gradient's rows
	mh      []T // p(h=1|v) of the model rows (chains×M), in the gradient's rows

	batchRNG, resampleRNG, ladderRNG *stream

	perm       []int32
	pos, epoch int
	update     int
	logW       []float64 // Jarzynski
	betas      []float64 // PT, ascending, last = 1
	lastLadder int       // PT: update at which the ladder was last built
	energy     []float64 // scratch
	err        error
}

// NewTrainer validates cfg and data and returns a trainer at update 0
// with the standard initialisation (see InitParams). data is rows×n
// row-major in the alphabet of visible ({0,1} or ±1); the trainer keeps a
// copy and converts one minibatch at a time.
func NewTrainer[T Float](cfg Config, data []int8, n int, visible Visible) (*Trainer[T], error) {
	t, err := newTrainer[T](cfg, data, n, visible)
	if err != nil {
		return nil, err
	}
	t.p, err = InitParams[T](data, n, t.cfg.Hidden, visible, t.cfg.InitStd,
		newStream(t.cfg.Seed, purposeInit, 0))
	if err != nil {
		return nil, err
	}
	t.shuffle()
	if t.persistent() {
		t.ch.randomize()
	}
	if t.cfg.Protocol == PT {
		t.initLadder()
	}
	return t, nil
}

// newTrainer allocates a trainer without parameters or chain states.
func newTrainer[T Float](cfg Config, data []int8, n int, visible Visible) (*Trainer[T], error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rows, err := checkData(data, n, visible)
	if err != nil {
		return nil, err
	}
	c := cfg.withDefaults()
	if c.Batch > rows {
		return nil, fmt.Errorf("rbm: Batch = %d exceeds the %d data rows", c.Batch, rows)
	}
	t := &Trainer[T]{cfg: c, n: n, rows: rows, data: clone(data),
		dataSum: checksum(data), g: newGradient[T](n, c.Hidden, c.Batch, c.Chains),
		batchRNG:    newStream(c.Seed, purposeBatch, 0),
		resampleRNG: newStream(c.Seed, purposeResample, 0),
		ladderRNG:   newStream(c.Seed, purposeLadder, 0),
		perm:        make([]int32, rows),
	}
	for r := range t.perm {
		t.perm[r] = int32(r)
	}
	reps := 1
	if c.Protocol == PT {
		reps = len(c.PT.Betas) // 0 for an automatic ladder, set by initLadder
	}
	t.ch = newChains[T](n, c.Hidden, c.Chains, max(reps, 1), visible, c.Seed, purposeChains)
	t.batch, t.mh = t.g.dataRows(), t.g.modelProbs()
	if c.Protocol == Jarzynski {
		t.logW = make([]float64, c.Chains)
	}
	return t, nil
}

// persistent reports whether the chains carry over between updates.
func (t *Trainer[T]) persistent() bool {
	return t.cfg.Protocol != CD && t.cfg.Protocol != Rdm
}

// Config returns the configuration with defaults filled in.
func (t *Trainer[T]) Config() Config { return t.cfg }

// Params returns a float64 copy of the current parameters.
func (t *Trainer[T]) Params() *Params[float64] { return t.p.Float64() }

// Update returns the number of updates done.
func (t *Trainer[T]) Update() int { return t.update }

// TotalUpdates returns the planned number of updates: Config.Updates, or
// Config.Epochs times the updates per epoch.
func (t *Trainer[T]) TotalUpdates() int {
	if t.cfg.Updates > 0 {
		return t.cfg.Updates
	}
	return t.cfg.Epochs * t.updatesPerEpoch()
}

// Done reports whether the planned number of updates has been made.
func (t *Trainer[T]) Done() bool { return t.update >= t.TotalUpdates() }

func (t *Trainer[T]) updatesPerEpoch() int {
	if t.cfg.Minibatch == SamplePerUpdate {
		return blocks(t.rows, t.cfg.Batch)
	}
	return t.rows / t.cfg.Batch
}

// epochs returns the passes over the data done so far.
func (t *Trainer[T]) epochs() float64 {
	b := float64(t.cfg.Batch)
	if t.cfg.Minibatch == SamplePerUpdate {
		return float64(t.update) * b / float64(t.rows)
	}
	return float64(t.epoch) + float64(t.pos)/(float64(t.updatesPerEpoch())*b)
}

// LearningRate returns the rate of the next update:
//
//	lr_u = lr_0 · decay^u     (u = updates done)
//
// with decay = (FinalLR/lr_0)^{1/(U−1)} when FinalLR is set (U planned
// updates), so that the last planned update uses FinalLR.
func (t *Trainer[T]) LearningRate() float64 {
	s := t.cfg.Schedule
	if s.Kind != Exponential {
		return t.cfg.LearningRate
	}
	decay := s.Decay
	if s.FinalLR > 0 {
		total := t.TotalUpdates()
		if total <= 1 {
			return t.cfg.LearningRate
		}
		decay = math.Pow(s.FinalLR/t.cfg.LearningRate, 1/float64(total-1))
	}
	return t.cfg.LearningRate * math.Pow(decay, float64(t.update))
}

// Step performs one parameter update. After a *DivergenceError the
// trainer is stuck and returns the same error.
func (t *Trainer[T]) Step() (StepInfo, error) {
	if t.err != nil {
		return StepInfo{}, t.err
	}
	info := StepInfo{LearningRate: t.LearningRate(), ESS: 1}
	t.nextBatch()

	// negative phase: advance the chains with the current parameters; then
	// the gradient from the minibatch and the model rows
	weights := t.modelWeights()
	if t.cfg.Protocol == PCD || t.cfg.Protocol == Jarzynski {
		// the chains' steps and the positive phase share the cores
		runTasks(t.ch.pcdTasks(t.p, t.cfg.K, t.mh, false), t.g.positiveTasks(t.p))
		t.g.fromProbs(t.p, t.ch.v, weights, !t.cfg.NoCentering)
	} else {
		t.advanceChains(&info)
		t.g.compute(t.p, t.modelRows(), weights, !t.cfg.NoCentering)
	}
	t.g.penalise(t.p, t.cfg.L1, t.cfg.L2)
	info.GradNormW = t.g.normW()

	// update, with the Jarzynski weight change around it
	t.applyUpdate(info.LearningRate, weights != nil, &info)
	t.update++
	info.Update, info.Epoch = t.update, t.epochs()
	if name, x, bad := t.p.checkFinite(); bad {
		t.err = &DivergenceError{Update: t.update, Param: name, Value: x}
		return info, t.err
	}
	return info, nil
}

// advanceChains runs the K Gibbs steps of the protocols whose chains
// start every update from a visible state. (PCD and Jarzynski chains keep
// their hidden draw between updates: pcdTasks in Step.)
func (t *Trainer[T]) advanceChains(info *StepInfo) {
	switch t.cfg.Protocol {
	case CD:
		copy(t.ch.v, t.batch)
		t.ch.fresh = false
	case Rdm:
		t.ch.randomize()
	case PT:
		t.runTempering(info)
		return
	}
	t.ch.gibbsSteps(t.p, nil, t.cfg.K)
}

// modelRows returns the visible states of the chains at β = 1 after
// advanceChains, with their hidden probabilities p(h=1|v) in t.mh.
func (t *Trainer[T]) modelRows() []T {
	hiddenProbsFromActTo(t.mh, t.p, t.ch.replicaAct(t.ch.reps-1))
	return t.ch.replicaV(t.ch.reps - 1)
}

// modelWeights returns the normalised Jarzynski weights, or nil.
func (t *Trainer[T]) modelWeights() []float64 {
	if !t.weighted() {
		return nil
	}
	return normalisedWeights(t.logW)
}

// weighted reports whether this update uses Jarzynski weights.
func (t *Trainer[T]) weighted() bool {
	return t.cfg.Protocol == Jarzynski && t.update >= t.cfg.Jarzynski.WarmUp
}

// applyUpdate ascends θ ← θ + lr·∇θ; for weighted chains it also adds
// −(E_{θ+}(v,h) − E_θ(v,h)) to each log w and resamples under the ESS
// threshold.
func (t *Trainer[T]) applyUpdate(lr float64, weighted bool, info *StepInfo) {
	if weighted {
		t.energy = grow(t.energy, t.ch.per)
		t.ch.energiesTo(t.energy, t.p, 0, t.ch.per)
	}
	axpyBLAS(T(lr), t.g.gW, t.p.W)
	axpyBLAS(T(lr), t.g.gb, t.p.B)
	axpyBLAS(T(lr), t.g.gc, t.p.C)
	t.ch.fresh = false
	if weighted {
		t.reweight(info)
	}
}

// nextBatch copies the next minibatch rows into t.batch.
func (t *Trainer[T]) nextBatch() {
	b := t.cfg.Batch
	var idx []int32
	if t.cfg.Minibatch == SamplePerUpdate {
		for i := range b {
			j := i + t.batchRNG.intn(t.rows-i)
			t.perm[i], t.perm[j] = t.perm[j], t.perm[i]
		}
		idx = t.perm[:b]
	} else {
		if t.pos+b > t.rows {
			t.shuffle()
			t.epoch++
			t.pos = 0
		}
		idx = t.perm[t.pos : t.pos+b]
		t.pos += b
	}
	for k, r := range idx {
		for i, x := range t.data[int(r)*t.n : (int(r)+1)*t.n] {
			t.batch[k*t.n+i] = T(x)
		}
	}
}

// shuffle draws a fresh permutation of the rows (Fisher–Yates).
func (t *Trainer[T]) shuffle() {
	for i := len(t.perm) - 1; i > 0; i-- {
		j := t.batchRNG.intn(i + 1)
		t.perm[i], t.perm[j] = t.perm[j], t.perm[i]
	}
}

// checksum is FNV-1a over the data values, to recognise the data on
// resume.
func checksum(data []int8) uint64 {
	h := uint64(14695981039346656037)
	for _, x := range data {
		h ^= uint64(uint8(x))
		h *= 1099511628211
	}
	return h
}

// ChainStates returns a copy of the visible states of the chains that
// give the model term (the β = 1 replica for PT), chains×N in the visible
// alphabet. After a Jarzynski update they carry the weights of Weights.
func (t *Trainer[T]) ChainStates() []int8 {
	return toInt8(t.ch.replicaV(t.ch.reps - 1))
}

// Weights returns the normalised Jarzynski weights of the chains (nil for
// the other protocols).
func (t *Trainer[T]) Weights() []float64 {
	if t.logW == nil {
		return nil
	}
	return normalisedWeights(t.logW)
}
