package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Measurement kinds.
const (
	kindTrain     = "train"     // Count updates of PCD training
	kindLoad      = "load"      // data loading only (memory baseline)
	kindGibbs     = "gibbs"     // Count unit updates of Gibbs sampling
	kindLogZ      = "logz"      // Count hidden states enumerated
	kindCouplings = "couplings" // Seconds for all pairs; Values["triplets_s"]
	kindStep      = "step"      // one 784×500 Gibbs step split into products and the rest
	kindFloor     = "floor"     // bare sgemm time of one PCD-1 update's products
	kindIngest    = "ingest"    // spinfer ingest of the HGD text
	kindNPY       = "npy"       // writes a workload's data for the peers
)

// Tool names.
const (
	toolGonum    = "spinfer-gonum"
	toolOpenBLAS = "spinfer-openblas"
	toolSklearn  = "sklearn"
	toolTorch    = "torch"
)

// Measurement is one timed run of one tool on one workload.
type Measurement struct {
	Rep      int    `json:"rep"`
	Kind     string `json:"kind"`
	Workload string `json:"workload"`
	Tool     string `json:"tool"`
	// Seconds is the wall time of the timed section.
	Seconds float64 `json:"seconds"`
	// Count is what was done in Seconds (updates, unit updates, states).
	Count float64 `json:"count"`
	// PeakRSSMB is the process's peak resident set size in MiB: VmHWM
	// reported by the process itself (workers, peers) or "Maximum resident
	// set size" of /usr/bin/time -v (ingest).
	PeakRSSMB float64 `json:"peak_rss_mb,omitempty"`
	// Settings is the workload as run (training and worker jobs).
	Settings *Workload `json:"settings,omitempty"`
	// Values holds kind-specific numbers (see the kinds).
	Values map[string]float64 `json:"values,omitempty"`
	// Info holds versions and settings.
	Info map[string]string `json:"info,omitempty"`
}

// PerCount returns the seconds per counted item.
func (m Measurement) PerCount() float64 { return m.Seconds / m.Count }

// Results is everything one harness run produced.
type Results struct {
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Quick    bool      `json:"quick"`
	Reps     int       `json:"reps"`
	Machine  Machine   `json:"machine"`
	Commands []string  `json:"commands"`
	Skipped  []string  `json:"skipped,omitempty"`
	// Load samples /proc/loadavg ("15:04 1-min 5-min 15-min") at the
	// start and after every repetition: other work on the machine slows
	// all tools and shifts their ratios.
	Load []string `json:"load,omitempty"`
	// Notes are remarks added to a results file by hand (shown verbatim).
	Notes []string      `json:"notes,omitempty"`
	Runs  []Measurement `json:"runs"`

	// file is where the results were saved or read, for the report.
	file string
}

// Machine describes where the benchmark ran.
type Machine struct {
	CPU   string `json:"cpu"`
	Cores int    `json:"cores"`
	// Family, Model and Stepping are /proc/cpuinfo's "cpu family",
	// "model" and "stepping"; MHz its "cpu MHz" of the first CPU.
	Family   string  `json:"cpu_family,omitempty"`
	Model    string  `json:"cpu_model,omitempty"`
	Stepping string  `json:"cpu_stepping,omitempty"`
	MHz      float64 `json:"cpu_mhz,omitempty"`
	// ThreadsPerCore is siblings ÷ cpu cores of /proc/cpuinfo.
	ThreadsPerCore int `json:"threads_per_core,omitempty"`
	// Caches lists the first CPU's caches from
	// /sys/devices/system/cpu/cpu0/cache ("L1d 32K", "L3 8192K shared by 0-1").
	Caches   []string          `json:"caches,omitempty"`
	MemoryGB float64           `json:"memory_gb"`
	Go       string            `json:"go"`
	Commit   string            `json:"commit"`
	Versions map[string]string `json:"versions"` // tool → version line
}

// selectRuns returns the runs of one kind, workload and tool.
func (r *Results) selectRuns(kind, workload, tool string) []Measurement {
	var out []Measurement
	for _, m := range r.Runs {
		if m.Kind == kind && m.Workload == workload && m.Tool == tool {
			out = append(out, m)
		}
	}
	return out
}

// selectKind returns the runs of one kind and tool on every workload.
func (r *Results) selectKind(kind, tool string) []Measurement {
	var out []Measurement
	for _, m := range r.Runs {
		if m.Kind == kind && m.Tool == tool {
			out = append(out, m)
		}
	}
	return out
}

// stat summarises repeated runs.
type stat struct {
	n             int
	med, lo, hi   float64 // of the per-count seconds
	rss           float64 // median peak RSS, MiB
	values        map[string]float64
	seconds, rate float64 // medians
}

// summarise returns the median (and range) of PerCount over runs, and the
// median of every Value; ok is false when runs is empty.
func summarise(runs []Measurement) (s stat, ok bool) {
	if len(runs) == 0 {
		return s, false
	}
	per := make([]float64, len(runs))
	secs := make([]float64, len(runs))
	rss := make([]float64, len(runs))
	vals := map[string][]float64{}
	for i, m := range runs {
		per[i], secs[i], rss[i] = m.PerCount(), m.Seconds, m.PeakRSSMB
		for k, v := range m.Values {
			vals[k] = append(vals[k], v)
		}
	}
	s = stat{n: len(runs), med: median(per), lo: slices.Min(per), hi: slices.Max(per),
		rss: median(rss), seconds: median(secs), values: map[string]float64{}}
	s.rate = 1 / s.med
	for k, v := range vals {
		s.values[k] = median(v)
	}
	return s, true
}

// median returns the median of x (mean of the middle two for even n).
func median(x []float64) float64 {
	y := slices.Clone(x)
	slices.Sort(y)
	n := len(y)
	if n%2 == 1 {
		return y[n/2]
	}
	return (y[n/2-1] + y[n/2]) / 2
}

// save writes r as indented JSON.
func (r *Results) save(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("speed: writing results: %w", err)
	}
	return nil
}

// loadResults reads a results file written by save.
func loadResults(path string) (*Results, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Results
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("speed: %s: %w", path, err)
	}
	return &r, nil
}
