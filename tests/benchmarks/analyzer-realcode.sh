#!/usr/bin/env bash
# Times ExportLint's analyzers against Microsoft.CodeAnalysis.BannedApiAnalyzers 5.6.0 on REAL code: Newtonsoft.Json's
# own sources (Src/Newtonsoft.Json, unmodified, compiled as one net10.0 project with its net8.0 defines), plus one
# companion file beside every tenth source file that calls LLamaSharp, ONNX Runtime and TorchSharp (AI call sites in
# about a tenth of the files). Real code is cheaper to compile per line than the generated project of
# analyzer-build.sh, so the analyzers' fixed costs (loading the list, JIT, per-compilation set-up) weigh more here.
# Same measurement and output as analyzer-build.sh (analyzer-bench-common.sh).
# Usage: tests/benchmarks/analyzer-realcode.sh [runs=3] [work-folder=/tmp/exportlint-realcode-bench] [newtonsoft-git-dir]
# EXPORTLINT_ANALYZERS=<folder>[:<folder>] compares built analyzer folders, alternating (analyzer-bench-common.sh).
set -euo pipefail
runs=${1:-3}
work=${2:-/tmp/exportlint-realcode-bench}
mirror=${3:-/work/.mirror/JamesNK+Newtonsoft.Json/repo}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/analyzer-bench-common.sh"

mapfile -t versions < <(bench_analyzer_folders "$repo")
rm -rf "$work" && mkdir -p "$work"
commit=$(git -C "$mirror" rev-parse HEAD)
# (2>/dev/null: the mirror lacks some blobs of the test project, which git mentions though they are not archived)
git -C "$mirror" archive "$commit" Src/Newtonsoft.Json/ 2>/dev/null | tar -x -C "$work"
src="$work/Src/Newtonsoft.Json"
# The library's own project file is replaced by Bench.csproj; its defines (net8.0's) are read from it.
defines=$(grep -A3 "'\$(TargetFramework)'=='net8.0'" "$src/Newtonsoft.Json.csproj" | grep -m1 -oE '<DefineConstants>[^<]*' | sed 's/<DefineConstants>//; s/;\$(AdditionalConstants)//')
[ -n "$defines" ] || { echo "no net8.0 DefineConstants in $src/Newtonsoft.Json.csproj" >&2; exit 1; }
rm "$src/Newtonsoft.Json.csproj"
read -r real_files real_lines companions companion_lines < <(python3 "$here/generate_codebase.py" "$src" --companions-every 10)
cp "$here/BannedSymbols.txt" "$work/"
# As the library builds (LangVersion 9, nullable, documentation file), with the warnings a newer framework adds to
# its old APIs (obsolete serialization and reflection-emit APIs, trimming) silenced; none of this changes what the
# analyzers see.
bench_write_project "$work" "    <LangVersion>9.0</LangVersion>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <GenerateDocumentationFile>true</GenerateDocumentationFile>
    <AssemblyName>Newtonsoft.Json</AssemblyName>
    <RootNamespace>Newtonsoft.Json</RootNamespace>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <DefineConstants>$defines</DefineConstants>
    <NoWarn>\$(NoWarn);CS1591;CS0618;CS0672;SYSLIB0011;SYSLIB0050;SYSLIB0051;CS8600;CS8601;CS8602;CS8603;CS8604;CS8618;CS8625;CS8767;CS8769</NoWarn>" ''
echo "Newtonsoft.Json $commit (Src/Newtonsoft.Json): $real_lines lines in $real_files files, plus $companions companion files with AI call sites ($companion_lines lines); $(grep -c . "$work/BannedSymbols.txt") banned symbols; ExportLint's embedded default list"
bench_measure "$work" "$runs" "${versions[@]}"
