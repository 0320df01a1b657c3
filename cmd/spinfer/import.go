package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/importmodel"
)

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "turn an RBM trained elsewhere (PyTorch, scikit-learn, …) into a spinfer model",
		Description: "Reads W, b and c from .npy, Parquet or text (CSV/whitespace) files; all\n" +
			"three are required. The model is E(v,h) = −bᵀv − cᵀh − vᵀWh, h ∈ {0,1},\n" +
			"v ∈ {0,1} (--visible binary) or ±1 (--visible ising). W is N×M by default\n" +
			"(W[i,a], one row per visible unit); --layout MxN reads one row per hidden unit.\n\n" +
			"scikit-learn's BernoulliRBM has the same energy with binary units:\n" +
			"   components_ (M×N) → --weights with --layout MxN\n" +
			"   intercept_visible_ (N) → --visible-bias, intercept_hidden_ (M) → --hidden-bias\n" +
			"   (in Python: np.save(\"W.npy\", rbm.components_), …). A torch.nn.Linear(N, M)\n" +
			"   weight is M×N too. See docs/import.md.\n\n" +
			"Examples:\n" +
			"   spinfer import --weights W.npy --visible-bias b.npy --hidden-bias c.npy --run runs/x\n" +
			"   spinfer import --weights components.npy --visible-bias intercept_visible.npy \\\n" +
			"       --hidden-bias intercept_hidden.npy --layout MxN --dataset data.parquet \\\n" +
			"       -o model\n" +
			"   spinfer couplings --run runs/x --method exact --order 3",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "weights", Usage: "weight matrix W (.npy, Parquet or text)"},
			&cli.StringFlag{Name: "visible-bias", Usage: "visible biases b, N entries"},
			&cli.StringFlag{Name: "hidden-bias", Usage: "hidden biases c, M entries"},
			&cli.StringFlag{Name: "run", Usage: "run directory to write model/ into"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"},
				Usage: "model directory to write instead of a run directory"},
			&cli.StringFlag{Name: "layout", Value: importmodel.LayoutNM,
				Usage: "NxM (row i = visible unit i) or MxN (scikit-learn's components_)"},
			&cli.StringFlag{Name: "visible", Value: importmodel.VisibleBinary,
				Usage: "visible units: binary (0/1) or ising (±1)"},
			&cli.StringFlag{Name: "names",
				Usage: "file of variable names, one per line (default s0 … s{N−1})"},
			&cli.StringFlag{Name: "dataset",
				Usage: "take the variable names from this spinfer dataset"},
			&cli.BoolFlag{Name: "force", Usage: "replace an existing model directory"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError{fmt.Errorf("import takes no arguments, got %q", c.Args().Slice())}
			}
			o := importmodel.Options{Weights: c.String("weights"),
				VisibleBias: c.String("visible-bias"), HiddenBias: c.String("hidden-bias"),
				RunDir: c.String("run"), Output: c.String("output"), Layout: c.String("layout"),
				Visible: c.String("visible"), Names: c.String("names"),
				Dataset: c.String("dataset"), Force: c.Bool("force")}
			return runImport(c.Context, e, o)
		},
	}
}

func runImport(ctx context.Context, e *env, o importmodel.Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	var res *importmodel.Result
	work := func(ctx context.Context) ([]string, error) {
		var err error
		res, err = importmodel.Run(ctx, o, e.log)
		if err != nil {
			return nil, err
		}
		return []string{res.Output}, nil
	}
	var err error
	if o.RunDir != "" {
		err = pipeline.RunDir(o.RunDir).Execute(ctx, pipeline.Stage{Name: "import", Params: o,
			Inputs: o.Inputs(), Run: work}, e.log)
	} else {
		_, err = work(ctx)
	}
	if err != nil {
		return err
	}
	units := importmodel.VisibleBinary
	if res.Visible == formats.UnitIsing {
		units = importmodel.VisibleIsing
	}
	fmt.Fprintf(e.stdout, "imported an RBM with N = %d visible (%s) and M = %d hidden units "+
		"(layout %s) into %s\n", res.N, units, res.M, res.Layout, res.Output)
	for _, s := range res.Sources {
		shape := ""
		if len(s.Shape) > 0 {
			shape = fmt.Sprintf(" %s %s", s.Format, shapeString(s.Shape))
		}
		if s.DType != "" {
			shape += " " + s.DType
		}
		fmt.Fprintf(e.stdout, "  %-12s %s%s\n", s.Role, s.Path, shape)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(e.stdout, "  note: %s\n", n)
	}
	return nil
}

// shapeString formats a shape as "64×20", or "(64,)" for a 1-D array.
func shapeString(shape []int) string {
	if len(shape) == 1 {
		return fmt.Sprintf("(%d,)", shape[0])
	}
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, "×")
}
