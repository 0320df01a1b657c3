package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestGenerateMatchesDump checks the generator against spinfer's own
// reading: every file listed in expected.json, dumped with -dump, has the
// expected schema, metadata and values (digests recomputed from the
// dump). The DuckDB side of the comparison runs in .ci/interop.
func TestGenerateMatchesDump(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gen")
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp expected
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	if len(exp.Files) != 14 {
		t.Fatalf("%d files in expected.json, want 14", len(exp.Files))
	}
	for _, want := range exp.Files {
		got, err := dumpFile(filepath.Join(dir, filepath.FromSlash(want.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if want.Digest != nil {
			got.Values, got.Digest = nil, digestOf(t, got)
		}
		for k, v := range want.Metadata {
			if got.Metadata[k] != v {
				t.Errorf("%s: metadata %s = %q, want %q", want.Path, k, got.Metadata[k], v)
			}
		}
		got.Path, got.Metadata, want.Metadata = want.Path, nil, nil
		if g, w := mustJSON(t, got), mustJSON(t, want); !bytes.Equal(g, w) {
			t.Errorf("%s: spinfer reads\n%s\nwant\n%s", want.Path, g, w)
		}
	}
}

// digestOf sums the dumped integer columns of e.
func digestOf(t *testing.T, e *fileEntry) map[string]digest {
	out := map[string]digest{}
	for name, col := range e.Values {
		var s, ws int64
		for r, v := range col {
			x := mustJSON(t, v)
			n, err := strconv.ParseInt(string(x), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			s += n
			ws += int64(r+1) * n
		}
		out[name] = digest{strconv.FormatInt(s, 10), strconv.FormatInt(ws, 10)}
	}
	return out
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRunUsage(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, "", ""); err == nil {
		t.Error("no flags accepted")
	}
	if err := run(&buf, "x", "y"); err == nil {
		t.Error("both flags accepted")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	if err := generate(dir); err == nil {
		t.Error("generate into a non-empty directory accepted")
	}
}
