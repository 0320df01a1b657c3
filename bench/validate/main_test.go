package main

import (
	"slices"
	"testing"
)

// The flags parse into the suite's options, with the defaults of
// `spinfer bench validate` apart from --bin.
func TestParse(t *testing.T) {
	o, err := parse([]string{"--quick", "--cases", "planted3,ea7-1e4", "--out", "x"})
	if err != nil {
		t.Fatal(err)
	}
	if !o.Quick || o.Out != "x" || o.Bin != "bin/spinfer" || o.Replot ||
		!slices.Equal(o.Cases, []string{"planted3", "ea7-1e4"}) {
		t.Errorf("options %+v", o)
	}
	if _, err := parse([]string{"stray"}); err == nil {
		t.Error("stray argument accepted")
	}
}
