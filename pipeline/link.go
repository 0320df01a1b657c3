package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Ways a linked file reached a run directory.
const (
	LinkHard = "hardlink"
	LinkCopy = "copy"
)

// sharedNames are the upstream outputs a sweep's runs share.
var sharedNames = []string{DatasetFile, TrainFile, TestFile, TruthDir}

// LinkStep returns the step that brings the upstream run's dataset (with
// train/test parts) and truth into dst without running the upstream stages
// again: each file is hard-linked, or copied where the file system refuses
// links. Stages replace files by renaming, so a link is never written
// through. The step is recorded in dst's manifest under name (the upstream
// stage's name) with the method and the upstream directory as parameters.
func LinkStep(name string, from, dst RunDir) Step {
	present := func() []string {
		var ps []string
		for _, n := range sharedNames {
			if _, err := os.Stat(from.Path(n)); err == nil {
				ps = append(ps, from.Path(n))
			}
		}
		return ps
	}
	abs, _ := filepath.Abs(string(from))
	return Step{
		Name:     name,
		Settings: map[string]any{"linked_from_upstream": true},
		Inputs: func() ([]string, error) {
			ps := present()
			if len(ps) == 0 {
				return nil, Inputf("no dataset in %s: run the upstream stages first", from)
			}
			return ps, nil
		},
		Run: func(ctx context.Context, key string, _ Mode) error {
			params := map[string]string{"linked_from": abs}
			return dst.Execute(ctx, Stage{Name: name, Params: params, Inputs: present(), Key: key,
				Run: func(context.Context) ([]string, error) {
					method, outs, err := linkAll(from, dst)
					params["method"] = method
					return outs, err
				}}, nil)
		},
	}
}

// linkAll links or copies the shared outputs of from into dst and returns
// the method used and the paths written.
func linkAll(from, dst RunDir) (string, []string, error) {
	method := LinkHard
	var outs []string
	for _, n := range sharedNames {
		src := from.Path(n)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if err := os.RemoveAll(dst.Path(n)); err != nil {
			return method, outs, err
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			to := filepath.Join(dst.Path(n), rel)
			if rel == "." {
				to = dst.Path(n)
			}
			copied, err := linkOrCopy(p, to)
			if copied {
				method = LinkCopy
			}
			return err
		})
		if err != nil {
			return method, outs, fmt.Errorf("pipeline: linking %s: %w", src, err)
		}
		outs = append(outs, dst.Path(n))
	}
	return method, outs, nil
}

// linkOrCopy hard-links src to dst, or copies it when linking fails; it
// reports whether it copied.
func linkOrCopy(src, dst string) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return false, err
	}
	if err := os.Link(src, dst); err == nil {
		return false, nil
	} else if errors.Is(err, fs.ErrExist) {
		return false, err
	}
	in, err := os.Open(src)
	if err != nil {
		return true, err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return true, err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return true, err
	}
	return true, out.Close()
}
