package report

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/rbm"
	"github.com/spinfer/spinfer/stages/couplings"
	"github.com/spinfer/spinfer/stages/evaluate"
	"github.com/spinfer/spinfer/stages/ingest"
	"github.com/spinfer/spinfer/stages/mixing"
	"github.com/spinfer/spinfer/stages/sample"
	"github.com/spinfer/spinfer/stages/train"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// stage runs one stage through pipeline.Execute, so that manifest.json
// records it as the command line does.
func stage(t *testing.T, run pipeline.RunDir, name string, params any, seed *uint64,
	inputs []string, f func(ctx context.Context) ([]string, error)) {
	t.Helper()
	must(t, run.Execute(context.Background(), pipeline.Stage{Name: name, Params: params,
		Seed: seed, Inputs: inputs, Run: f}, nil))
}

// tinyRun builds a complete run directory from the 8×8 Ising fixture with
// tiny settings: ingest with a 20 % test split, PCD-1 training of 8 hidden
// units for 60 updates (exact log-likelihood), 400 samples, pairs by the
// Gaussian method, the mixing test to 16 steps and the evaluation.
func tinyRun(t *testing.T) pipeline.RunDir {
	t.Helper()
	ctx := context.Background()
	src := t.TempDir()
	must(t, fixtures.CopyTo(fixtures.Ising8, src, false))
	run := pipeline.RunDir(filepath.Join(t.TempDir(), "run"))
	seed := uint64(3)
	io := ingest.Options{Input: filepath.Join(src, "dataset.parquet"), RunDir: string(run),
		TestFraction: 0.2, Seed: seed}
	stage(t, run, "ingest", io, &seed, []string{io.Input},
		func(ctx context.Context) ([]string, error) {
			_, err := ingest.Run(ctx, io, nil)
			return []string{run.Dataset(), run.Train(), run.Test()}, err
		})
	must(t, os.CopyFS(run.Truth(), os.DirFS(filepath.Join(src, "truth"))))
	to := train.Options{RunDir: string(run), Checkpoints: 2, LogPoints: 10,
		LikelihoodPoints: 3, Config: rbm.Config{Hidden: 8, K: 1, Batch: 100,
			LearningRate: 0.05, Updates: 60, Seed: seed}}
	stage(t, run, "train", to, &seed, []string{run.Train()},
		func(ctx context.Context) ([]string, error) {
			_, err := train.Run(ctx, to, nil)
			return []string{run.Model(), run.Metrics()}, err
		})
	so := sample.Options{RunDir: string(run), Samples: 400, K: 10, Seed: seed + 1}
	stage(t, run, "sample", so, &so.Seed, []string{run.Model()},
		func(ctx context.Context) ([]string, error) {
			_, err := sample.Run(ctx, so, nil)
			return []string{run.Samples()}, err
		})
	co := couplings.Options{RunDir: string(run), Order: 2}
	stage(t, run, "couplings", co, nil, []string{run.Model()},
		func(ctx context.Context) ([]string, error) {
			_, err := couplings.Run(ctx, co, nil)
			return []string{run.Couplings()}, err
		})
	mo := mixing.Options{RunDir: string(run), Chains: 20, MaxTime: 16, Seed: seed}
	_, err := mixing.Run(ctx, mo, nil)
	must(t, err)
	eo := evaluate.Options{RunDir: string(run), Seed: seed}
	stage(t, run, "evaluate", eo, &seed, eo.Inputs(),
		func(ctx context.Context) ([]string, error) {
			res, err := evaluate.Run(ctx, eo, nil)
			if err != nil {
				return nil, err
			}
			return res.Outputs(), nil
		})
	return run
}

// partialRun writes a run directory holding only a dataset and a model,
// with no manifest.
func partialRun(t *testing.T, dir string) pipeline.RunDir {
	t.Helper()
	run := pipeline.RunDir(dir)
	const n, m = 4, 2
	d := &formats.Dataset{Names: []string{"a", "b", "c", "d"}, Basis: formats.Ising, Rows: 3,
		Values: []int8{1, 1, 1, 1, -1, -1, 1, 1, -1, -1, -1, -1}}
	must(t, formats.WriteDataset(run.Dataset(), d, false))
	md := &formats.Model{VisibleNames: d.Names, Visible: formats.UnitIsing,
		Hidden: formats.UnitBernoulli, W: make([]float64, n*m), B: make([]float64, n),
		C: make([]float64, m), Training: map[string]any{"protocol": "pcd"}}
	must(t, formats.WriteModel(run.Model(), md, false))
	return run
}

var imageLink = regexp.MustCompile(`!\[[^\]]*\]\(([^)]+)\)`)
var pageLink = regexp.MustCompile(`[^!]\[[^\]]*\]\(([^)#]+)\)`)

// checkLinks fails unless every image and page link of the Markdown file
// is a relative path to a file that exists; it returns the image links.
func checkLinks(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	must(t, err)
	var images []string
	for _, re := range []*regexp.Regexp{imageLink, pageLink} {
		for _, m := range re.FindAllStringSubmatch(string(raw), -1) {
			link := m[1]
			if filepath.IsAbs(link) || strings.Contains(link, "://") {
				t.Errorf("%s: link %q is not relative", path, link)
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), link)); err != nil {
				t.Errorf("%s: link %q: %v", path, link, err)
			}
			if re == imageLink {
				images = append(images, link)
			}
		}
	}
	return images
}
