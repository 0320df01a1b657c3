package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/pipeline"
)

// A sweep's grid points, each with its run directory inside the sweep
// directory; the schema would come from the command's flags.
func ExampleParse() {
	dir, _ := os.MkdirTemp("", "spinfer-example-")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sweep.yaml")
	os.WriteFile(path, []byte(`run: runs/sweep
fixture: ising8
train: {updates: 500}
sweep:
  train.protocol: [pcd, rdm]
  train.hidden: [16, 32]
`), 0o644)
	schema := pipeline.Schema{
		Keys:     map[string][]string{"train": {"protocol", "hidden", "updates"}},
		Fixtures: []string{"ising8"},
	}
	f, err := pipeline.Parse(path, "", schema)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range f.Points() {
		rel, _ := filepath.Rel(dir, string(f.RunDir(p)))
		fmt.Println(p.Index, rel, f.Settings("train", p))
	}
	// Output:
	// 0 runs/sweep/protocol-pcd_hidden-16 map[hidden:16 protocol:pcd updates:500]
	// 1 runs/sweep/protocol-pcd_hidden-32 map[hidden:32 protocol:pcd updates:500]
	// 2 runs/sweep/protocol-rdm_hidden-16 map[hidden:16 protocol:rdm updates:500]
	// 3 runs/sweep/protocol-rdm_hidden-32 map[hidden:32 protocol:rdm updates:500]
}

// A stage's cache key covers its inputs' content, its settings in
// canonical JSON and the version; the order of settings does not matter.
func ExampleStageKey() {
	in := []pipeline.FileRef{{Path: "dataset.parquet", SHA256: "e129ca9b"}}
	a, _ := pipeline.StageKey(in, map[string]string{"hidden": "16", "k": "4"}, "0.1.0")
	b, _ := pipeline.StageKey(in, map[string]string{"k": "4", "hidden": "16"}, "0.1.0")
	c, _ := pipeline.StageKey(in, map[string]string{"k": "5", "hidden": "16"}, "0.1.0")
	fmt.Println(a == b, a == c, len(a))
	// Output: true false 64
}
