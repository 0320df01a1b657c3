#!/usr/bin/env bash
# Installs what the speed benchmark (bench/speed) compares with, when it is
# missing: Debian's scikit-learn and PyTorch, the Fashion-MNIST data and
# OpenBLAS for the `openblas` build. A package that cannot be installed is
# reported and skipped; the benchmark then runs without that peer.
set -uo pipefail

pkgs=(python3-sklearn python3-torch dataset-fashion-mnist libopenblas-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "bench: cannot install ${missing[*]} (needs root and apt-get); those peers are skipped"
  exit 0
fi
echo "bench: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
updated=
for p in "${missing[@]}"; do
  if ! apt-get install -y -q "$p" >/dev/null; then
    if [ -z "$updated" ]; then
      apt-get update -q >/dev/null && updated=1
      apt-get install -y -q "$p" >/dev/null && continue
    fi
    echo "bench: could not install $p; skipped (the report says what is missing)"
  fi
done
exit 0
