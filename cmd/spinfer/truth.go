package main

import (
	"fmt"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/ising"
)

func truthCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "truth",
		Usage: "write the true couplings of a periodic ferromagnetic lattice as a couplings directory",
		Description: "Nearest-neighbour couplings J (in units of kT, so J = βJ' for data at\n" +
			"inverse temperature β), wrap-around bonds included, zero fields.\n\n" +
			"Example:\n   spinfer truth --lattice 2d --L 8 --coupling 0.4406 -o runs/ising/truth",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lattice", Value: "2d", Usage: "2d or 3d"},
			&cli.IntFlag{Name: "L", Usage: "linear size (≥ 3)", Required: true},
			&cli.Float64Flag{Name: "coupling",
				Usage: "nearest-neighbour coupling in units of kT", Required: true},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"},
				Usage: "couplings directory to write", Required: true},
			&cli.BoolFlag{Name: "force", Usage: "replace an existing output"},
		},
		Action: func(c *cli.Context) error {
			dim := map[string]int{"2d": 2, "3d": 3}[c.String("lattice")]
			L := c.Int("L")
			if dim == 0 || L < 3 {
				return usageError{fmt.Errorf("truth: --lattice must be 2d or 3d and --L ≥ 3")}
			}
			cp := latticeTruth(L, dim, c.Float64("coupling"))
			if err := formats.WriteCouplings(c.String("output"), cp, c.Bool("force")); err != nil {
				return err
			}
			e.log.Info("wrote true couplings", "dir", c.String("output"),
				"pairs", len(cp.Orders[2]))
			return nil
		},
	}
}

// latticeTruth returns the couplings of a periodic nearest-neighbour
// ferromagnet with sites named s0…s{N−1} in row-major order.
func latticeTruth(L, dim int, j float64) *formats.Couplings {
	n := ising.LatticeSites(L, dim)
	names := make([]string, n)
	for i := range names {
		names[i] = "s" + strconv.Itoa(i)
	}
	var pairs []formats.Term
	for _, b := range ising.LatticeNeighbours(L, dim) {
		pairs = append(pairs, formats.Term{Sites: [4]int32{b[0], b[1]}, Value: j})
	}
	return &formats.Couplings{
		Names: names, Fields: make([]float64, n),
		Orders: map[int][]formats.Term{2: pairs},
		Meta: map[string]string{
			"spinfer.method": "truth",
			"spinfer.model":  fmt.Sprintf("ferromagnet-%dd-periodic", dim),
			"spinfer.L":      strconv.Itoa(L),
		},
	}
}
