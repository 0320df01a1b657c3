package rbm

import (
	"errors"
	"fmt"
	"unsafe"
)

// StateVersion is the layout version of State.
const StateVersion = 1

// State is everything a Trainer needs to continue exactly where it
// stopped; it is gob-encodable and holds no I/O. Parameters are kept in
// the training precision (exactly one of Params32 and Params64 is set), so
// that a resumed float64 run is bit-for-bit identical to an uninterrupted
// one and a float32 run is not silently widened. Chain states are exact
// small integers and are stored as int8.
type State struct {
	Version   int
	Precision string // "float32" or "float64"
	Config    Config // defaults filled in
	N, Rows   int
	Visible   Visible
	DataSum   uint64 // checksum of the training data

	Params32 *Params[float32]
	Params64 *Params[float64]

	// Chains: Replicas × Chains configurations, replica-major.
	Replicas int
	V, H     []int8
	LogW     []float64 // Jarzynski log weights
	Betas    []float64 // PT ladder

	// Random streams (math/rand/v2 PCG binary encoding).
	ChainRNG                         [][]byte
	BatchRNG, ResampleRNG, LadderRNG []byte

	// Counters: updates done, epochs begun, position in the permutation,
	// update of the last ladder build. The learning-rate schedule is a
	// function of Update.
	Update, Epoch, Pos, LastLadder int
	Perm                           []int32
}

func precisionOf[T Float]() string {
	var x T
	if unsafe.Sizeof(x) == 4 {
		return "float32"
	}
	return "float64"
}

// State returns a snapshot of the trainer that Resume continues.
func (t *Trainer[T]) State() (*State, error) {
	st := &State{Version: StateVersion, Precision: precisionOf[T](), Config: t.cfg, N: t.n,
		Rows: t.rows, Visible: t.p.Visible, DataSum: t.dataSum, Replicas: t.ch.reps,
		V: toInt8(t.ch.v), H: toInt8(t.ch.h), LogW: clone(t.logW), Betas: clone(t.betas),
		Update: t.update, Epoch: t.epoch, Pos: t.pos, LastLadder: t.lastLadder,
		Perm: clone(t.perm)}
	if st.Precision == "float32" {
		st.Params32 = Convert[float32](t.p) // exact: same precision
	} else {
		st.Params64 = Convert[float64](t.p)
	}
	var err error
	st.ChainRNG = make([][]byte, len(t.ch.rngs))
	for k, s := range t.ch.rngs {
		if st.ChainRNG[k], err = s.MarshalBinary(); err != nil {
			return nil, fmt.Errorf("rbm: saving chain stream %d: %w", k, err)
		}
	}
	for _, x := range []struct {
		dst *[]byte
		s   *stream
	}{{&st.BatchRNG, t.batchRNG}, {&st.ResampleRNG, t.resampleRNG}, {&st.LadderRNG, t.ladderRNG}} {
		if *x.dst, err = x.s.MarshalBinary(); err != nil {
			return nil, fmt.Errorf("rbm: saving a stream: %w", err)
		}
	}
	return st, nil
}

// Resume rebuilds a trainer from st and the same training data (rows×N,
// checked against st's checksum). T must match st.Precision.
func Resume[T Float](st *State, data []int8) (*Trainer[T], error) {
	if err := st.check(precisionOf[T](), data); err != nil {
		return nil, err
	}
	t, err := newTrainer[T](st.Config, data, st.N, st.Visible)
	if err != nil {
		return nil, fmt.Errorf("rbm: resume: %w", err)
	}
	if st.Params32 != nil {
		t.p = Convert[T](st.Params32)
	} else {
		t.p = Convert[T](st.Params64)
	}
	if t.p.N != st.N || t.p.M != st.Config.Hidden || t.p.Visible != st.Visible {
		return nil, errors.New("rbm: resume: parameters do not match the state's shape")
	}
	if err := t.restoreChains(st); err != nil {
		return nil, err
	}
	t.update, t.epoch, t.pos, t.lastLadder = st.Update, st.Epoch, st.Pos, st.LastLadder
	if len(st.Perm) != t.rows || t.pos > t.rows {
		return nil, errors.New("rbm: resume: permutation does not match the data")
	}
	copy(t.perm, st.Perm)
	return t, nil
}

// check verifies the version, precision and data of a state.
func (st *State) check(precision string, data []int8) error {
	switch {
	case st.Version != StateVersion:
		return fmt.Errorf("rbm: resume: state version %d, want %d", st.Version, StateVersion)
	case st.Precision != precision:
		return fmt.Errorf("rbm: resume: state is %s, trainer is %s", st.Precision, precision)
	case (st.Params32 == nil) == (st.Params64 == nil):
		return errors.New("rbm: resume: state must hold exactly one parameter set")
	case st.N < 1 || len(data) != st.Rows*st.N || checksum(data) != st.DataSum:
		return errors.New("rbm: resume: the data differ from the data the state was trained on")
	}
	return nil
}

// restoreChains sets the chains, weights, ladder and streams from st.
func (t *Trainer[T]) restoreChains(st *State) error {
	c := t.ch
	c.resize(max(st.Replicas, 1))
	if len(st.V) != len(c.v) || len(st.H) != len(c.h) || len(st.ChainRNG) != len(c.rngs) ||
		len(st.LogW) != len(t.logW) {
		return errors.New("rbm: resume: chain state does not match the configuration")
	}
	for k, x := range st.V {
		c.v[k] = T(x)
	}
	for k, x := range st.H {
		c.h[k] = T(x)
	}
	copy(t.logW, st.LogW)
	t.betas = clone(st.Betas)
	if t.cfg.Protocol == PT && len(t.betas) != c.reps {
		return errors.New("rbm: resume: ladder does not match the replicas")
	}
	for k, b := range st.ChainRNG {
		if err := c.rngs[k].UnmarshalBinary(b); err != nil {
			return fmt.Errorf("rbm: resume: chain stream %d: %w", k, err)
		}
	}
	for _, x := range []struct {
		b []byte
		s *stream
	}{{st.BatchRNG, t.batchRNG}, {st.ResampleRNG, t.resampleRNG}, {st.LadderRNG, t.ladderRNG}} {
		if err := x.s.UnmarshalBinary(x.b); err != nil {
			return fmt.Errorf("rbm: resume: stream: %w", err)
		}
	}
	return nil
}

func toInt8[T Float](x []T) []int8 {
	y := make([]int8, len(x))
	for k, v := range x {
		y[k] = int8(v)
	}
	return y
}

func clone[T any](x []T) []T {
	if x == nil {
		return nil
	}
	return append([]T(nil), x...)
}
