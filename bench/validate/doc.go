// Command validate runs spinfer's validation benchmark, the suite of
// package [github.com/spinfer/spinfer/bench/validate/suite]: inverse
// problems whose answers are known, each run end to end with the spinfer
// binary, scoring the couplings of a trained RBM side by side with the
// pairwise baselines nmf and plm. `spinfer bench validate` runs the same
// suite with the same flags.
//
//	go build -o bin/spinfer ./cmd/spinfer
//	go run ./bench/validate            # full suite (see docs/validation.md)
//	go run ./bench/validate --quick    # tiny settings, a few minutes
//	go run ./bench/validate --cases planted3 --out runs/v2
//	go run ./bench/validate --replot   # figure and table of an earlier run
package main
