package formats

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Entries of a run directory (the names pipeline.RunDir uses; the
// contract is docs/formats.md).
const (
	runManifest    = "manifest.json"
	runCheckpoints = "checkpoints"
	runEvaluation  = "evaluation.json"
	runPlots       = "plots"
)

// runEntries lists a run directory's fixed entries in pipeline order;
// dir marks directories.
var runEntries = []struct {
	name string
	dir  bool
}{
	{runManifest, false}, {"dataset.parquet", false}, {"train.parquet", false},
	{"test.parquet", false}, {"model", true}, {runCheckpoints, true},
	{"metrics.parquet", false}, {"samples.parquet", false}, {"couplings", true},
	{"truth", true}, {runEvaluation, false}, {runPlots, true},
}

// checkpointName matches checkpoint directories: ten-digit update counts.
var checkpointName = regexp.MustCompile(`^\d{10}$`)

// Kinds of directories Describe recognises.
const (
	dirUnknown = iota
	dirModel
	dirCouplings
	dirRun
	dirCheckpoints
)

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// dirKind recognises a directory by its content.
func dirKind(dir string) int {
	if exists(filepath.Join(dir, ModelJSONFile)) {
		return dirModel
	}
	for _, f := range []string{FieldsFile, PairsFile, TripletsFile, QuadrupletsFile} {
		if exists(filepath.Join(dir, f)) {
			return dirCouplings
		}
	}
	for _, e := range runEntries {
		if e.name != runPlots && exists(filepath.Join(dir, e.name)) {
			return dirRun
		}
	}
	if len(checkpoints(dir)) > 0 {
		return dirCheckpoints
	}
	return dirUnknown
}

// checkpoints lists the checkpoint subdirectories of dir in update order.
func checkpoints(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if e.IsDir() && checkpointName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

func describeDir(pr *printer, dir string, preview int) error {
	switch dirKind(dir) {
	case dirModel:
		return describeModel(pr, dir, preview, true)
	case dirCouplings:
		return describeCouplings(pr, dir, preview, true)
	case dirRun:
		return describeRun(pr, dir, preview)
	case dirCheckpoints:
		return describeCheckpoints(pr, dir)
	}
	return fileErr(dir, badf("not a spinfer directory: no model.json (model or checkpoint), "+
		"no fields/pairs/triplets/quadruplets.parquet (couplings), no manifest.json or "+
		"dataset.parquet (run directory), no checkpoint subdirectories"))
}

// describeModel prints a model or checkpoint directory; detailed adds
// each Parquet file.
func describeModel(pr *printer, dir string, preview int, detailed bool) error {
	m, err := ReadModel(dir)
	if err != nil {
		pr.printf("%s: model directory that does not read back\n", dir)
		reportCheck(pr, err)
		if detailed {
			describeModelFiles(pr, dir, preview)
		}
		return err
	}
	pr.printf("%s: model directory (RBM), %s\n", dir, modelSummary(m))
	pr.printf("parameters:\n")
	pr.table([][]string{statsRow("W", m.W), statsRow("b (visible bias)", m.B),
		statsRow("c (hidden bias)", m.C)})
	pr.printf("training:\n")
	pr.table(trainingRows(m.Training))
	extra := extraFiles(dir, WeightsFile, VisibleFile, HiddenFile, ModelJSONFile)
	if len(extra) > 0 {
		pr.printf("other files: %s\n", strings.Join(extra, ", "))
	}
	reportCheck(pr, nil)
	if detailed {
		return describeModelFiles(pr, dir, preview)
	}
	return nil
}

func modelSummary(m *Model) string {
	return fmt.Sprintf("%d visible units (%s) × %d hidden units (%s)",
		m.NVisible(), m.Visible, m.NHidden(), m.Hidden)
}

func describeModelFiles(pr *printer, dir string, preview int) error {
	var first error
	for _, f := range []string{WeightsFile, VisibleFile, HiddenFile} {
		pr.printf("\n")
		if err := describeParquet(pr, filepath.Join(dir, f), preview, false); err != nil {
			pr.printf("%s: %v\n", f, err)
			first = cmpOr(first, err)
		}
	}
	return first
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// statsRow summarises a parameter vector: size, min, max, root mean square.
func statsRow(name string, x []float64) []string {
	lo, hi, ss := math.Inf(1), math.Inf(-1), 0.0
	for _, v := range x {
		lo, hi, ss = min(lo, v), max(hi, v), ss+v*v
	}
	rms := math.Sqrt(ss / float64(max(len(x), 1)))
	return []string{name, fmt.Sprintf("%d values", len(x)), fmt.Sprintf("min %.4g", lo),
		fmt.Sprintf("max %.4g", hi), fmt.Sprintf("rms %.4g", rms)}
}

// trainingRows prints the training record of model.json, one key a row.
func trainingRows(tr map[string]any) [][]string {
	if len(tr) == 0 {
		return [][]string{{"(none recorded)"}}
	}
	var rows [][]string
	for _, k := range slices.Sorted(maps.Keys(tr)) {
		b, _ := json.Marshal(tr[k])
		rows = append(rows, []string{k, shorten(string(b), metaValueMax)})
	}
	return rows
}

// extraFiles lists the entries of dir other than known.
func extraFiles(dir string, known ...string) []string {
	entries, _ := os.ReadDir(dir)
	var extra []string
	for _, e := range entries {
		if !slices.Contains(known, e.Name()) {
			extra = append(extra, e.Name())
		}
	}
	return extra
}

// describeCouplings prints a couplings directory; detailed adds each
// Parquet file.
func describeCouplings(pr *printer, dir string, preview int, detailed bool) error {
	c, err := ReadCouplings(dir)
	if err != nil {
		pr.printf("%s: couplings directory that does not read back\n", dir)
		reportCheck(pr, err)
	} else {
		pr.printf("%s: couplings directory, %d variables (Ising basis, units of kT)\n",
			dir, len(c.Names))
		pr.table(couplingRows(c))
		describeMeta(pr, c.Meta)
		reportCheck(pr, nil)
	}
	if !detailed {
		return err
	}
	for k := 1; k <= 4; k++ {
		file, _ := couplingsArtifact(k)
		if path := filepath.Join(dir, file); exists(path) {
			pr.printf("\n")
			err = cmpOr(err, describeParquet(pr, path, preview, false))
		}
	}
	return err
}

// couplingRows has one line per order: file, term count, range and the
// largest term.
func couplingRows(c *Couplings) [][]string {
	rows := [][]string{{"order", "file", "terms", "min", "max", "largest |value|"}}
	if c.Fields == nil {
		rows = append(rows, []string{"fields", "absent"})
	} else {
		terms := make([]Term, len(c.Fields))
		for i, h := range c.Fields {
			terms[i] = Term{Sites: [4]int32{int32(i)}, Value: h}
		}
		rows = append(rows, termRow("fields", FieldsFile, 1, terms, c.Names))
	}
	for k := 2; k <= 4; k++ {
		file, _ := orderFile(k)
		name := strings.TrimSuffix(file, ".parquet")
		terms, ok := c.Orders[k]
		if !ok {
			rows = append(rows, []string{name, "absent"})
			continue
		}
		rows = append(rows, termRow(name, file, k, terms, c.Names))
	}
	return rows
}

func termRow(name, file string, k int, terms []Term, names []string) []string {
	if len(terms) == 0 {
		return []string{name, file, "0"}
	}
	lo, hi, best := math.Inf(1), math.Inf(-1), 0
	for t, term := range terms {
		lo, hi = min(lo, term.Value), max(hi, term.Value)
		if math.Abs(term.Value) > math.Abs(terms[best].Value) {
			best = t
		}
	}
	var sites []string
	for _, s := range terms[best].Sites[:k] {
		sites = append(sites, names[s])
	}
	return []string{name, file, fmt.Sprint(len(terms)), fmt.Sprintf("%.4g", lo),
		fmt.Sprintf("%.4g", hi),
		fmt.Sprintf("%.4g at (%s)", terms[best].Value, strings.Join(sites, ", "))}
}

// describeCheckpoints lists the checkpoints of a directory and sums up
// the last one.
func describeCheckpoints(pr *printer, dir string) error {
	names := checkpoints(dir)
	pr.printf("%s: %d checkpoints, updates %s … %s\n", dir, len(names),
		trimZeros(names[0]), trimZeros(names[len(names)-1]))
	pr.printf("last checkpoint:\n")
	return describeModel(pr, filepath.Join(dir, names[len(names)-1]), 0, false)
}

// trimZeros turns a checkpoint name into its update count.
func trimZeros(name string) string {
	if s := strings.TrimLeft(name, "0"); s != "" {
		return s
	}
	return "0"
}

// describeRun prints the entries of a run directory, then each artifact.
func describeRun(pr *printer, dir string, preview int) error {
	pr.printf("%s: run directory\n", dir)
	rows := [][]string{}
	for _, e := range runEntries {
		rows = append(rows, []string{e.name + slashIf(e.dir), runEntrySummary(dir, e.name)})
	}
	pr.table(rows)
	var known []string
	for _, e := range runEntries {
		known = append(known, e.name)
	}
	if extra := extraFiles(dir, known...); len(extra) > 0 {
		pr.printf("other entries: %s\n", strings.Join(extra, ", "))
	}
	var first error
	for _, e := range runEntries {
		path := filepath.Join(dir, e.name)
		if !exists(path) || e.name == runManifest || e.name == runEvaluation ||
			e.name == runPlots || e.name == runCheckpoints {
			continue
		}
		pr.printf("\n")
		var err error
		switch e.name {
		case "model":
			err = describeModel(pr, path, preview, false)
		case "couplings", "truth":
			err = describeCouplings(pr, path, preview, false)
		default:
			err = describeParquet(pr, path, preview, true)
		}
		first = cmpOr(first, err)
	}
	return first
}

func slashIf(dir bool) string {
	if dir {
		return "/"
	}
	return ""
}

// runEntrySummary is the one-line account of a run directory entry.
func runEntrySummary(dir, name string) string {
	path := filepath.Join(dir, name)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		return err.Error()
	}
	switch {
	case name == runManifest:
		return manifestSummary(path)
	case name == runCheckpoints:
		if names := checkpoints(path); len(names) > 0 {
			return fmt.Sprintf("%d checkpoints, updates %s … %s", len(names),
				trimZeros(names[0]), trimZeros(names[len(names)-1]))
		}
		return "no checkpoints"
	case name == "model":
		if m, err := ReadModel(path); err == nil {
			return modelSummary(m)
		}
		return "unreadable model (see below)"
	case name == "couplings" || name == "truth":
		var present []string
		for k := 1; k <= 4; k++ {
			if file, _ := couplingsArtifact(k); exists(filepath.Join(path, file)) {
				present = append(present, strings.TrimSuffix(file, ".parquet"))
			}
		}
		return "couplings: " + strings.Join(present, ", ")
	case st.IsDir():
		entries, _ := os.ReadDir(path)
		return fmt.Sprintf("%d entries", len(entries))
	case strings.HasSuffix(name, ".parquet"):
		return parquetSummary(path)
	}
	return byteSize(st.Size())
}

func parquetSummary(path string) string {
	p, err := openParquet(path)
	if err != nil {
		return "unreadable: " + err.Error()
	}
	defer p.close()
	return fileSummary(p, p.meta())
}

// manifestSummary lists the stages recorded in manifest.json with their
// status.
func manifestSummary(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	var m struct {
		Stages map[string]struct {
			Status  string  `json:"status"`
			Seconds float64 `json:"seconds"`
		} `json:"stages"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return "not valid JSON: " + err.Error()
	}
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(m.Stages)) {
		s := m.Stages[name]
		parts = append(parts, fmt.Sprintf("%s %s (%.1f s)", name, s.Status, s.Seconds))
	}
	if len(parts) == 0 {
		return "no stages recorded"
	}
	return "stages: " + strings.Join(parts, ", ")
}
