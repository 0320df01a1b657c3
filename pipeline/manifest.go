package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/spinfer/spinfer/internal/atomicfile"
)

// Stage statuses recorded in the manifest.
const (
	StatusRunning     = "running"
	StatusOK          = "ok"
	StatusFailed      = "failed"
	StatusInterrupted = "interrupted"
)

// Manifest is the content of manifest.json: one record per stage that ran in
// the run directory, keyed by stage name. A stage that runs again replaces
// its record.
type Manifest struct {
	Version string                  `json:"spinfer_version"`
	Stages  map[string]*StageRecord `json:"stages"`
}

// StageRecord says how one stage ran.
type StageRecord struct {
	Stage   string    `json:"stage"`
	Params  any       `json:"params,omitempty"`
	Seed    *uint64   `json:"seed,omitempty"`
	Inputs  []FileRef `json:"inputs"`
	Outputs []FileRef `json:"outputs"`
	Version string    `json:"spinfer_version"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end,omitzero"`
	Seconds float64   `json:"seconds"`
	Status  string    `json:"status"`
	Error   string    `json:"error,omitempty"`
	// Key identifies the stage's inputs, settings and version; a stage
	// whose key is unchanged need not run again.
	Key string `json:"key,omitempty"`
}

// FileRef names a file or directory with its content hash. Path is relative
// to the run directory when the file lies inside it, absolute otherwise
// (so a record means the same whatever the working directory was).
// For a directory, SHA256 hashes the sorted list of its files' relative
// paths and contents.
type FileRef struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// ReadManifest reads manifest.json of the run directory; a missing file
// gives an empty manifest.
func (r RunDir) ReadManifest() (*Manifest, error) {
	m := &Manifest{Stages: map[string]*StageRecord{}}
	b, err := os.ReadFile(r.Manifest())
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("pipeline: %s: %w", r.Manifest(), err)
	}
	if m.Stages == nil {
		m.Stages = map[string]*StageRecord{}
	}
	return m, nil
}

// WriteManifest replaces manifest.json atomically.
func (r RunDir) WriteManifest(m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("pipeline: encoding manifest: %w", err)
	}
	return atomicfile.Write(r.Manifest(), true, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// Ref hashes the file or directory at path and returns its reference, with
// Path relative to the run directory when inside it.
func (r RunDir) Ref(path string) (FileRef, error) {
	sum, n, err := HashPath(path)
	if err != nil {
		return FileRef{}, err
	}
	rel := path
	if abs, err := filepath.Abs(path); err == nil {
		rel = abs
		if root, err := filepath.Abs(string(r)); err == nil {
			if p, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(p) {
				rel = p
			}
		}
	}
	return FileRef{Path: rel, SHA256: sum, Bytes: n}, nil
}

// HashPath returns the hex sha256 and size in bytes of a file, or of a
// directory tree (hash over sorted relative names and contents).
func HashPath(path string) (string, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", 0, err
	}
	if !st.IsDir() {
		return hashFile(path)
	}
	var names []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return "", 0, err
	}
	sort.Strings(names)
	h := sha256.New()
	var total int64
	for _, p := range names {
		rel, _ := filepath.Rel(path, p)
		sum, n, err := hashFile(p)
		if err != nil {
			return "", 0, err
		}
		fmt.Fprintf(h, "%s\x00%s\n", filepath.ToSlash(rel), sum)
		total += n
	}
	return hex.EncodeToString(h.Sum(nil)), total, nil
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
