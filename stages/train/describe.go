package train

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
)

// DescribeState writes a readable account of a trainer state file (the
// StateFile of a checkpoint directory) to w, for a person deciding
// whether and how to resume it: the state layout version, the precision,
// the units N × M, the chains and replicas, the updates done of those
// planned, the passes over the data, the training data's checksum, the
// seed and the rest of the training configuration (defaults filled in).
// A file that does not decode as a spinfer trainer state is an input
// error (pipeline.ErrInput) naming path.
func DescribeState(w io.Writer, path string) error {
	sf, err := readState(path)
	if err != nil {
		return err
	}
	st, cfg := sf.State, sf.State.Config
	var b strings.Builder
	fmt.Fprintf(&b, "%s: trainer state (checkpoint of spinfer train; gob, state layout "+
		"version %d)\n", path, st.Version)
	table(&b, [][]string{
		{"precision", st.Precision},
		{"units", fmt.Sprintf("N = %d visible (%s) × M = %d hidden", st.N, st.Visible, cfg.Hidden)},
		{"chains", fmt.Sprintf("%d per replica, replicas %d", cfg.Chains, max(st.Replicas, 1))},
		{"updates", fmt.Sprintf("%d of %d planned", st.Update, plannedUpdates(st))},
		{"epochs done", fmt.Sprintf("%.4g", epochsDone(st))},
		{"data", fmt.Sprintf("%d training rows, checksum %016x (FNV-1a 64 of the values)",
			st.Rows, st.DataSum)},
		{"seed", fmt.Sprint(cfg.Seed)},
	})
	b.WriteString("training configuration:\n")
	table(&b, configRows(cfg))
	_, err = io.WriteString(w, b.String())
	return err
}

// readState decodes and checks the state file at path.
func readState(path string) (*stateFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	defer f.Close()
	var sf stateFile
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&sf); err != nil {
		return nil, notState(path, "%v", err)
	}
	st := sf.State
	switch {
	case st == nil:
		return nil, notState(path, "no trainer state in it")
	case st.Version != rbm.StateVersion:
		return nil, notState(path, "state layout version %d; this spinfer reads version %d",
			st.Version, rbm.StateVersion)
	case st.Precision != "float32" && st.Precision != "float64",
		(st.Params32 == nil) == (st.Params64 == nil), st.N < 1, st.Rows < 1:
		return nil, notState(path, "inconsistent content (precision %q, N = %d, %d rows)",
			st.Precision, st.N, st.Rows)
	}
	return &sf, nil
}

func notState(path, format string, a ...any) error {
	return pipeline.Inputf("train: %s: not a trainer state written by spinfer train (%s): %s",
		path, StateFile, fmt.Sprintf(format, a...))
}

// plannedUpdates is the trainer's planned number of updates, as
// rbm.Trainer.TotalUpdates computes it: Updates, else Epochs times the
// updates of one pass (whole batches with shuffling, rows/batch rounded up
// when each update draws its own batch).
func plannedUpdates(st *rbm.State) int {
	cfg := st.Config
	if cfg.Updates > 0 {
		return cfg.Updates
	}
	return cfg.Epochs * updatesPerEpoch(st)
}

func updatesPerEpoch(st *rbm.State) int {
	if st.Config.Minibatch == rbm.SamplePerUpdate {
		return (st.Rows + st.Config.Batch - 1) / st.Config.Batch
	}
	return st.Rows / st.Config.Batch
}

// epochsDone is the number of passes over the data, fractional, as the
// trainer reports it in the metrics' epoch column.
func epochsDone(st *rbm.State) float64 {
	b := float64(st.Config.Batch)
	if st.Config.Minibatch == rbm.SamplePerUpdate {
		return float64(st.Update) * b / float64(st.Rows)
	}
	return float64(st.Epoch) + float64(st.Pos)/(float64(updatesPerEpoch(st))*b)
}

// configRows lists the training settings; the protocol's own settings
// only for its protocol.
func configRows(cfg rbm.Config) [][]string {
	rows := [][]string{
		{"protocol", string(cfg.Protocol)},
		{"k (Gibbs steps per update)", fmt.Sprint(cfg.K)},
		{"batch", fmt.Sprint(cfg.Batch)},
		{"learning rate", fmt.Sprint(cfg.LearningRate)},
		{"schedule", scheduleText(cfg.Schedule)},
		{"minibatch", string(cfg.Minibatch)},
		{"centred gradient", fmt.Sprint(!cfg.NoCentering)},
		{"l1, l2", fmt.Sprintf("%g, %g", cfg.L1, cfg.L2)},
		{"initial weight std", fmt.Sprint(cfg.InitStd)},
	}
	if cfg.Updates == 0 {
		rows = append(rows, []string{"epochs planned", fmt.Sprint(cfg.Epochs)})
	}
	switch cfg.Protocol {
	case rbm.Jarzynski:
		rows = append(rows, []string{"ESS threshold, warm-up",
			fmt.Sprintf("%g, %d updates", cfg.Jarzynski.ESSThreshold, cfg.Jarzynski.WarmUp)})
	case rbm.PT:
		pt := cfg.PT
		ladder := fmt.Sprintf("automatic: ≤ %d temperatures, swap rate %g, β ≥ %g, rebuilt "+
			"every %d updates", pt.Temperatures, pt.TargetSwapRate, pt.BetaMin, pt.LadderEvery)
		if pt.Betas != nil {
			ladder = fmt.Sprintf("fixed β = %v", pt.Betas)
		}
		rows = append(rows, []string{"ladder", ladder})
	}
	return rows
}

func scheduleText(s rbm.Schedule) string {
	switch {
	case s.Kind != rbm.Exponential:
		return string(s.Kind)
	case s.FinalLR > 0:
		return fmt.Sprintf("%s to %g", s.Kind, s.FinalLR)
	}
	return fmt.Sprintf("%s, decay %g", s.Kind, s.Decay)
}

// table writes rows of two cells aligned, indented by two spaces.
func table(b *strings.Builder, rows [][]string) {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\t%s\n", r[0], r[1])
	}
	tw.Flush()
}
