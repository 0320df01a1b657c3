package train

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

var describeRow = regexp.MustCompile(`^  (\S.*?)  +(\S.*)$`)

// describeRows runs DescribeState and returns its first line and its
// "key  value" rows.
func describeRows(t *testing.T, path string) (string, map[string]string) {
	t.Helper()
	var b bytes.Buffer
	if err := DescribeState(&b, path); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	rows := map[string]string{}
	for _, l := range lines[1:] {
		if m := describeRow.FindStringSubmatch(l); m != nil {
			rows[m[1]] = m[2]
		}
	}
	return lines[0], rows
}

// A checkpoint's state file is described with the figures the checkpoint's
// model.json records for the same update (written from the live trainer),
// and the data checksum is FNV-1a 64 of the training values as hash/fnv
// computes it.
func TestDescribeState(t *testing.T) {
	dir := fixtureRun(t)
	o := opts(dir, 0)
	o.Config.Epochs, o.Config.Batch = 1, 70 // not a divisor of the rows: epochs are fractional
	o.LogEvery = 1                          // model.json's epochs is then the checkpoint's
	if _, err := Run(context.Background(), o, nil); err != nil {
		t.Fatal(err)
	}
	us, err := Checkpoints(pipeline.RunDir(dir))
	if err != nil || len(us) < 2 {
		t.Fatalf("checkpoints %v, %v", us, err)
	}
	ckpt := pipeline.RunDir(dir).Checkpoint(us[len(us)-2])
	m, err := formats.ReadModel(ckpt)
	if err != nil {
		t.Fatal(err)
	}
	trainFile := pipeline.RunDir(dir).Train() // the stage's default data
	if _, err := os.Stat(trainFile); err != nil {
		trainFile = pipeline.RunDir(dir).Dataset()
	}
	data, err := formats.ReadDataset(trainFile)
	if err != nil {
		t.Fatal(err)
	}
	h := fnv.New64a()
	for _, x := range data.Values {
		h.Write([]byte{uint8(x)})
	}
	path := filepath.Join(ckpt, StateFile)
	first, rows := describeRows(t, path)
	tr := m.Training
	epochs, err := strconv.ParseFloat(fmt.Sprint(tr["epochs"]), 64)
	if err != nil {
		t.Fatalf("model.json epochs: %v", err)
	}
	want := map[string]string{
		"precision":   "float64",
		"units":       fmt.Sprintf("N = %d visible (ising) × M = 6 hidden", m.NVisible()),
		"chains":      "70 per replica, replicas 1",
		"updates":     fmt.Sprintf("%v of %v planned", tr["updates"], tr["planned"]),
		"epochs done": fmt.Sprintf("%.4g", epochs),
		"data": fmt.Sprintf("%d training rows, checksum %016x (FNV-1a 64 of the values)",
			data.Rows, h.Sum64()),
		"seed": "11", "protocol": "pcd", "batch": "70", "learning rate": "0.02",
		"k (Gibbs steps per update)": "2", "epochs planned": "1", "centred gradient": "true",
	}
	for k, v := range want {
		if rows[k] != v {
			t.Errorf("%s: %q, want %q", k, rows[k], v)
		}
	}
	if !strings.HasPrefix(first, path+": trainer state") || !strings.Contains(first, "version 1") {
		t.Errorf("first line %q", first)
	}
}

// Anything else is an input error naming the file; a missing file is a
// not-exist error.
func TestDescribeStateRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	var foreign bytes.Buffer
	if err := gob.NewEncoder(&foreign).Encode(map[string]int{"a": 1}); err != nil {
		t.Fatal(err)
	}
	var noState bytes.Buffer
	if err := gob.NewEncoder(&noState).Encode(stateFile{Precision: "float32"}); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(fixtureRun(t), pipeline.DatasetFile))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{"foreign.gob": foreign.Bytes(),
		"nostate.gob": noState.Bytes(), "parquet.gob": src, "empty.gob": nil,
		"junk.gob": []byte("not a gob stream at all")} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err := DescribeState(&out, p)
		named := err != nil && strings.Contains(err.Error(), p+": not a trainer state")
		if !errors.Is(err, pipeline.ErrInput) || !named {
			t.Errorf("%s: error %v, want an input error naming the file", name, err)
		}
		if out.Len() != 0 {
			t.Errorf("%s: printed %q", name, out.String())
		}
	}
	err = DescribeState(new(bytes.Buffer), filepath.Join(dir, "absent.gob"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("absent file: error %v", err)
	}
}
