package suite

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/stages/evaluate"
)

// The suites must cover the cases issue 5 asks for.
func TestSuitesCoverIssueCases(t *testing.T) {
	for _, quick := range []bool{false, true} {
		s := Default(quick)
		if err := s.Validate(); err != nil {
			t.Fatalf("quick=%v: %v", quick, err)
		}
		var rdmWithPCD, triplets bool
		for _, c := range s.Cases {
			m := c.Methods()
			for _, want := range []string{"rbm-pcd", "nmf", "plm"} {
				if !slices.Contains(m, want) {
					t.Errorf("quick=%v case %s: methods %v lack %s", quick, c.Name, m, want)
				}
			}
			rdmWithPCD = rdmWithPCD || slices.Contains(m, "rbm-rdm")
			triplets = triplets || c.Order == 3
		}
		if !rdmWithPCD || !triplets {
			t.Errorf("quick=%v: rdm beside pcd %v, order-3 case %v", quick, rdmWithPCD, triplets)
		}
	}
	full := Default(false)
	if !slices.ContainsFunc(full.Cases, func(c Case) bool { return c.Samples == 100000 }) {
		t.Error("full suite has no 10⁵-sample case")
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	s := Suite{Training: Training{LR: 0.01, LRFinal: 0.1},
		Cases: []Case{{Name: "a", Order: 4}, {Name: "a", Order: 2}}}
	err := s.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"sizes", "learning rates", "order 4", "repeated", "needs"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestSelectCases(t *testing.T) {
	s, err := selectCases(Default(true), SplitCases("planted3,ea7-1e4"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Cases) != 2 || s.Cases[0].Name != "planted3" {
		t.Errorf("got %v", s.Cases)
	}
	if _, err := selectCases(Default(true), []string{"ea7-1e5"}); err == nil {
		t.Error("quick suite accepted the 10⁵ case")
	}
}

// A pairwise method on a triplet case gets an order-3 row of NaN with a
// note; the order-2 row copies the evaluation.
func TestMethodRows(t *testing.T) {
	res := &evaluate.Result{Couplings: &evaluate.CouplingsReport{N: 30,
		Fields: &evaluate.Agreement{RMSE: 0.25},
		Orders: []evaluate.OrderReport{{Order: 2, Selection: "all", TrueNonZero: 31,
			Agreement: evaluate.Agreement{RelErr: 0.5, RMSE: 0.1, Pearson: 0.9, Slope: 0.8},
			AUC:       0.95, PrecisionTopK: 0.8,
			NonZero: evaluate.SetStats{Mean: 0.4, TrueMean: 0.5},
			Zero:    evaluate.SetStats{Std: 0.02}}}}}
	rows := methodRows(res, Case{Name: "p", Order: 3, Samples: 7}, "plm")
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	r2, r3 := rows[0], rows[1]
	if r2.DeltaJ != 0.5 || r2.AUC != 0.95 || r2.PrecisionTopK != 0.8 || r2.TopK != 31 ||
		r2.FieldsRMSE != 0.25 || r2.N != 30 || r2.Samples != 7 || r2.StdZero != 0.02 ||
		r2.Slope != 0.8 {
		t.Errorf("order-2 row %+v", r2)
	}
	if !math.IsNaN(r3.DeltaJ) || !math.IsNaN(r3.PrecisionTopK) || !math.IsNaN(r3.Slope) ||
		r3.Note == "" {
		t.Errorf("order-3 row %+v", r3)
	}
}

func TestParquetRoundTrip(t *testing.T) {
	rows := []Row{
		{Case: "c", Method: "nmf", Samples: 10, N: 4, Order: 2, DeltaJ: 0.3, TopK: 4, Slope: 0.9,
			FieldsRMSE: 0.1, MethodSeconds: 1.5, Note: "x"},
		{Case: "c", Method: "plm", Order: 3, DeltaJ: math.NaN()},
	}
	path := filepath.Join(t.TempDir(), "v.parquet")
	if err := writeParquet(path, Default(true), rows); err != nil {
		t.Fatal(err)
	}
	tab, err := formats.ReadTable(path)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Artifact != artifact || tab.Rows != 2 || tab.Meta["spinfer.validation_mode"] != "quick" {
		t.Fatalf("artifact %q rows %d meta %v", tab.Artifact, tab.Rows, tab.Meta)
	}
	dj := tab.Lookup("delta_j").Float64
	if dj[0] != 0.3 || !math.IsNaN(dj[1]) {
		t.Errorf("delta_j %v", dj)
	}
	if sl := tab.Lookup("slope").Float64; sl[0] != 0.9 {
		t.Errorf("slope %v", sl)
	}
	if m := tab.Lookup("method").String; m[1] != "plm" {
		t.Errorf("method %v", m)
	}
	if k := tab.Lookup("top_k").Int64; k[0] != 4 {
		t.Errorf("top_k %v", k)
	}
	back, err := readRows(path)
	if err != nil {
		t.Fatal(err)
	}
	if back[0] != rows[0] || back[1].Method != "plm" || !math.IsNaN(back[1].DeltaJ) {
		t.Errorf("read back %+v, wrote %+v", back, rows)
	}
}

func TestMarkdown(t *testing.T) {
	md := markdown([]Row{{Case: "c", Method: "plm", Order: 3, DeltaJ: math.NaN(),
		Pearson: 0.98765, Slope: 0.8766, StdZero: 0.01234, MethodSeconds: 2.4}})
	lines := strings.Split(strings.TrimSpace(md), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), md)
	}
	if !strings.Contains(lines[2], "| c | plm | 3 | – | 0.988 | 0.877 |") ||
		!strings.Contains(lines[2], "| 0.0123 |") {
		t.Errorf("row %q", lines[2])
	}
}

func TestShellJoin(t *testing.T) {
	got := shellJoin([]string{"generate", "--run", "a b", "it's", ""})
	want := `generate --run 'a b' 'it'\''s' ''`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// The runner records each command and its output, and names a failing one.
func TestRunnerLogsCommands(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	r, err := newRunner(sh, dir)
	if err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "c", "m.log")
	if _, err := r.run(t.Context(), log, "-c", "echo hello"); err != nil {
		t.Fatal(err)
	}
	_, err = r.run(t.Context(), log, "-c", "exit 3")
	if err == nil || !strings.Contains(err.Error(), "exit 3") {
		t.Errorf("failing command: err %v", err)
	}
	if err := r.close(); err != nil {
		t.Fatal(err)
	}
	script, _ := os.ReadFile(filepath.Join(dir, "commands.sh"))
	out, _ := os.ReadFile(log)
	if !strings.Contains(string(script), "spinfer -c 'echo hello'\n") {
		t.Errorf("commands.sh:\n%s", script)
	}
	if !strings.Contains(string(out), "hello\n") {
		t.Errorf("log:\n%s", out)
	}
}

func TestPlotDeltaJ(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.png")
	rows := []Row{{Case: "a", Method: "rbm-pcd", Order: 2, DeltaJ: 0.3},
		{Case: "a", Method: "plm", Order: 2, DeltaJ: math.NaN()},
		{Case: "b", Method: "plm", Order: 2, DeltaJ: 0.2}}
	if err := plotDeltaJ(path, rows); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("not a PNG: %v", err)
	}
	if err := plotDeltaJ(path, rows[:0]); err == nil {
		t.Error("no error without rows")
	}
}

// The persistent chains default to the batch size and can be set apart.
func TestTrainingArgsChains(t *testing.T) {
	for _, c := range []struct {
		tr   Training
		want string
	}{
		{Training{Batch: 500}, "500"},
		{Training{Batch: 500, Chains: 100}, "100"},
	} {
		args := c.tr.args("pcd")
		i := slices.Index(args, "--chains")
		if i < 0 || args[i+1] != c.want {
			t.Errorf("%+v: args %v, want --chains %s", c.tr, args, c.want)
		}
	}
}

// rdm takes its own Gibbs steps when RdmK is set; pcd keeps K.
func TestTrainingArgsRdmK(t *testing.T) {
	tr := Training{K: 1, RdmK: 10}
	for p, want := range map[string]string{"pcd": "1", "rdm": "10"} {
		args := tr.args(p)
		if i := slices.Index(args, "-k"); i < 0 || args[i+1] != want {
			t.Errorf("%s: args %v, want -k %s", p, args, want)
		}
	}
	if args := (Training{K: 3}).args("rdm"); !slices.Contains(args, "3") {
		t.Errorf("rdm without RdmK: args %v, want -k 3", args)
	}
}

// A case's own settings replace the suite's, are validated, and are
// recorded in the Parquet metadata.
func TestCaseTraining(t *testing.T) {
	s := Default(true)
	own := s.Training
	own.Batch = 7
	s.Cases[0].Training = &own
	if got := s.TrainingFor(s.Cases[0]); got.Batch != 7 {
		t.Errorf("case training %+v", got)
	}
	if got := s.TrainingFor(s.Cases[1]); got != s.Training {
		t.Errorf("case without own settings got %+v", got)
	}
	path := filepath.Join(t.TempDir(), "v.parquet")
	if err := writeParquet(path, s, []Row{{Case: "c", Method: "plm", Order: 2}}); err != nil {
		t.Fatal(err)
	}
	tab, err := formats.ReadTable(path)
	if err != nil {
		t.Fatal(err)
	}
	meta := tab.Meta["spinfer.validation_case_training"]
	if !strings.Contains(meta, `"`+s.Cases[0].Name+`":{`) || !strings.Contains(meta, `"Batch":7`) {
		t.Errorf("case training metadata %q", meta)
	}
	own.LR = -1
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), s.Cases[0].Name) {
		t.Errorf("bad case training: err %v", err)
	}
}

// A Δ_J above the axis cap is drawn to the cap and labelled with its
// value; a missing or NaN value is an empty bar without a label.
func TestBarValuesCap(t *testing.T) {
	value := map[[2]string]float64{{"a", "nmf"}: 1.83, {"b", "nmf"}: 0.2,
		{"c", "nmf"}: math.NaN()}
	vals, cut := barValues([]string{"a", "b", "c", "d"}, "nmf", value)
	if vals[0] != deltaJCap || vals[1] != 0.2 || vals[2] != 0 || vals[3] != 0 {
		t.Errorf("values %v", vals)
	}
	if len(cut.Labels) != 1 || cut.Labels[0] != "1.83" || cut.XYs[0].X != 0 {
		t.Errorf("labels %+v", cut)
	}
}
