package evaluate

import (
	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/pipeline"
)

// plan decides which parts can run, notes those that cannot, and refuses
// an evaluation with nothing to evaluate.
func (s *session) plan() error {
	in := s.in
	comparable := in.couplings.path != "" && in.truth.path != ""
	switch {
	case comparable:
	case in.couplings.path != "":
		s.note("couplings not compared: no true couplings (truth directory)")
	case in.truth.path != "":
		s.note("true couplings not compared: no inferred couplings (run the couplings stage)")
	}
	if in.samples.path != "" && in.data.path == "" {
		s.note("samples not compared: no training data (train.parquet or dataset.parquet)")
	}
	if err := s.planLikelihood(); err != nil {
		return err
	}
	sampled := in.samples.path != "" && in.data.path != ""
	if !comparable && !sampled && s.method == "" && in.metrics.path == "" {
		return pipeline.Inputf("evaluate: nothing to evaluate in %s: it needs inferred and "+
			"true couplings, samples and data, a model and data, or a training log "+
			"(metrics.parquet)", string(s.run))
	}
	return nil
}

// planLikelihood reads the model when there is one and chooses the
// log-likelihood method.
func (s *session) planLikelihood() error {
	in := s.in
	asked := s.o.Likelihood == LikelihoodExact || s.o.Likelihood == LikelihoodAIS
	if in.model.path == "" || in.data.path == "" {
		if asked {
			return pipeline.Inputf("evaluate: likelihood %s needs a model and training data",
				s.o.Likelihood)
		}
		if in.model.path != "" {
			s.note("log-likelihood not computed: no training data")
		}
		return nil
	}
	m, err := formats.ReadModel(in.model.path)
	if err != nil {
		return wrapErr("model", err)
	}
	if s.model, err = params(m); err != nil {
		return err
	}
	method, why, err := likelihoodMethod(s.o, s.model.N, s.model.M)
	if err != nil {
		return err
	}
	if why != "" {
		s.note("%s", why)
	}
	s.method = method
	return nil
}

// readData reads the training data and, when present, the test data.
func (s *session) readData() error {
	d, err := formats.ReadDataset(s.in.data.path)
	if err != nil {
		return wrapErr("data", err)
	}
	s.data = d
	if s.in.test.path == "" || s.method == "" {
		return nil
	}
	t, err := formats.ReadDataset(s.in.test.path)
	if err != nil {
		return wrapErr("test data", err)
	}
	if t.N() != d.N() {
		return pipeline.Inputf("evaluate: test data %s has %d variables, training data %d",
			s.in.test.path, t.N(), d.N())
	}
	s.test = t
	return nil
}

// runCouplings compares the inferred couplings with the truth.
func (s *session) runCouplings() error {
	inf, err := formats.ReadCouplings(s.in.couplings.path)
	if err != nil {
		return wrapErr("couplings", err)
	}
	truth, err := formats.ReadCouplings(s.in.truth.path)
	if err != nil {
		return wrapErr("truth", err)
	}
	part, err := compareCouplings(inf, truth)
	if err != nil {
		return err
	}
	s.used[&s.in.couplings], s.used[&s.in.truth] = true, true
	part.report.Inferred, part.report.Truth = s.rel(s.in.couplings.path), s.rel(s.in.truth.path)
	s.res.Notes = append(s.res.Notes, part.notes...)
	s.res.Couplings, s.couplings = part.report, part
	for _, r := range part.report.Orders {
		if r.Order != 2 {
			continue
		}
		sum := &s.res.Summary
		sum.PairsDeltaJ, sum.PairsPearson = r.Agreement.RelErr, r.Agreement.Pearson
		sum.PairsAUC = r.AUC
		sum.MeanNNCoupling, sum.TrueNNCoupling = r.NonZero.Mean, r.NonZero.TrueMean
	}
	if f := part.report.Fields; f != nil {
		s.res.Summary.FieldsRMSE = f.RMSE
	}
	return nil
}

// runSamples compares the samples with the training data.
func (s *session) runSamples() error {
	smp, err := formats.ReadDataset(s.in.samples.path)
	if err != nil {
		return wrapErr("samples", err)
	}
	part, err := compareSamples(s.data, smp, seedFor(s.o.Seed, purposeSamples), s.o.Workers)
	if err != nil {
		return err
	}
	s.used[&s.in.samples], s.used[&s.in.data] = true, true
	part.report.Data, part.report.Samples = s.rel(s.in.data.path), s.rel(s.in.samples.path)
	s.res.Notes = append(s.res.Notes, part.notes...)
	s.res.Samples, s.samples = part.report, part
	r, sum := part.report, &s.res.Summary
	sum.Samples2ptR = r.TwoPoint.Pearson
	if r.ThreePoint != nil {
		sum.Samples3ptR = r.ThreePoint.Pearson
	}
	sum.MagnetisationTV, sum.AdversarialAccuracy = r.Magnetisation.TV, r.Adversarial.AA
	sum.AbsMagnetisationTV = r.Magnetisation.AbsTV
	return nil
}

// runLikelihood computes the model's log-likelihood on the data.
func (s *session) runLikelihood() error {
	r, err := logLikelihood(s.model, s.method, s.o, seedFor(s.o.Seed, purposeAIS), s.data,
		s.test)
	if err != nil {
		return err
	}
	s.used[&s.in.model], s.used[&s.in.data] = true, true
	if s.test != nil {
		s.used[&s.in.test] = true
	} else {
		s.note("test log-likelihood not computed: no test data (test.parquet)")
	}
	r.Model = s.rel(s.in.model.path)
	s.res.Likelihood = r
	sum := &s.res.Summary
	sum.TrainLL, sum.TestLL, sum.LLMethod = r.Train, r.Test, r.Method
	return nil
}

// runTraining summarises the training log.
func (s *session) runTraining() error {
	part, err := readTraining(s.in.metrics.path)
	if err != nil {
		return err
	}
	s.used[&s.in.metrics] = true
	part.report.Metrics = s.rel(s.in.metrics.path)
	s.res.Training, s.training = part.report, part
	if part.report.Rows == 0 {
		s.note("%s has no rows", part.report.Metrics)
	}
	return nil
}
