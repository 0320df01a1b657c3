// Package modelparams converts a stored model (formats.Model) to the
// parameters package rbm computes with, for the stages that read models.
package modelparams

import (
	"encoding/json"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/rbm"
)

// Of returns m's parameters in float64, sharing m's slices.
func Of(m *formats.Model) *rbm.Params[float64] {
	v := rbm.Binary
	if m.Visible == formats.UnitIsing {
		v = rbm.Ising
	}
	return &rbm.Params[float64]{N: m.NVisible(), M: m.NHidden(), W: m.W, B: m.B, C: m.C, Visible: v}
}

// Float32 returns a float32 copy of m's parameters (sampling precision).
func Float32(m *formats.Model) *rbm.Params[float32] {
	return rbm.Convert[float32](Of(m))
}

// TrainingInt reads an integer of m's training record: json.Number after
// reading a model directory, int when the record was built in memory; 0
// when absent.
func TrainingInt(m *formats.Model, key string) int {
	switch x := m.Training[key].(type) {
	case json.Number:
		n, _ := x.Int64()
		return int(n)
	case float64:
		return int(x)
	case int:
		return x
	}
	return 0
}

// Protocol returns the training protocol recorded in m ("" when absent).
func Protocol(m *formats.Model) string {
	p, _ := m.Training["protocol"].(string)
	return p
}
