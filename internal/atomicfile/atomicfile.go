// Package atomicfile writes files so that readers see either the old
// content, the complete new content, or no file: data goes to a temporary
// file in the destination's directory, is synced, and is renamed into place.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrExists reports that the destination exists and overwriting was not
// asked for.
var ErrExists = errors.New("already exists (use --force to overwrite)")

// Write creates path atomically with the bytes produced by fill, making
// missing parent directories. When force
// is false and path exists, Write returns an error wrapping ErrExists and
// leaves path untouched. On any error no file is left at path and the
// temporary file is removed.
func Write(path string, force bool, fill func(w io.Writer) error) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename

	if err := fill(tmp); err != nil {
		tmp.Close()
		return err
	}
	// CreateTemp makes the file private; artifacts are ordinary files.
	if err := tmp.Chmod(0o644 &^ umask); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, path)
}

// WriteDir creates the directory path atomically: fill populates a
// temporary sibling directory, which is then renamed to path. When force is
// false and path exists, WriteDir returns an error wrapping ErrExists. When
// force is true an existing path is replaced only after fill succeeded.
func WriteDir(path string, force bool, fill func(dir string) error) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
	}
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // no-op after a successful rename
	if err := os.Chmod(tmp, 0o755&^umask); err != nil {
		return err
	}

	if err := fill(tmp); err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil {
		old := tmp + ".old"
		if err := os.Rename(path, old); err != nil {
			return err
		}
		defer os.RemoveAll(old)
	}
	return os.Rename(tmp, path)
}
