// Command speed is spinfer's speed benchmark (issue 6): the same PCD
// training work timed in spinfer (pure-Go gonum and OpenBLAS builds),
// scikit-learn's BernoulliRBM and a plain PyTorch CPU loop, side by side
// in one run, plus spinfer's Gibbs throughput, exact log Z, coupling
// extraction, the split of a 784×500 Gibbs step into matrix products and
// the rest, and peak memory. A products floor per workload, the bare
// sgemm time of one PCD-1 update's matrix products, shows how fast any
// tool doing that work could be on the machine: the report divides each
// tool's time, and each speed goal's peer, by it. It writes docs/benchmarks.md (keeping its
// hand-written head and Backends section) and bench/results/speed.json.
//
//	task bench              # installs what is missing, then the full run (< 20 min)
//	task bench QUICK=1      # short settings, about a minute, into runs/bench/
//	go run ./bench/speed -tools spinfer-openblas,torch -reps 1
//	go run ./bench/speed -replot   # rewrite the report from the results JSON
//
// Workloads (data as rows×N in {0,1}): the 8×8 Ising fixture (N = 64,
// M = 32, batch 100), the HGD fixture (N = 805, M = 200, batch 100) and
// binarised Fashion-MNIST from Debian's dataset-fashion-mnist (N = 784,
// M = 500, batch 1000). Every tool runs PCD-1 with persistent chains =
// batch (the only protocol of BernoulliRBM), float32, learning rate 0.01.
//
// Each measurement runs in its own process so that its peak RSS and its
// BLAS are its own: the Go measurements in this command's binary started
// with -worker, built twice (with and without -tags openblas); the peers
// in bench/speed/peers.py under Debian's /usr/bin/python3, which reads the
// data from .npy files written with internal/npy. Repetitions interleave
// the tools in a rotated order and the report gives medians, because the
// machine's timings drift by 20–30 % between runs.
//
// No test asserts a time: the tests check the parsing and the tables.
package main
