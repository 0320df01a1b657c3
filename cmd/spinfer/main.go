// Command spinfer learns a Restricted Boltzmann Machine from binary spin data
// with Markov-chain Monte Carlo and maps it to an effective multi-body spin
// Hamiltonian. Run `spinfer --help` for the commands.
//
// Setting SPINFER_CPUPROFILE=FILE writes a CPU profile of the run to FILE
// (for `go tool pprof`).
package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

func main() {
	if p := os.Getenv("SPINFER_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "spinfer: SPINFER_CPUPROFILE:", err)
			os.Exit(exitRuntime)
		}
		pprof.StartCPUProfile(f)
		code := run(os.Args, os.Stdout, os.Stderr)
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(code)
	}
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}
