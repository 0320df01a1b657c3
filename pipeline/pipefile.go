package pipeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Stage names of a pipeline file, in the order a run executes them.
// Exactly one of ingest and generate makes the dataset; truth copies true
// couplings into the run directory; mixing runs only when its block is
// present.
const (
	StageIngest    = "ingest"
	StageGenerate  = "generate"
	StageTruth     = "truth"
	StageTrain     = "train"
	StageMixing    = "mixing"
	StageSample    = "sample"
	StageCouplings = "couplings"
	StageEvaluate  = "evaluate"
)

// UpstreamStages make the dataset and the truth; a sweep runs them once and
// shares their outputs with every grid point.
var UpstreamStages = []string{StageIngest, StageGenerate, StageTruth}

// DownstreamStages run in every run directory after the upstream stages.
var DownstreamStages = []string{StageTrain, StageMixing, StageSample, StageCouplings,
	StageEvaluate}

// settingStages are the stages whose block holds settings (flag: value).
var settingStages = []string{StageIngest, StageGenerate, StageTrain, StageMixing, StageSample,
	StageCouplings, StageEvaluate}

// Pos is a 1-based line and column in a pipeline file.
type Pos struct{ Line, Col int }

// Setting is one "flag: value" line of a stage block. Value is the YAML
// scalar as written (true/false for switches).
type Setting struct {
	Key, Value string
	// KeyPos and ValuePos locate the key and the value in the file.
	KeyPos, ValuePos Pos
}

// Block holds one stage's settings in file order.
type Block struct {
	// Present is set when the file has the stage's key.
	Present bool
	// Pos is the position of the stage's key.
	Pos      Pos
	Settings []Setting
}

// Get returns the setting called key.
func (b Block) Get(key string) (Setting, bool) {
	for _, s := range b.Settings {
		if s.Key == key {
			return s, true
		}
	}
	return Setting{}, false
}

// Axis is one dimension of a sweep grid: the values one stage setting
// takes. Values are YAML scalars as written.
type Axis struct {
	Stage, Key string
	Values     []string
	// Pos is the position of the axis key, ValuePos of each value.
	Pos      Pos
	ValuePos []Pos
}

// Name is the axis as written in the file: "stage.key".
func (a Axis) Name() string { return a.Stage + "." + a.Key }

// File is a parsed and validated pipeline file. Paths are resolved against
// the directory of the file (or are absolute).
type File struct {
	// Path is the file's path as given.
	Path string
	// Description is free text from the file.
	Description string
	// Run is the run directory, or the sweep directory when Sweep is set.
	Run string
	// Data is the data file to ingest; Fixture names an embedded fixture
	// instead; neither is set when the Generate block makes the data.
	Data, Fixture string
	// Truth is the true couplings directory copied into each run ("" for
	// none; a fixture and the generate stage bring their own).
	Truth string
	// Blocks holds each stage's settings by stage name.
	Blocks map[string]Block
	// Sweep is the grid, in file order (first axis varies slowest).
	Sweep []Axis
}

// Block returns the block of the named stage.
func (f *File) Block(stage string) Block { return f.Blocks[stage] }

// InputStage names the stage that makes the dataset: ingest or generate.
func (f *File) InputStage() string {
	if f.Blocks[StageGenerate].Present {
		return StageGenerate
	}
	return StageIngest
}

// HasStage reports whether a run of the file executes the stage.
func (f *File) HasStage(stage string) bool {
	switch stage {
	case StageIngest, StageGenerate:
		return f.InputStage() == stage
	case StageTruth:
		return f.Truth != ""
	case StageMixing:
		if f.Blocks[StageMixing].Present {
			return true
		}
		return slices.ContainsFunc(f.Sweep, func(a Axis) bool { return a.Stage == StageMixing })
	}
	return true
}

// Settings returns a stage's settings as key → value, the file's block
// overridden by the point's values.
func (f *File) Settings(stage string, p Point) map[string]string {
	m := map[string]string{}
	for _, s := range f.Blocks[stage].Settings {
		m[s.Key] = s.Value
	}
	for i, a := range f.Sweep {
		if a.Stage == stage && i < len(p.Values) {
			m[a.Key] = p.Values[i]
		}
	}
	return m
}

// FileError is one problem of a pipeline file at a position.
type FileError struct {
	File string
	Pos  Pos
	Msg  string
}

func (e FileError) Error() string {
	if e.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// FileErrors is every problem found in a pipeline file, in file order. It
// wraps [ErrInput].
type FileErrors []FileError

func (es FileErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap makes errors.Is(err, ErrInput) true.
func (es FileErrors) Unwrap() error { return ErrInput }

func (es FileErrors) sorted() FileErrors {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i].Pos, es[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	seen := map[FileError]bool{}
	return slices.DeleteFunc(es, func(e FileError) bool {
		dup := seen[e]
		seen[e] = true
		return dup
	})
}

// didYouMean returns " (did you mean X?)" for the known name closest to
// name in edit distance, when it is close enough to be a typo.
func didYouMean(name string, known []string) string {
	best, bestD := "", len(name)/3+2
	for _, k := range known {
		if d := editDistance(name, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
