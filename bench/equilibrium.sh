#!/usr/bin/env bash
# The non-equilibrium phenomenon on the 8×8 Ising fixture: a model trained
# with the non-persistent rdm protocol (k = 10 Gibbs steps from uniform
# random starts at every update) generates data-like samples after exactly
# k steps from random starts, but its long-chain (equilibrium) samples do not
# match the data, and the mixing diagnostic flags it.
#
#   bash bench/equilibrium.sh [RUN_DIR] [UPDATES]
#
# Prints the figures that docs/equilibrium.md reports. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-runs/equilibrium-rdm}
updates=${2:-5000}
go build -o bin/spinfer ./cmd/spinfer
B=bin/spinfer
rm -rf "$run"
$B -q ingest fixtures/ising8/dataset.parquet --run "$run"
cp -r fixtures/ising8/truth "$run/truth"
$B -q train --run "$run" --protocol rdm --k 10 --hidden 64 --lr 0.02 --updates "$updates" --likelihood none --seed 1

echo "== samples after exactly k = 10 steps from random starts (the default for an rdm model)"
$B -q sample --run "$run" --sample-seed 2
$B -q evaluate --run "$run" --no-plots | grep -E "2-point|magnetisation|adversarial"
mv "$run/evaluation.json" "$run/evaluation-k10.json"

echo "== samples after 10000 steps (towards the model's equilibrium)"
$B -q sample --run "$run" --sample-k 10000 --sample-seed 2 --force -o "$run/samples-long.parquet"
$B -q evaluate --run "$run" --samples "$run/samples-long.parquet" --no-plots | grep -E "2-point|magnetisation|adversarial"
mv "$run/evaluation.json" "$run/evaluation-long.json"

echo "== mixing diagnostic"
$B -q mixing --run "$run" --seed 3
echo "== couplings (warns)"
$B couplings --run "$run" 2>&1 | grep -E "WARN|order 2" | cut -c1-200
