package main

import (
	"fmt"
	"slices"
	"strings"
)

// goal is one target of issue 6 and where it stands.
type goal struct {
	name, target, measured string
	// status is "met", "MISSED" or "not measured".
	status string
	// reach is, for a goal against a peer, the peer's time ÷ the
	// products floor per workload, and where the target is beyond it.
	reach string
}

// speedGoal compares, per workload, the ratio time(slow)/time(fast)
// against want: at least want when atLeast, else at most want.
func speedGoal(r *Results, name, target, fast, slow string, want float64, atLeast bool) goal {
	g := goal{name: name, target: target}
	var parts, missed []string
	for _, w := range trainWorkloads(r) {
		f, ok1 := trainStat(r, w, fast)
		s, ok2 := trainStat(r, w, slow)
		if !ok1 || !ok2 {
			continue
		}
		x := s.med / f.med
		parts = append(parts, fmt.Sprintf("%s %.2f×", w, x))
		if (atLeast && x < want) || (!atLeast && x > want) {
			missed = append(missed, w)
		}
	}
	g.measured = strings.Join(parts, ", ")
	switch {
	case len(parts) == 0:
		g.status, g.measured = "not measured", "–"
	case len(missed) > 0:
		g.status = "MISSED on " + strings.Join(missed, ", ")
	default:
		g.status = "met"
	}
	return g
}

// reach compares, per workload, the largest speed-up over peer that a
// tool doing the products of the floor could reach, peer time ÷ floor,
// with the wanted speed-up, and names the workloads where it falls short.
func reach(r *Results, peer string, want float64) string {
	var parts, short []string
	for _, w := range trainWorkloads(r) {
		p, ok1 := trainStat(r, w, peer)
		f, ok2 := floorStat(r, w)
		if !ok1 || !ok2 {
			continue
		}
		x := p.med / f.med
		parts = append(parts, fmt.Sprintf("%s %.2f×", w, x))
		if x < want {
			short = append(short, w)
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	s := peer + " ÷ floor: " + strings.Join(parts, ", ")
	if len(short) > 0 {
		s += fmt.Sprintf("; ≥ %g× is out of reach on this machine on %s", want,
			strings.Join(short, ", "))
	}
	return s
}

// goals evaluates every goal of issue 6 on r.
func goals(r *Results) []goal {
	torch := speedGoal(r, "OpenBLAS training vs PyTorch", "≥ 1.3× faster on every workload "+
		"(torch time ÷ spinfer time)", toolOpenBLAS, toolTorch, 1.3, true)
	torch.reach = reach(r, toolTorch, 1.3)
	sk := speedGoal(r, "OpenBLAS training vs scikit-learn", "≥ 2.5× faster on every workload",
		toolOpenBLAS, toolSklearn, 2.5, true)
	sk.reach = reach(r, toolSklearn, 2.5)
	gs := []goal{torch, sk,
		speedGoal(r, "Pure-Go training vs PyTorch", "within 2× (spinfer-gonum time ÷ torch "+
			"time ≤ 2)", toolTorch, toolGonum, 2, false),
	}
	gs = append(gs, stepGoals(r)...)
	return append(gs, ingestGoal(r))
}

// stepGoals are the 784×500 Gibbs step goals, on the OpenBLAS build.
func stepGoals(r *Results) []goal {
	prod := goal{name: "784×500 Gibbs step: products vs OpenBLAS sgemm",
		target: "≥ 60 % of sgemm throughput", status: "not measured", measured: "–"}
	elem := goal{name: "784×500 Gibbs step: elementwise work", target: "< 25 % of a step",
		status: "not measured", measured: "–"}
	s, ok := summarise(r.selectRuns(kindStep, "mnist", toolOpenBLAS))
	if !ok {
		return []goal{prod, elem}
	}
	share := s.values["step_gflops"] / s.values["sgemm_gflops"]
	prod.measured = fmt.Sprintf("%.0f %% (%.1f vs %.1f GFLOP/s)", 100*share,
		s.values["step_gflops"], s.values["sgemm_gflops"])
	prod.status = metOrMissed(share >= 0.6)
	rest := 1 - s.values["product_fraction"]
	elem.measured = fmt.Sprintf("%.0f %% of the step's CPU time outside the products", 100*rest)
	elem.status = metOrMissed(rest < 0.25)
	return []goal{prod, elem}
}

func ingestGoal(r *Results) goal {
	g := goal{name: "Ingest of the 90 MB HGD text", target: "peak RSS < 200 MB",
		status: "not measured", measured: "–"}
	if s, ok := summarise(r.selectRuns(kindIngest, "hgd-text", "spinfer")); ok {
		g.measured = fmt.Sprintf("%.0f MiB (%.0f MB)", s.rss, s.rss*1.048576)
		g.status = metOrMissed(s.rss*1.048576 < 200)
	}
	return g
}

func metOrMissed(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func renderGoals(sb *strings.Builder, r *Results) {
	sb.WriteString("### Goals of issue 6\n\n| goal | target | measured | status | " +
		"largest ratio reachable here (peer ÷ products floor) |\n|---|---|---|---|---|\n")
	for _, g := range goals(r) {
		if g.reach == "" {
			g.reach = "–"
		}
		fmt.Fprintf(sb, "| %s | %s | %s | %s | %s |\n", g.name, g.target, g.measured,
			g.status, g.reach)
	}
	sb.WriteString("\nThe last column divides the peer's time by the products floor of the " +
		"PCD training section: the bare sgemm time of the matrix products of one update, " +
		"which every tool doing spinfer's work has to spend. A spinfer that spent nothing " +
		"outside its products would reach that ratio and no more; where it is below the " +
		"target, the target is out of reach on this machine whatever spinfer does. " +
		"Training memory against O(N·M + chains·(N+M)) is in the Memory section below.\n\n")
}

// spinferTools lists the spinfer builds measured, OpenBLAS first.
func spinferTools(r *Results) []string {
	var out []string
	for _, t := range []string{toolOpenBLAS, toolGonum} {
		if slices.ContainsFunc(r.Runs, func(m Measurement) bool { return m.Tool == t }) {
			out = append(out, t)
		}
	}
	return out
}

func renderGibbs(sb *strings.Builder, r *Results) {
	tools := spinferTools(r)
	sb.WriteString("### Gibbs sampling throughput\n\n`rbm.Sample` (float32) of batch-many " +
		"chains from random starts; unit updates = chains × steps × (N + M), per second " +
		"(setup included, amortised over the steps).\n\n| workload | chains × steps |")
	for _, t := range tools {
		sb.WriteString(" " + t + " (10⁶ unit updates/s) |")
	}
	sb.WriteString("\n|---|---|" + strings.Repeat("---|", len(tools)) + "\n")
	for _, w := range workloads(r.Quick) {
		w = settings(r, kindGibbs, w.Name)
		row, any := fmt.Sprintf("| %s | %d × %d |", w.Name, w.Batch, w.GibbsSteps), false
		for _, t := range tools {
			s, ok := summarise(r.selectRuns(kindGibbs, w.Name, t))
			row += cell(ok, "%.1f", s.rate/1e6)
			any = any || ok
		}
		if any {
			sb.WriteString(row + "\n")
		}
	}
	sb.WriteString("\n")
}

// cell formats one table cell, "–" when missing.
func cell(ok bool, format string, x float64) string {
	if !ok {
		return " – |"
	}
	return " " + fmt.Sprintf(format, x) + " |"
}

func renderLogZ(sb *strings.Builder, r *Results) {
	tools := slices.DeleteFunc(spinferTools(r), func(t string) bool {
		return !slices.ContainsFunc(r.Runs, func(m Measurement) bool {
			return m.Tool == t && m.Kind == kindLogZ
		})
	})
	sb.WriteString("### Exact log Z\n\n`rbm.ExactLogZ` enumerating the 2^M hidden states " +
		"(float64, all cores) of a model with the workload's N visible units.\n\n" +
		"| workload | M |")
	for _, t := range tools {
		sb.WriteString(" " + t + " (s) |")
	}
	sb.WriteString("\n|---|---|" + strings.Repeat("---|", len(tools)) + "\n")
	for _, w := range workloads(r.Quick) {
		row, any := "", false
		for _, t := range tools {
			s, ok := summarise(r.selectRuns(kindLogZ, w.Name, t))
			row += cell(ok, "%.2f", s.seconds)
			if ok && !any {
				row = fmt.Sprintf("| %s (N = %s) | %.0f |", w.Name, workloadN(r, w.Name),
					s.values["hidden"]) + row
				any = true
			}
		}
		if any {
			sb.WriteString(row + "\n")
		}
	}
	sb.WriteString("\n")
}

func renderCouplings(sb *strings.Builder, r *Results) {
	title := "### Coupling extraction from an 805 × 200 model\n\n"
	if r.Quick {
		title = "### Coupling extraction from a small HGD model (quick run)\n\n"
	}
	sb.WriteString(title +
		"`hamiltonian.Gaussian` (what `spinfer couplings` runs) on the RBM of a short " +
		"HGD training, order 3: fields and all pairs, then the default screen " +
		"keeping the top-K triplets. One call, timed when the pairs are done and at the end; " +
		"it uses no BLAS and runs once, after the repetitions, on the first build.\n\n" +
		"| build | M | training updates | pairs | all pairs (s) | top-K triplets | " +
		"pairs + top-K triplets (s) |\n|---|---|---|---|---|---|---|\n")
	if !slices.ContainsFunc(r.Runs, func(m Measurement) bool { return m.Kind == kindCouplings }) {
		sb.WriteString("| not measured (see Skipped) | | | | | | |\n")
	}
	for _, t := range spinferTools(r) {
		s, ok := summarise(r.selectRuns(kindCouplings, "hgd", t))
		if !ok {
			continue
		}
		runs := r.selectRuns(kindCouplings, "hgd", t)
		fmt.Fprintf(sb, "| %s | %.0f | %.0f | %.0f | %.2f | %.0f | %.2f |\n", t,
			s.values["hidden"], s.values["train_updates"], runs[0].Count, s.seconds, s.values["top_k"],
			s.values["order3_s"])
	}
	sb.WriteString("\n")
}

func renderStep(sb *strings.Builder, r *Results) {
	sb.WriteString("### The 784 × 500 Gibbs step: products and the rest\n\n" +
		"A step of 1000 chains on the Fashion-MNIST model (`rbm.Sample`) under the Go CPU " +
		"profiler: the product share is the share of profile samples whose stack is " +
		"inside a matrix product (gonum BLAS or the cgo OpenBLAS call); the products' " +
		"rate in the step is their FLOPs (2 products × 2·chains·N·M) over that share of " +
		"the step's wall time. Bare sgemm: the same two products outside the step, one " +
		"call per core on half the rows; in blocks: the 32-chain blocks the step uses. " +
		"The bare products run in the same process right after the step, not at the same " +
		"instant: a ratio above 100 % means the load changed in between.\n\n" +
		"| build | ms / step | product share | products in the step (GFLOP/s) | " +
		"bare sgemm (GFLOP/s) | sgemm in 32-chain blocks (GFLOP/s) | step ÷ bare |\n" +
		"|---|---|---|---|---|---|---|\n")
	for _, t := range spinferTools(r) {
		s, ok := summarise(r.selectRuns(kindStep, "mnist", t))
		if !ok {
			continue
		}
		v := s.values
		fmt.Fprintf(sb, "| %s | %.1f | %.0f %% | %.1f | %.1f | %.1f | %.0f %% |\n", t,
			1e3*s.med, 100*v["product_fraction"], v["step_gflops"], v["sgemm_gflops"],
			v["block_sgemm_gflop"], 100*ratio(v["step_gflops"], v["sgemm_gflops"]))
	}
	sb.WriteString("\n")
}

func renderMemory(sb *strings.Builder, r *Results) {
	sb.WriteString("### Memory\n\nPeak resident set size (MiB) of each process: " +
		"`/usr/bin/time -v` (\"Maximum resident set size\") for ingest, VmHWM of " +
		"/proc/self/status reported by the worker or peer process itself for the rest.\n\n" +
		"| ingest | input (MiB) | peak RSS (MiB) | wall (s) |\n|---|---|---|---|\n")
	for _, in := range []string{"hgd-text", "hgd-zip"} {
		if s, ok := summarise(r.selectRuns(kindIngest, in, "spinfer")); ok {
			fmt.Fprintf(sb, "| `spinfer ingest` %s | %.1f | %.0f | %.2f |\n", in,
				s.values["input_mb"], s.rss, s.seconds)
		}
	}
	sb.WriteString("\nTraining (the worker process of the PCD runs above) against a process " +
		"that only loads the data: the difference holds the trainer's copy of the data " +
		"(rows·N bytes) and the model and chain numbers, O(N·M + chains·(N+M)) float32 " +
		"(for the small models the Go runtime's own growth dominates the difference).\n\n" +
		"| workload | build | train RSS | load-only RSS | difference | data copy | " +
		"4 B × (N·M + chains·(N+M)) | (difference − data copy) ÷ that |\n" +
		"|---|---|---|---|---|---|---|---|\n")
	for _, w := range workloads(r.Quick) {
		for _, t := range spinferTools(r) {
			tr, ok1 := trainStat(r, w.Name, t)
			ld, ok2 := summarise(r.selectRuns(kindLoad, w.Name, t))
			if !ok1 || !ok2 {
				continue
			}
			n, rows := ld.values["n"], ld.values["rows"]
			nums := n*float64(w.Hidden) + float64(w.Batch)*(n+float64(w.Hidden))
			model, data := 4*nums/(1<<20), rows*n/(1<<20)
			diff := tr.rss - ld.rss
			fmt.Fprintf(sb, "| %s | %s | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f |\n", w.Name,
				t, tr.rss, ld.rss, diff, data, model, ratio(diff-data, model))
		}
	}
	sb.WriteString("\n")
}

func renderCommands(sb *strings.Builder, r *Results) {
	sb.WriteString("### Commands\n\n`task bench` installs what is missing " +
		"(`bench/speed/install.sh`: python3-sklearn, python3-torch, dataset-fashion-mnist, " +
		"libopenblas-dev), then runs `go run ./bench/speed`, which builds:\n\n```\n")
	for _, c := range r.Commands {
		sb.WriteString(c + "\n")
	}
	sb.WriteString("```\n\nand runs, in repetition 1 (the later repetitions repeat them):\n\n```\n")
	seen := map[string]bool{}
	for _, m := range r.Runs {
		c := m.Info["command"]
		if m.Rep == 1 && c != "" && !seen[c] {
			seen[c] = true
			sb.WriteString(c + "\n")
		}
	}
	sb.WriteString("```\n")
	if len(r.Skipped) > 0 {
		sb.WriteString("\n### Skipped\n\n")
		for _, s := range r.Skipped {
			fmt.Fprintf(sb, "- %s\n", strings.ReplaceAll(s, "\n", " "))
		}
	}
}
