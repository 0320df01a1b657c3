package train

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"github.com/spinfer/spinfer/rbm"
)

// stateFile is what state.gob holds: the trainer's state and the precision
// it runs at.
type stateFile struct {
	Precision string
	State     *rbm.State
	// Stage holds the stage's own settings, so that a resumed run logs,
	// measures and checkpoints on the schedule it started with. State
	// files written before it existed decode it as the zero value.
	Stage *stageSettings
}

// stageSettings are the Options that --resume restores besides the
// trainer's rbm.Config.
type stageSettings struct {
	Checkpoints, LogPoints, LogEvery, LikelihoodPoints int
	Likelihood                                         string
	AISSteps, AISChains, AISRepeats                    int
}

func (s *session) stageSettings() *stageSettings {
	o := s.o
	return &stageSettings{Checkpoints: o.Checkpoints, LogPoints: o.LogPoints,
		LogEvery: o.LogEvery, LikelihoodPoints: o.LikelihoodPoints, Likelihood: o.Likelihood,
		AISSteps: o.AISSteps, AISChains: o.AISChains, AISRepeats: o.AISRepeats}
}

// restore copies the saved stage settings into o.
func (st *stageSettings) restore(o *Options) {
	o.Checkpoints, o.LogPoints, o.LogEvery = st.Checkpoints, st.LogPoints, st.LogEvery
	o.LikelihoodPoints, o.Likelihood = st.LikelihoodPoints, st.Likelihood
	o.AISSteps, o.AISChains, o.AISRepeats = st.AISSteps, st.AISChains, st.AISRepeats
}

// encodeState serialises the trainer for a checkpoint.
func (s *session) encodeState() ([]byte, error) {
	var st *rbm.State
	var err error
	switch t := s.tr.(type) {
	case *rbm.Trainer[float32]:
		st, err = t.State()
	case *rbm.Trainer[float64]:
		st, err = t.State()
	default:
		return nil, fmt.Errorf("unknown trainer type %T", s.tr)
	}
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(stateFile{Precision: s.o.Precision, State: st,
		Stage: s.stageSettings()}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeState rebuilds a trainer from a checkpoint's state.
func (s *session) decodeState(blob []byte) (trainer, error) {
	var sf stateFile
	if err := gob.NewDecoder(bytes.NewReader(blob)).Decode(&sf); err != nil {
		return nil, fmt.Errorf("reading %s: %w", StateFile, err)
	}
	s.o.Precision = sf.Precision
	if sf.Stage != nil {
		sf.Stage.restore(&s.o)
	}
	if sf.Precision == "float64" {
		return rbm.Resume[float64](sf.State, s.data.Values)
	}
	return rbm.Resume[float32](sf.State, s.data.Values)
}
