package sample

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/mixing"
)

// recordMixing writes mixing.json with the given mixing time (nil: not
// mixed) and a manifest record saying the mixing stage read the current
// model.
func recordMixing(t *testing.T, dir string, tmix *int) {
	t.Helper()
	run := pipeline.RunDir(dir)
	b, _ := json.Marshal(mixing.Report{Protocol: "pcd", MixingTime: tmix, MaxTime: 4096,
		Mixed: tmix != nil})
	if err := os.WriteFile(run.Path(mixing.JSONFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	ref, err := run.Ref(run.Model())
	if err != nil {
		t.Fatal(err)
	}
	man := &pipeline.Manifest{Stages: map[string]*pipeline.StageRecord{
		"mixing": {Stage: "mixing", Status: pipeline.StatusOK, Inputs: []pipeline.FileRef{ref}}}}
	if err := run.WriteManifest(man); err != nil {
		t.Fatal(err)
	}
}

// A measured mixing time of the same model sets the default k to twice
// it; a model changed since the measurement, or an explicit --k, does not
// follow it; chains that never mixed leave k = 1000 with a warning note.
func TestDefaultKFollowsMixingTime(t *testing.T) {
	dir := t.TempDir()
	writeModel(t, dir, "pcd")
	tmix := 3000
	recordMixing(t, dir, &tmix)
	o := Options{RunDir: dir, Samples: 4, Chains: 4, Seed: 1, Force: true}
	res, err := Run(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.K != 6000 || !strings.Contains(strings.Join(res.Notes, " "), "mixing time 3000") {
		t.Fatalf("k = %d, notes %q; want 2·t_mix = 6000 with a note", res.K, res.Notes)
	}
	explicit := o
	explicit.K = 50
	if res, err = Run(context.Background(), explicit, nil); err != nil || res.K != 50 {
		t.Fatalf("explicit k: %v, %v", res, err)
	}

	// Retrain (here: rewrite) the model: the measurement no longer applies.
	m, err := formats.ReadModel(filepath.Join(dir, "model"))
	if err != nil {
		t.Fatal(err)
	}
	m.W[0] += 0.1
	if err := formats.WriteModel(filepath.Join(dir, "model"), m, true); err != nil {
		t.Fatal(err)
	}
	if res, err = Run(context.Background(), o, nil); err != nil || res.K != 1000 {
		t.Fatalf("changed model: k = %d (%v), want 1000", res.K, err)
	}

	recordMixing(t, dir, nil)
	res, err = Run(context.Background(), o, nil)
	if err != nil || res.K != 1000 ||
		!strings.Contains(strings.Join(res.Notes, " "), "did not mix within 4096") {
		t.Fatalf("unmixed: k = %d, notes %q, err %v", res.K, res.Notes, err)
	}
}
