package importmodel_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/stages/importmodel"
)

// Import a scikit-learn BernoulliRBM saved with numpy.save: components_ is
// M×N, so the layout is MxN. Here the three files are written as text.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "import-example")
	defer os.RemoveAll(dir)
	p := func(name string) string { return filepath.Join(dir, name) }
	// M = 2 hidden units (rows) × N = 3 visible units (columns).
	os.WriteFile(p("components.txt"), []byte("0.5 -0.5 0.25\n1 0 -1\n"), 0o644)
	os.WriteFile(p("intercept_visible.txt"), []byte("0.1\n0.2\n0.3\n"), 0o644)
	os.WriteFile(p("intercept_hidden.txt"), []byte("-1 1\n"), 0o644)

	res, err := importmodel.Run(context.Background(), importmodel.Options{
		Weights:     p("components.txt"),
		VisibleBias: p("intercept_visible.txt"),
		HiddenBias:  p("intercept_hidden.txt"),
		Layout:      importmodel.LayoutMN,
		Output:      p("model"),
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := formats.ReadModel(res.Output)
	fmt.Printf("N = %d, M = %d, %s visible units, names %v\n", res.N, res.M, m.Visible,
		m.VisibleNames)
	fmt.Println("W (N×M):", m.W)
	fmt.Println("protocol:", m.Training["protocol"])
	// Output:
	// N = 3, M = 2, bernoulli visible units, names [s0 s1 s2]
	// W (N×M): [0.5 1 -0.5 0 0.25 -1]
	// protocol: imported
}
