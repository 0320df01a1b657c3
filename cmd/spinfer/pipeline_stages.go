package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/fixtures"
	"github.com/spinfer/spinfer/pipeline"
	"github.com/spinfer/spinfer/stages/couplings"
	"github.com/spinfer/spinfer/stages/evaluate"
	"github.com/spinfer/spinfer/stages/mixing"
	"github.com/spinfer/spinfer/stages/train"
)

// pipelineFlags returns the flags whose names and values a pipeline file
// uses for a stage's settings: the flags of the stage's command less those
// a pipeline sets itself (run directory, paths between stages, force).
// The file's settings go through the same flag parsing and the same
// flag → options mapping as the command line.
func pipelineFlags(stage string) []cli.Flag {
	switch stage {
	case pipeline.StageIngest:
		return without(ingestFlags(), "run", "output", "force")
	case pipeline.StageGenerate:
		return without(generateFlags(), "run", "force", "hamiltonian")
	case pipeline.StageTrain:
		return trainFlags()
	case pipeline.StageMixing:
		return without(mixingFlags(), "run", "model", "data", "force")
	case pipeline.StageSample:
		return sampleFlags()
	case pipeline.StageCouplings:
		return without(couplingsFlags(), "run", "model", "output", "data", "force")
	case pipeline.StageEvaluate:
		return without(evaluateFlags(), "run", "truth", "couplings", "samples", "data", "test",
			"model", "force")
	}
	return nil
}

func without(fs []cli.Flag, names ...string) []cli.Flag {
	return slices.DeleteFunc(fs, func(f cli.Flag) bool { return slices.Contains(names, f.Names()[0]) })
}

// pipelineSchema tells the pipeline parser each stage's settings and
// checks their values with the stages' own validation.
func pipelineSchema() pipeline.Schema {
	keys := map[string][]string{}
	for _, st := range append(slices.Clone(pipeline.UpstreamStages), pipeline.DownstreamStages...) {
		for _, f := range pipelineFlags(st) {
			keys[st] = append(keys[st], f.Names()[0])
		}
	}
	return pipeline.Schema{Keys: keys, Fixtures: []string{fixtures.Ising8}, Check: checkStage}
}

// parseSettings parses a stage's settings as its command line would parse
// its flags. It returns the context the stage's options are read from,
// every setting with defaults filled in (name → value as the flag prints
// it: the stage's effective settings) and the values that did not parse.
func parseSettings(stage string, settings map[string]string) (*cli.Context, map[string]string,
	[]pipeline.Problem) {
	set := flag.NewFlagSet(stage, flag.ContinueOnError)
	set.SetOutput(io.Discard)
	kinds := map[string]string{}
	for _, f := range pipelineFlags(stage) {
		f.Apply(set)
		kinds[f.Names()[0]] = valueKind(f)
	}
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var probs []pipeline.Problem
	for _, k := range keys {
		if err := set.Set(k, settings[k]); err != nil {
			probs = append(probs, pipeline.Problem{Key: k,
				Msg: fmt.Sprintf("%s.%s: %q: want %s", stage, k, settings[k], kinds[k])})
		}
	}
	eff := map[string]string{}
	set.VisitAll(func(f *flag.Flag) { eff[f.Name] = f.Value.String() })
	return cli.NewContext(nil, set, nil), eff, probs
}

// valueKind says in words what a flag's value must be.
func valueKind(f cli.Flag) string {
	switch f.(type) {
	case *cli.BoolFlag:
		return "true or false"
	case *cli.IntFlag:
		return "an integer"
	case *cli.Uint64Flag:
		return "an integer ≥ 0"
	case *cli.Float64Flag:
		return "a number"
	}
	return "a string"
}

// checkStage validates a stage's settings for the run directory run.
func checkStage(stage, run string, settings map[string]string) []pipeline.Problem {
	// Values that did not parse keep their defaults; the rest is checked.
	c, _, probs := parseSettings(stage, settings)
	err := validateStage(stage, run, c)
	for ue := (usageError{}); errors.As(err, &ue); {
		// The flag mapping stops at its first refusal (an explicit 0):
		// report it and check the others without it.
		k := blame(ue.Error(), settings)
		if k == "" {
			break
		}
		probs = append(probs, pipeline.Problem{Key: k, Msg: stage + ": " + ue.Error()})
		settings = maps.Clone(settings)
		delete(settings, k)
		c, _, _ = parseSettings(stage, settings)
		err = validateStage(stage, run, c)
	}
	for _, err := range flatten(err) {
		msg := strings.TrimPrefix(err.Error(), pipeline.ErrInput.Error()+": ")
		probs = append(probs, pipeline.Problem{Key: blame(msg, settings), Msg: msg})
	}
	return probs
}

// blame returns the setting a validation message is about: the longest
// key whose name and value the message both quote, or "" for none.
func blame(msg string, settings map[string]string) string {
	best, lower := "", strings.ToLower(msg)
	for k, v := range settings {
		if v != "" && strings.Contains(lower, k) && strings.Contains(msg, v) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

// validateStage maps the settings to the stage's options and runs the
// stage's own validation.
func validateStage(stage, run string, c *cli.Context) error {
	switch stage {
	case pipeline.StageIngest:
		o := ingestOptions(c)
		o.Input, o.RunDir = "pipeline input", run
		return o.Validate()
	case pipeline.StageGenerate:
		o := generateOptions(c)
		o.RunDir = run
		return o.Validate()
	case pipeline.StageTrain:
		o, err := trainOptions(c)
		if err != nil {
			return err
		}
		o.RunDir = run
		return o.Validate()
	case pipeline.StageMixing:
		if o := mixingOptions(c); o.Chains < 0 || o.MaxTime < 0 || o.Factor < 0 {
			return fmt.Errorf("mixing: chains, max-time and factor must be ≥ 0")
		}
	case pipeline.StageSample:
		o, err := sampleOptions(c)
		if err != nil {
			return err
		}
		o.RunDir = run
		return o.Validate()
	case pipeline.StageCouplings:
		o := pipelineCouplings(c, run)
		return o.Validate()
	case pipeline.StageEvaluate:
		o := evaluateOptions(c)
		o.RunDir = run
		return o.Validate()
	}
	return nil
}

func pipelineCouplings(c *cli.Context, run string) couplings.Options {
	o := couplingsOptions(c)
	o.RunDir = run
	o.NoPenalty = c.IsSet("lambda") && o.Lambda == 0 && o.Method == couplings.PLM
	return o
}

// flatten lists the leaves of a tree of joined errors.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// stageRunner runs one stage of a pipeline with its parsed settings; mode
// says whether to replace earlier outputs or resume.
type stageRunner func(ctx context.Context, c *cli.Context, mode pipeline.Mode) error

// pipelineStep makes the runner's step for a stage of point p in dir.
func (pr *pipelineRun) pipelineStep(stage string, p pipeline.Point,
	inputs func() ([]string, error), run stageRunner) pipeline.Step {
	c, eff, _ := parseSettings(stage, pr.f.Settings(stage, p))
	return pipeline.Step{Name: stage, Settings: eff, Inputs: inputs,
		Run: func(ctx context.Context, key string, mode pipeline.Mode) error {
			return run(pipeline.WithKey(ctx, key), c, mode)
		}}
}

// paths returns an Inputs function listing fixed paths.
func paths(ps ...string) func() ([]string, error) {
	return func() ([]string, error) { return ps, nil }
}

// upstreamSteps are the steps that make the dataset and copy the truth.
func (pr *pipelineRun) upstreamSteps(dir pipeline.RunDir) []pipeline.Step {
	e, p := pr.stageEnv(), pipeline.Point{}
	var steps []pipeline.Step
	if pr.f.InputStage() == pipeline.StageGenerate {
		steps = append(steps, pr.pipelineStep(pipeline.StageGenerate, p, nil,
			func(ctx context.Context, c *cli.Context, _ pipeline.Mode) error {
				o := generateOptions(c)
				o.RunDir, o.Force = string(dir), true
				_, err := runGenerate(ctx, e, o)
				return err
			}))
	} else {
		steps = append(steps, pr.pipelineStep(pipeline.StageIngest, p, paths(pr.data),
			func(ctx context.Context, c *cli.Context, _ pipeline.Mode) error {
				o := ingestOptions(c)
				o.Input, o.RunDir, o.Force = pr.data, string(dir), true
				return runIngest(ctx, e, o)
			}))
	}
	if pr.truth != "" {
		steps = append(steps, truthStep(pr.truth, dir))
	}
	return steps
}

// truthStep copies the true couplings directory src into the run.
func truthStep(src string, dir pipeline.RunDir) pipeline.Step {
	return pipeline.Step{Name: pipeline.StageTruth, Settings: map[string]string{},
		Inputs: paths(src),
		Run: func(ctx context.Context, key string, _ pipeline.Mode) error {
			return dir.Execute(ctx, pipeline.Stage{Name: pipeline.StageTruth, Inputs: []string{src},
				Key: key, Params: map[string]string{"copied_from": src},
				Run: func(context.Context) ([]string, error) {
					if err := os.RemoveAll(dir.Truth()); err != nil {
						return nil, err
					}
					return []string{dir.Truth()}, copyDir(src, dir.Truth())
				}}, nil)
		}}
}

// downstreamSteps are the steps of one run directory after its dataset.
func (pr *pipelineRun) downstreamSteps(p pipeline.Point, dir pipeline.RunDir) []pipeline.Step {
	e := pr.stageEnv()
	force := func(m pipeline.Mode) bool { return m == pipeline.ModeReplace }
	tr := pr.pipelineStep(pipeline.StageTrain, p,
		func() ([]string, error) { return trainInputs(train.Options{RunDir: string(dir)}), nil },
		func(ctx context.Context, c *cli.Context, m pipeline.Mode) error {
			o, err := trainOptions(c)
			if err != nil {
				return err
			}
			o.RunDir, o.Force, o.Resume = string(dir), force(m), m == pipeline.ModeResume
			_, err = runTrain(ctx, e, o)
			return err
		})
	tr.Resumable = func() bool { us, err := train.Checkpoints(dir); return err == nil && len(us) > 0 }
	steps := []pipeline.Step{tr}
	if pr.f.HasStage(pipeline.StageMixing) {
		steps = append(steps, pr.pipelineStep(pipeline.StageMixing, p,
			func() ([]string, error) { return []string{dir.Model(), dataOf(dir)}, nil },
			func(ctx context.Context, c *cli.Context, m pipeline.Mode) error {
				o := mixingOptions(c)
				o.RunDir, o.Force = string(dir), force(m)
				return runMixing(ctx, e, o)
			}))
	}
	return append(steps, pr.sampleStep(p, dir), pr.couplingsStep(p, dir), pr.evaluateStep(p, dir))
}

// dataOf returns the training data of a run directory.
func dataOf(dir pipeline.RunDir) string {
	if fileExists(dir.Train()) {
		return dir.Train()
	}
	return dir.Dataset()
}

func (pr *pipelineRun) sampleStep(p pipeline.Point, dir pipeline.RunDir) pipeline.Step {
	e := pr.stageEnv()
	// The dataset gives the default sample count and the data starts;
	// a measured mixing time gives the default number of Gibbs steps.
	inputs := func() ([]string, error) {
		return withMixing(dir, dir.Model(), dir.Dataset()), nil
	}
	return pr.pipelineStep(pipeline.StageSample, p, inputs,
		func(ctx context.Context, c *cli.Context, m pipeline.Mode) error {
			o, err := sampleOptions(c)
			if err != nil {
				return err
			}
			o.RunDir, o.Force = string(dir), m == pipeline.ModeReplace
			_, err = runSample(ctx, e, o)
			return err
		})
}

// withMixing appends the run's mixing.json to a stage's inputs when it
// exists: the sample and couplings stages read it when present.
func withMixing(dir pipeline.RunDir, in ...string) []string {
	if fileExists(dir.Path(mixing.JSONFile)) {
		in = append(in, dir.Path(mixing.JSONFile))
	}
	return in
}

func (pr *pipelineRun) couplingsStep(p pipeline.Point, dir pipeline.RunDir) pipeline.Step {
	e := pr.stageEnv()
	inputs := func() ([]string, error) {
		in := []string{dir.Model()}
		if m := pr.f.Settings(pipeline.StageCouplings, p)["method"]; m == couplings.NMF ||
			m == couplings.PLM {
			in = []string{dir.Dataset()}
		}
		return withMixing(dir, in...), nil // the verdict enters the warnings
	}
	return pr.pipelineStep(pipeline.StageCouplings, p, inputs,
		func(ctx context.Context, c *cli.Context, m pipeline.Mode) error {
			o := pipelineCouplings(c, string(dir))
			o.Force = m == pipeline.ModeReplace
			_, err := runCouplings(ctx, e, o)
			return err
		})
}

func (pr *pipelineRun) evaluateStep(p pipeline.Point, dir pipeline.RunDir) pipeline.Step {
	e := pr.stageEnv()
	inputs := func() ([]string, error) {
		return evaluate.Options{RunDir: string(dir)}.Inputs(), nil
	}
	return pr.pipelineStep(pipeline.StageEvaluate, p, inputs,
		func(ctx context.Context, c *cli.Context, m pipeline.Mode) error {
			o := evaluateOptions(c)
			o.RunDir, o.Force = string(dir), m == pipeline.ModeReplace
			_, err := runEvaluate(ctx, e, o)
			return err
		})
}

// errUpstream says a point was asked for before its shared stages ran.
var errUpstream = errors.New("the upstream stages have not run")
