package importmodel

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spinfer/spinfer/formats"
)

// DefaultNames returns s0 … s{n−1}, the names ingest gives variables of a
// file without a header.
func DefaultNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("s%d", i)
	}
	return names
}

// readNames reads a names file: one name per line (blank lines skipped),
// or a single line of comma-separated names; names are trimmed of spaces
// and of one pair of double quotes.
func readNames(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr(RoleNames, path, err, "cannot read: %v", unwrapPath(err))
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 1 && strings.Contains(lines[0], ",") {
		lines = splitFields(lines[0])
	}
	for i, l := range lines {
		lines[i] = strings.Trim(l, `"`)
	}
	if len(lines) == 0 {
		return nil, fileErr(RoleNames, path, nil, "holds no names")
	}
	return lines, nil
}

// datasetNames returns the variable names of a spinfer dataset.
func datasetNames(path string) ([]string, error) {
	d, err := formats.ReadDataset(path)
	if err != nil {
		return nil, fileErr(RoleDataset, path, err, "%v", trimFormatsPrefix(err, path))
	}
	return d.Names, nil
}

// names returns the variable names for a model with n visible units and
// where they came from: the names file, the dataset, or the defaults.
func (o Options) names(n int) (names []string, src string, err error) {
	role, path := RoleNames, o.Names
	switch {
	case o.Names != "":
		names, err = readNames(o.Names)
	case o.namesDataset() != "":
		role, path = RoleDataset, o.namesDataset()
		names, err = datasetNames(path)
	default:
		return DefaultNames(n), "", nil
	}
	if err != nil {
		return nil, "", err
	}
	if len(names) != n {
		hint := ""
		if role == RoleDataset && o.Dataset == "" {
			hint = " (the run directory's dataset; give --names, or import into " +
				"another run directory)"
		}
		return nil, "", fileErr(role, path, nil, "has %d variable names, but the model "+
			"has N = %d visible units%s", len(names), n, hint)
	}
	return names, path, nil
}
