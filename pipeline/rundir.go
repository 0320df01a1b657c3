package pipeline

import (
	"fmt"
	"path/filepath"
	"strconv"
)

// Fixed names inside a run directory.
const (
	DatasetFile    = "dataset.parquet"
	TrainFile      = "train.parquet"
	TestFile       = "test.parquet"
	ModelDir       = "model"
	CheckpointsDir = "checkpoints"
	MetricsFile    = "metrics.parquet"
	SamplesFile    = "samples.parquet"
	CouplingsDir   = "couplings"
	TruthDir       = "truth"
	EvaluationFile = "evaluation.json"
	PlotsDir       = "plots"
	ManifestFile   = "manifest.json"
)

// RunDir is the path of a run directory.
type RunDir string

// Path joins name onto the run directory.
func (r RunDir) Path(name ...string) string {
	return filepath.Join(append([]string{string(r)}, name...)...)
}

// Dataset returns the path of dataset.parquet.
func (r RunDir) Dataset() string { return r.Path(DatasetFile) }

// Train returns the path of train.parquet.
func (r RunDir) Train() string { return r.Path(TrainFile) }

// Test returns the path of test.parquet.
func (r RunDir) Test() string { return r.Path(TestFile) }

// Model returns the path of the final model directory.
func (r RunDir) Model() string { return r.Path(ModelDir) }

// Checkpoint returns the directory of the snapshot taken after update u.
// Names are zero-padded to ten digits so they sort in update order.
func (r RunDir) Checkpoint(u int) string {
	return r.Path(CheckpointsDir, fmt.Sprintf("%010d", u))
}

// ParseCheckpoint returns the update count of a checkpoint directory name.
func ParseCheckpoint(name string) (int, error) {
	u, err := strconv.Atoi(name)
	if err != nil || u < 0 {
		return 0, fmt.Errorf("pipeline: %q is not a checkpoint name", name)
	}
	return u, nil
}

// Metrics returns the path of metrics.parquet.
func (r RunDir) Metrics() string { return r.Path(MetricsFile) }

// Samples returns the path of samples.parquet.
func (r RunDir) Samples() string { return r.Path(SamplesFile) }

// Couplings returns the path of the couplings directory.
func (r RunDir) Couplings() string { return r.Path(CouplingsDir) }

// Truth returns the path of the true couplings directory.
func (r RunDir) Truth() string { return r.Path(TruthDir) }

// Evaluation returns the path of evaluation.json.
func (r RunDir) Evaluation() string { return r.Path(EvaluationFile) }

// Plots returns the path of the plots directory.
func (r RunDir) Plots() string { return r.Path(PlotsDir) }

// Manifest returns the path of manifest.json.
func (r RunDir) Manifest() string { return r.Path(ManifestFile) }
