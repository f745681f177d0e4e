#!/usr/bin/env bash
# Times `exportlint scan` on a generated solution of 50 projects (100k+ lines that call the real AI packages), side by
# side with `dotnet build` of the same solution and CycloneDX-dotnet's run on it, and source mode on the same tree.
# Wall time and peak memory (max RSS, /usr/bin/time) for each; figures go to docs/performance.md.
# Usage: tests/benchmarks/scan-bench.sh [work-folder=/tmp/exportlint-scan-bench] [projects=50] [files-per-project=8]
set -euo pipefail
work=${1:-/tmp/exportlint-scan-bench}
projects=${2:-50}
files=${3:-8}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
command -v /usr/bin/time >/dev/null || { echo "scan-bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

# The tool as its package ships it to this host: published for the platform, so precompiled (ReadyToRun) as in the
# platform's tool package (ExportLint.Cli.linux-x64 …). EXPORTLINT_CLI=il measures the IL build (bin/Release) instead,
# as `dotnet run` and the portable "any" package run it.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host=linux-x64 ;;
  Linux-aarch64) host=linux-arm64 ;;
  Darwin-arm64) host=osx-arm64 ;;
  *) host= ;;
esac
if [ "${EXPORTLINT_CLI:-}" = il ] || [ -z "$host" ]; then
  dotnet build "$repo/src/ExportLint.Cli/ExportLint.Cli.csproj" -c Release -v:q -nologo >/dev/null
  exportlint="dotnet exec $repo/src/ExportLint.Cli/bin/Release/net10.0/exportlint.dll"
else
  dotnet publish "$repo/src/ExportLint.Cli/ExportLint.Cli.csproj" -c Release -r "$host" -o "$repo/artifacts/cli/$host" -v:q -nologo >/dev/null
  exportlint="dotnet exec $repo/artifacts/cli/$host/exportlint.dll"
fi
echo "exportlint: $exportlint"

rm -rf "$work" && mkdir -p "$work/src"
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"
lines=0
for i in $(seq 1 "$projects"); do
  dir="$work/src/Area$i"
  mkdir -p "$dir"
  n=$(python3 "$here/generate_codebase.py" "$dir" --files "$files" | tail -n 1)
  lines=$((lines + n))
  cat > "$dir/Area$i.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <RootNamespace>Area$i</RootNamespace>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LLamaSharp" Version="0.30.0" />
    <PackageReference Include="Microsoft.ML.OnnxRuntime.Managed" Version="1.31.1" />
    <PackageReference Include="TorchSharp" Version="0.107.0" />
  </ItemGroup>
</Project>
XML
done
# The generator writes a Program.cs-free library per folder; projects need distinct namespaces only.
(cd "$work" && dotnet new sln -n Bench -o . --format sln >/dev/null && dotnet sln Bench.sln add src/*/*.csproj >/dev/null)
echo "generated $projects projects, $lines lines of C# in $work"

measure() { # label, command...
  local label=$1; shift
  local stats; stats=$(mktemp)
  local start; start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$stats" "$@" >"$work/$label.log" 2>&1 || echo "($label exited $?)"
  local end; end=$(date +%s.%N)
  printf '%-28s %8.1f s  %8.0f MB peak\n' "$label" "$(echo "$end - $start" | bc)" "$(echo "$(cat "$stats") / 1024" | bc)"
}

dotnet restore "$work/Bench.sln" -v:q >/dev/null
measure "dotnet build" dotnet build "$work/Bench.sln" --no-restore -nologo -v:q -p:UseSharedCompilation=false
measure "exportlint scan (semantic)" $exportlint scan "$work" --output "$work/scan-semantic" --quiet
measure "exportlint scan (source)" $exportlint scan "$work" --source-only --output "$work/scan-source" --quiet
if [ -x "${CYCLONEDX:-/tmp/cyclonedx-tool/dotnet-CycloneDX}" ]; then
  measure "CycloneDX-dotnet" "${CYCLONEDX:-/tmp/cyclonedx-tool/dotnet-CycloneDX}" "$work/Bench.sln" -o "$work/cyclonedx" -F Json
else
  echo "CycloneDX-dotnet: not installed (dotnet tool install CycloneDX --tool-path /tmp/cyclonedx-tool)"
fi
grep -h '"findings":\|"projectsInSourceMode":' "$work"/scan-*/exportlint.json | head -n 4
echo "lines: $lines"
