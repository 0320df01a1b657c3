package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteRefusesExisting(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, []byte("old"), 0o644)
	err := Write(p, false, func(w io.Writer) error { _, e := w.Write([]byte("new")); return e })
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Fatalf("content = %q", b)
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	err := Write(p, false, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return errors.New("fail")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("left %d entries", len(ents))
	}
}

func TestWriteDirReplacesOnlyOnSuccess(t *testing.T) {
	parent := t.TempDir()
	p := filepath.Join(parent, "model")
	os.MkdirAll(p, 0o755)
	os.WriteFile(filepath.Join(p, "a"), []byte("old"), 0o644)
	err := WriteDir(p, true, func(d string) error {
		os.WriteFile(filepath.Join(d, "a"), []byte("half"), 0o644)
		return errors.New("fail")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(filepath.Join(p, "a")); string(b) != "old" {
		t.Fatalf("old content lost: %q", b)
	}
	err = WriteDir(p, true, func(d string) error {
		return os.WriteFile(filepath.Join(d, "a"), []byte("new"), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(p, "a")); string(b) != "new" {
		t.Fatalf("content = %q", b)
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 1 {
		t.Fatalf("parent holds %d entries, want 1", len(ents))
	}
}

func TestWrittenFilesAreNotPrivate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := Write(p, false, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm()&0o044 == 0 && umask&0o044 == 0 {
		t.Fatalf("mode %v: group/other cannot read", st.Mode())
	}
}
