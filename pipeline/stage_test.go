package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestExecuteRecordsStage(t *testing.T) {
	r := RunDir(t.TempDir())
	in := filepath.Join(t.TempDir(), "input.txt")
	if err := os.WriteFile(in, []byte("1 -1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	seed := uint64(7)
	err := r.Execute(context.Background(), Stage{
		Name: "ingest", Params: map[string]int{"k": 3}, Seed: &seed,
		Inputs: []string{in},
		Run: func(context.Context) ([]string, error) {
			return []string{r.Dataset()}, os.WriteFile(r.Dataset(), []byte("x"), 0o644)
		},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.ReadManifest()
	if err != nil {
		t.Fatal(err)
	}
	rec := m.Stages["ingest"]
	if rec == nil || rec.Status != StatusOK || *rec.Seed != 7 {
		t.Fatalf("record = %+v", rec)
	}
	// sha256 of "1 -1\n" and of "x", computed with sha256sum.
	const inSum = "784cfeeb6a02dfb6168c519cf732c3e0d9a23e1581433593de0a6b04f57e557c"
	if got := rec.Inputs[0]; !filepath.IsAbs(got.Path) || filepath.Base(got.Path) != "input.txt" ||
		got.Bytes != 5 || got.SHA256 != inSum {
		t.Errorf("input ref = %+v", got)
	}
	if got := rec.Outputs[0]; got.Path != DatasetFile ||
		got.SHA256 != "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881" {
		t.Errorf("output ref = %+v", got)
	}
}

func TestExecuteRecordsFailure(t *testing.T) {
	r := RunDir(t.TempDir())
	boom := errors.New("boom")
	err := r.Execute(context.Background(), Stage{
		Name: "train",
		Run:  func(context.Context) ([]string, error) { return nil, boom },
	}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	m, _ := r.ReadManifest()
	if rec := m.Stages["train"]; rec.Status != StatusFailed || rec.Error != "boom" {
		t.Fatalf("record = %+v", rec)
	}
}

func TestHashPathDirectoryIsOrderIndependent(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		os.MkdirAll(filepath.Join(d, "sub"), 0o755)
	}
	os.WriteFile(filepath.Join(a, "x"), []byte("1"), 0o644)
	os.WriteFile(filepath.Join(a, "sub", "y"), []byte("2"), 0o644)
	os.WriteFile(filepath.Join(b, "sub", "y"), []byte("2"), 0o644)
	os.WriteFile(filepath.Join(b, "x"), []byte("1"), 0o644)
	ha, _, _ := HashPath(a)
	hb, _, _ := HashPath(b)
	if ha != hb {
		t.Fatalf("same content, different hashes %s %s", ha, hb)
	}
	os.WriteFile(filepath.Join(b, "x"), []byte("3"), 0o644)
	if hc, _, _ := HashPath(b); hc == ha {
		t.Fatal("changed content, same hash")
	}
}

func TestExecuteInputErrorKeepsEarlierRecord(t *testing.T) {
	r := RunDir(t.TempDir())
	ok := Stage{Name: "ingest", Run: func(context.Context) ([]string, error) { return nil, nil }}
	if err := r.Execute(context.Background(), ok, nil); err != nil {
		t.Fatal(err)
	}
	bad := Stage{Name: "ingest", Run: func(context.Context) ([]string, error) {
		return nil, Inputf("output exists")
	}}
	if err := r.Execute(context.Background(), bad, nil); !errors.Is(err, ErrInput) {
		t.Fatalf("err = %v", err)
	}
	m, _ := r.ReadManifest()
	if m.Stages["ingest"].Status != StatusOK {
		t.Fatalf("earlier record replaced: %+v", m.Stages["ingest"])
	}
}

func TestExecuteInputErrorRemovesNewRunDir(t *testing.T) {
	r := RunDir(filepath.Join(t.TempDir(), "new"))
	bad := Stage{Name: "ingest", Run: func(context.Context) ([]string, error) {
		return nil, Inputf("bad value")
	}}
	r.Execute(context.Background(), bad, nil)
	if _, err := os.Stat(string(r)); err == nil {
		t.Fatal("run directory left behind")
	}
}

// A stage that refuses its input in an existing directory without a
// manifest leaves no manifest behind, so the directory does not start to
// look like a run directory.
func TestExecuteInputErrorLeavesNoManifestInPlainDir(t *testing.T) {
	r := RunDir(t.TempDir())
	bad := Stage{Name: "mixing", Run: func(context.Context) ([]string, error) {
		return nil, Inputf("no model")
	}}
	if err := r.Execute(context.Background(), bad, nil); !errors.Is(err, ErrInput) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(r.Manifest()); err == nil {
		t.Fatal("manifest.json left in a directory that was not a run directory")
	}
}
