package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spinfer/spinfer/hamiltonian"
	"github.com/spinfer/spinfer/rbm"
)

// Job is one measurement run by a worker process (the harness binary
// started with -worker JSON), so that every run has its own peak RSS and
// backend.
type Job struct {
	Kind     string   `json:"kind"`
	Workload Workload `json:"workload"`
	// Hidden overrides Workload.Hidden (log Z with 24 hidden units).
	Hidden int `json:"hidden,omitempty"`
	// Profile is where the step job writes its CPU profile.
	Profile string `json:"profile,omitempty"`
	// Rounds repeats the bare products of the step job.
	Rounds int `json:"rounds,omitempty"`
	// Out is where the npy job writes the data.
	Out string `json:"out,omitempty"`
}

// runWorker decodes a job, runs it and prints its Measurement as JSON.
func runWorker(spec string, stdout io.Writer) error {
	var j Job
	if err := json.Unmarshal([]byte(spec), &j); err != nil {
		return fmt.Errorf("speed: worker job: %w", err)
	}
	jobs := map[string]func(Job) (Measurement, error){
		kindTrain: workTrain, kindLoad: workLoad, kindGibbs: workGibbs,
		kindLogZ: workLogZ, kindCouplings: workCouplings, kindStep: workStep, kindNPY: workNPY,
		kindFloor: workFloor,
	}
	f, ok := jobs[j.Kind]
	if !ok {
		return fmt.Errorf("speed: worker: unknown job kind %q", j.Kind)
	}
	m, err := f(j)
	if err != nil {
		return err
	}
	m.Kind, m.Workload = j.Kind, j.Workload.Name
	if m.Info == nil {
		m.Info = map[string]string{}
	}
	m.Info["backend"] = rbm.CurrentBackend().String()
	if m.PeakRSSMB, err = peakRSS(); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(m)
}

// trainConfig is spinfer's side of the common PCD settings: float32,
// k Gibbs steps, chains = batch, learning rate 0.01, the default
// (centred) gradient.
func trainConfig(w Workload, updates int) rbm.Config {
	return rbm.Config{Hidden: w.Hidden, Batch: w.Batch, Chains: w.Batch, K: w.K,
		LearningRate: 0.01, Updates: updates, Seed: 1}
}

// steps makes n updates.
func steps(t *rbm.Trainer[float32], n int) error {
	for range n {
		if _, err := t.Step(); err != nil {
			return err
		}
	}
	return nil
}

// workTrain times Updates PCD updates after Warmup untimed ones.
func workTrain(j Job) (Measurement, error) {
	w := j.Workload
	data, n, err := loadData(w.Name)
	if err != nil {
		return Measurement{}, err
	}
	t, err := rbm.NewTrainer[float32](trainConfig(w, w.Warmup+w.Updates), data, n, rbm.Binary)
	if err != nil {
		return Measurement{}, err
	}
	if err := steps(t, w.Warmup); err != nil {
		return Measurement{}, err
	}
	t0 := time.Now()
	if err := steps(t, w.Updates); err != nil {
		return Measurement{}, err
	}
	sec := time.Since(t0).Seconds()
	rows := len(data) / n
	return Measurement{Seconds: sec, Count: float64(w.Updates), Values: map[string]float64{
		"rows": float64(rows), "n": float64(n), "updates_per_epoch": float64(rows / w.Batch)}}, nil
}

// workLoad only loads the data: the memory baseline of workTrain.
func workLoad(j Job) (Measurement, error) {
	data, n, err := loadData(j.Workload.Name)
	if err != nil {
		return Measurement{}, err
	}
	return Measurement{Count: 1, Values: map[string]float64{
		"rows": float64(len(data) / n), "n": float64(n)}}, nil
}

// workNPY writes the workload's data as a uint8 .npy file for the Python
// peers (in a worker, so that the harness process stays small: a child
// inherits its parent's peak RSS in getrusage).
func workNPY(j Job) (Measurement, error) {
	data, n, err := loadData(j.Workload.Name)
	if err != nil {
		return Measurement{}, err
	}
	return Measurement{Count: 1}, writeNPY(j.Out, data, n)
}

// peakRSS returns the process's peak resident set size in MiB (VmHWM of
// /proc/self/status, the high-water mark of this executable's memory).
func peakRSS() (float64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("speed: peak RSS: %w", err)
	}
	f := strings.Fields(procField(string(b), "VmHWM"))
	if len(f) != 2 || f[1] != "kB" {
		return 0, fmt.Errorf("speed: peak RSS: no VmHWM in kB in /proc/self/status")
	}
	kb, err := strconv.ParseFloat(f[0], 64)
	return kb / 1024, err
}

// benchParams returns an RBM on the workload's data with m hidden units:
// visible biases from the data means and weights ~ N(0, 0.1²) (fixed
// seed). The cost of sampling does not depend on the values.
func benchParams(name string, m int) (*rbm.Params[float32], []int8, error) {
	data, n, err := loadData(name)
	if err != nil {
		return nil, nil, err
	}
	p, err := rbm.InitParams[float32](data, n, m, rbm.Binary, 0.1, rand.NewPCG(1, 2))
	return p, data, err
}

// workGibbs times GibbsSteps Gibbs steps of Batch chains with Sample and
// counts unit updates: chains × steps × (N + M).
func workGibbs(j Job) (Measurement, error) {
	w := j.Workload
	p, _, err := benchParams(w.Name, w.Hidden)
	if err != nil {
		return Measurement{}, err
	}
	cfg := rbm.SampleConfig{Chains: w.Batch, K: w.GibbsSteps, Samples: w.Batch, Seed: 1}
	t0 := time.Now()
	if _, err := rbm.Sample(p, cfg); err != nil {
		return Measurement{}, err
	}
	sec := time.Since(t0).Seconds()
	units := float64(w.Batch) * float64(w.GibbsSteps) * float64(p.N+p.M)
	return Measurement{Seconds: sec, Count: units, Values: map[string]float64{
		"steps": float64(w.GibbsSteps), "chains": float64(w.Batch)}}, nil
}

// workLogZ times the exact log Z of a model with j.Hidden hidden units,
// counting the 2^M hidden states enumerated.
func workLogZ(j Job) (Measurement, error) {
	p, _, err := benchParams(j.Workload.Name, j.Hidden)
	if err != nil {
		return Measurement{}, err
	}
	t0 := time.Now()
	lz, err := rbm.ExactLogZ(p)
	if err != nil {
		return Measurement{}, err
	}
	sec := time.Since(t0).Seconds()
	return Measurement{Seconds: sec, Count: float64(uint64(1) << j.Hidden),
		Values: map[string]float64{"logz": lz, "hidden": float64(j.Hidden)}}, nil
}

// workCouplings trains an RBM on the workload for Updates updates, then
// times one extraction of the fields, all pair couplings and the top-K
// triplets (Gaussian approximation, order 3, default screen and K). The
// pairs are complete before the screen starts, so the time at which the
// progress count passes the fields and pairs is the time of all pairs.
func workCouplings(j Job) (Measurement, error) {
	w := j.Workload
	data, n, err := loadData(w.Name)
	if err != nil {
		return Measurement{}, err
	}
	t, err := rbm.NewTrainer[float32](trainConfig(w, w.Updates), data, n, rbm.Binary)
	if err != nil {
		return Measurement{}, err
	}
	if err := steps(t, w.Updates); err != nil {
		return Measurement{}, err
	}
	p := t.Params()
	r := hamiltonian.RBM{N: p.N, M: p.M, W: p.W, B: p.B, C: p.C}
	upToPairs := int64(n + n*(n-1)/2)
	var pairsAt atomic.Int64 // nanoseconds; 0 until the pairs are done
	t0 := time.Now()
	opts := hamiltonian.GaussianOptions{MaxOrder: 3, Progress: func(done, total int) {
		if int64(done) >= upToPairs && pairsAt.Load() == 0 {
			pairsAt.Store(int64(time.Since(t0)))
		}
	}}
	res, err := hamiltonian.Gaussian(r, opts)
	if err != nil {
		return Measurement{}, err
	}
	sec3 := time.Since(t0).Seconds()
	if pairsAt.Load() == 0 {
		return Measurement{}, fmt.Errorf("speed: couplings: progress never passed the pairs")
	}
	return Measurement{Seconds: time.Duration(pairsAt.Load()).Seconds(),
		Count: float64(len(res.Orders[2])), Values: map[string]float64{"order3_s": sec3,
			"triplets": float64(len(res.Orders[3])), "top_k": float64(res.TopK[3]),
			"train_updates": float64(w.Updates), "hidden": float64(w.Hidden)}}, nil
}
