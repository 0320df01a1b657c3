// Command spinfer learns a Restricted Boltzmann Machine from binary spin data
// with Markov-chain Monte Carlo and maps it to an effective multi-body spin
// Hamiltonian. Run `spinfer --help` for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}
