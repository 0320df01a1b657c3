package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// bench validate has the flags of `go run ./bench/validate` and refuses
// unknown cases and stray arguments as usage errors, before running
// anything.
func TestBenchValidateFlagsAndErrors(t *testing.T) {
	var names []string
	for _, f := range benchValidateCommand(&env{}).Flags {
		names = append(names, f.Names()...)
	}
	slices.Sort(names)
	if want := []string{"bin", "cases", "out", "quick", "replot"}; !slices.Equal(names, want) {
		t.Errorf("flags %v, want %v", names, want)
	}
	out := filepath.Join(t.TempDir(), "v")
	bin := filepath.Join(out, "no-binary") // nothing may run
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"bench", "validate", "--bin", bin, "--out", out, "--cases", "ea7-1e4,nope"},
			exitUsage, `no case "nope" in the full suite`},
		{[]string{"bench", "validate", "--quick", "--bin", bin, "--out", out,
			"--cases", "ea7-1e5"}, exitUsage, `no case "ea7-1e5" in the quick suite`},
		{[]string{"bench", "validate", "extra"}, exitUsage, "takes no arguments"},
		{[]string{"bench", "validate", "--replot", "--out", out}, exitUsage,
			"validation.parquet"},
	}
	for _, c := range cases {
		code, _, stderr := spinfer(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr,
				c.code, c.msg)
		}
	}
}
