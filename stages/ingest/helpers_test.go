package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

// sharedData returns the shared/data directory of the workspace, found by
// walking up from the package directory, or skips the test.
func sharedData(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("shared/data not found above the package directory")
		}
		dir = parent
	}
}

// readString reads s as a text file named d.txt.
func readString(s string, o ReadOptions) (*Parsed, error) {
	return ReadText(context.Background(), strings.NewReader(s), "d.txt", o)
}

// writeFile writes b to name in a fresh temporary directory.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantInputError checks that err is an *InputError with the given message.
func wantInputError(t *testing.T, err error, want string) {
	t.Helper()
	var ie *InputError
	switch {
	case err == nil:
		t.Fatalf("no error, want %q", want)
	case !errors.As(err, &ie) || !IsInputError(err):
		t.Fatalf("error %v (%T) is not an *InputError", err, err)
	case err.Error() != want:
		t.Fatalf("error\n got %s\nwant %s", err, want)
	}
}

// checkDataset compares a dataset with the expected names, basis and
// row-major values.
func checkDataset(t *testing.T, d *formats.Dataset, names []string,
	basis formats.Basis, rows int, vals []int8) {
	t.Helper()
	if !slices.Equal(d.Names, names) {
		t.Errorf("names %q, want %q", d.Names, names)
	}
	if d.Basis != basis {
		t.Errorf("basis %q, want %q", d.Basis, basis)
	}
	if d.Rows != rows {
		t.Errorf("rows %d, want %d", d.Rows, rows)
	}
	if !slices.Equal(d.Values, vals) {
		t.Errorf("values %v, want %v", d.Values, vals)
	}
}

func ptr[T any](x T) *T { return &x }
