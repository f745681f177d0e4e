#!/usr/bin/env bash
# Times ExportLint's analyzers against Microsoft.CodeAnalysis.BannedApiAnalyzers 5.6.0 in ONE real build of a
# generated 100k-line C# project that references the real AI packages:
#   dotnet build -t:Rebuild -p:ReportAnalyzer=true
# Both analyzers run side by side in the same compilation, so machine noise hits both alike.
# Usage: tests/benchmarks/analyzer-build.sh [runs=3] [work-folder=/tmp/exportlint-analyzer-bench]
set -euo pipefail
runs=${1:-3}
work=${2:-/tmp/exportlint-analyzer-bench}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

dotnet build "$repo/src/ExportLint.Analyzers/ExportLint.Analyzers.csproj" -c Release -v:q -nologo >/dev/null
analyzers="$repo/src/ExportLint.Analyzers/bin/Release/netstandard2.0"
rm -rf "$work" && mkdir -p "$work"
lines=$(python3 "$here/generate_codebase.py" "$work" --files 400)
cp "$here/BannedSymbols.txt" "$work/"
# An empty Directory.Build.props keeps the repository's own settings out of the benchmark project.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"
cat > "$work/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LLamaSharp" Version="0.30.0" />
    <PackageReference Include="Microsoft.ML.OnnxRuntime.Managed" Version="1.31.1" />
    <PackageReference Include="TorchSharp" Version="0.107.0" />
    <PackageReference Include="Microsoft.CodeAnalysis.BannedApiAnalyzers" Version="5.6.0" PrivateAssets="all" />
    <AdditionalFiles Include="BannedSymbols.txt" />
    <Analyzer Include="$analyzers/ExportLint.Analyzers.dll;$analyzers/ExportLint.ControlLists.dll;$analyzers/YamlDotNet.dll;$analyzers/NuGet.Versioning.dll" />
  </ItemGroup>
</Project>
XML

cd "$work"
rm -f runs.txt
dotnet restore -v:q -nologo >/dev/null
echo "generated: $lines lines in 400 files; $(grep -c . BannedSymbols.txt) banned symbols; ExportLint's embedded default list"
echo "run | compile (Csc task) s | all analyzers s | ExportLint s | BannedApiAnalyzers s | ExportLint % of compile"
for run in $(seq 0 "$runs"); do
  dotnet build -t:Rebuild -p:ReportAnalyzer=true -v:d -nologo -clp:PerformanceSummary > build.log 2>&1 || { tail -30 build.log; exit 1; }
  csc=$(grep -E '^ +[0-9]+ ms +Csc +[0-9]+ calls' build.log | awk '{print $1/1000}' | tail -1)
  total=$(grep -E 'Total analyzer execution time: ' build.log | head -1 | grep -oE '[0-9]+([.,][0-9]+)?' | head -1 | tr , .)
  exl=$(grep -E '^ +[0-9.,<]+ +[0-9]+ +ExportLint\.Analyzers, ' build.log | awk '{gsub(",",".",$1); gsub("<","",$1); s+=$1} END {print s+0}')
  ban=$(grep -E '^ +[0-9.,<]+ +[0-9]+ +Microsoft\.CodeAnalysis\.(CSharp\.)?BannedApiAnalyzers, ' build.log | awk '{gsub(",",".",$1); gsub("<","",$1); s+=$1} END {print s+0}')
  pct=$(awk -v a="$exl" -v c="$csc" 'BEGIN { if (c > 0) printf "%.2f", 100*a/c; else print "?" }')
  label=$run; [ "$run" = 0 ] && label="0 (warm-up, not counted)"
  echo "$label | $csc | $total | $exl | $ban | $pct"
  [ "$run" = 0 ] || echo "$exl $ban $pct" >> runs.txt
done
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
if [ -s runs.txt ]; then
  echo "median of runs 1-$runs: ExportLint $(cut -d' ' -f1 runs.txt | median) s, BannedApiAnalyzers $(cut -d' ' -f2 runs.txt | median) s, ExportLint $(cut -d' ' -f3 runs.txt | median) % of compile (max $(cut -d' ' -f3 runs.txt | sort -g | tail -1) %)"
fi
# The compiler command line, for profiling the same compilation in one process:
#   dotnet run -c Release --project tests/ExportLint.Benchmarks -- analyzers "$work/csc.cmdline"
grep -m1 -E '/(bincore/)?csc(\.dll|\.exe)? ' build.log | sed 's/^ *//' > csc.cmdline || true
echo "per-analyzer lines of the last run:"
grep -E 'ExportLint\.Analyzers\.|BannedApi' build.log | grep -E '^ +[0-9.,<]+ +[0-9]+ ' | sed 's/^ */  /' | head -20
