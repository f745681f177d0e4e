#!/usr/bin/env bash
# ExportLint's fixed cost per build: the same measured build as analyzer-build.sh, of a project with one one-line
# file, so that what the analyzers report is what every build pays whatever its size (loading and JIT-compiling the
# analyzers, loading the list, setting up a compilation) and next to nothing else.
# Usage: tests/benchmarks/analyzer-fixedcost.sh [runs=5] [work-folder=/tmp/exportlint-fixedcost-bench]
# EXPORTLINT_ANALYZERS=<folder>[:<folder>] compares built analyzer folders, alternating (analyzer-bench-common.sh).
set -euo pipefail
runs=${1:-5}
work=${2:-/tmp/exportlint-fixedcost-bench}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/analyzer-bench-common.sh"

mapfile -t versions < <(bench_analyzer_folders "$repo")
rm -rf "$work" && mkdir -p "$work"
echo 'namespace Tiny { public static class A { public static string Hello(string name) => "hello " + name; } }' > "$work/A.cs"
cp "$here/BannedSymbols.txt" "$work/"
bench_write_project "$work" '    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>' ''
echo "one file, one line; $(grep -c . "$work/BannedSymbols.txt") banned symbols; ExportLint's embedded default list"
bench_measure "$work" "$runs" "${versions[@]}"
