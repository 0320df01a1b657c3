#!/bin/sh
# DuckDB interoperability check of spinfer's Parquet artifacts.
#
#   .ci/interop/run.sh            generate one file of every artifact kind
#                                 (internal/interopgen) and check it
#   .ci/interop/run.sh DIR...     check each DIR: a directory made by
#                                 `interopgen -o` (has expected.json) is
#                                 compared with it; any other directory
#                                 (a run directory) is compared file by file
#                                 with spinfer's own reading
#
# Needs node and npm (the npm registry for @duckdb/node-api) and go.
# Exits non-zero on the first directory that does not match.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# DuckDB from npm, pinned by package-lock.json.
(
	cd "$here"
	if [ -f package-lock.json ]; then
		npm ci --silent --no-audit --no-fund
	else
		npm install --silent --no-audit --no-fund
	fi
)

# spinfer's side of the comparison, built once.
bin="$work/interopgen"
(cd "$root" && go build -o "$bin" ./internal/interopgen)

if [ $# -eq 0 ]; then
	"$bin" -o "$work/generated"
	set -- "$work/generated"
fi

for dir in "$@"; do
	if [ -f "$dir/expected.json" ]; then
		node "$here/check.mjs" "$dir"
	else
		node "$here/check.mjs" --run "$dir" --interopgen "$bin"
	fi
done
