#!/usr/bin/env bash
# Times ExportLint's analyzers against Microsoft.CodeAnalysis.BannedApiAnalyzers 5.6.0 in ONE real build of a
# generated 100k-line C# project that references the real AI packages:
#   dotnet build -t:Rebuild -p:ReportAnalyzer=true
# Both analyzers run side by side in the same compilation, so machine noise hits both alike.
# Usage: tests/benchmarks/analyzer-build.sh [runs=3] [work-folder=/tmp/exportlint-analyzer-bench]
# EXPORTLINT_ANALYZERS=<folder>[:<folder>] compares built analyzer folders, alternating (analyzer-bench-common.sh).
set -euo pipefail
runs=${1:-3}
work=${2:-/tmp/exportlint-analyzer-bench}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/analyzer-bench-common.sh"

mapfile -t versions < <(bench_analyzer_folders "$repo")
rm -rf "$work" && mkdir -p "$work"
lines=$(python3 "$here/generate_codebase.py" "$work" --files 400)
cp "$here/BannedSymbols.txt" "$work/"
bench_write_project "$work" '    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <NoWarn>$(NoWarn);CS1591</NoWarn>' ''
echo "generated: $lines lines in 400 files; $(grep -c . "$work/BannedSymbols.txt") banned symbols; ExportLint's embedded default list"
bench_measure "$work" "$runs" "${versions[@]}"
