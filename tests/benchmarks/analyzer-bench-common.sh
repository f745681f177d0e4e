#!/usr/bin/env bash
# Shared by analyzer-build.sh (generated code) and analyzer-realcode.sh (Newtonsoft.Json's own sources): the analyzer
# folders to compare, the benchmark project's file, and the measured builds. Source it; do not run it.
#
# EXPORTLINT_ANALYZERS: unset, the repository's analyzers are built as the package ships them to `dotnet build` on
# this host: precompiled (ReadyToRun, src/ExportLint.Analyzers.ReadyToRun published for linux-x64 or win-x64) where
# the package has them, else the IL ones (bin/Release/netstandard2.0). Set to a folder holding a built
# ExportLint.Analyzers.dll and its dependencies, that folder is used as it is (the IL analyzers:
# src/ExportLint.Analyzers/bin/Release/netstandard2.0). Set to two such folders separated by ':' (A:B), the runs
# alternate the two versions in the order A B B A A B … (so neither always goes first after the other), each row says
# which, and the medians are given per version.

# bench_analyzer_folders REPO: prints the analyzer folder(s) to compare, one a line.
bench_analyzer_folders() {
  local repo=$1 host
  if [ -z "${EXPORTLINT_ANALYZERS:-}" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) host=linux-x64 ;;
      MINGW*-x86_64|MSYS*-x86_64|CYGWIN*-x86_64) host=win-x64 ;;
      *) host= ;;
    esac
    if [ -n "$host" ]; then
      dotnet publish "$repo/src/ExportLint.Analyzers.ReadyToRun/ExportLint.Analyzers.ReadyToRun.csproj" -c Release -r "$host" \
        -o "$repo/artifacts/precompiled/$host" -v:q -nologo >/dev/null
      echo "$repo/artifacts/precompiled/$host"
    else
      dotnet build "$repo/src/ExportLint.Analyzers/ExportLint.Analyzers.csproj" -c Release -v:q -nologo >/dev/null
      echo "$repo/src/ExportLint.Analyzers/bin/Release/netstandard2.0"
    fi
  else
    tr ':' '\n' <<< "$EXPORTLINT_ANALYZERS" | grep .
  fi
}

# bench_write_project FOLDER PROPERTIES ITEMS: writes FOLDER/Bench.csproj (net10.0, the AI packages,
# BannedApiAnalyzers 5.6.0 with BannedSymbols.txt, ExportLint from $(ExportLintAnalyzers)) plus empty
# Directory.Build.props/Directory.Packages.props that keep the repository's own settings out. PROPERTIES and ITEMS
# are MSBuild XML put in the PropertyGroup and ItemGroup.
bench_write_project() {
  local work=$1 properties=$2 items=$3
  echo '<Project />' > "$work/Directory.Build.props"
  echo '<Project />' > "$work/Directory.Packages.props"
  cat > "$work/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
$properties
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LLamaSharp" Version="0.30.0" />
    <PackageReference Include="Microsoft.ML.OnnxRuntime.Managed" Version="1.31.1" />
    <PackageReference Include="TorchSharp" Version="0.107.0" />
    <PackageReference Include="Microsoft.CodeAnalysis.BannedApiAnalyzers" Version="5.6.0" PrivateAssets="all" />
    <AdditionalFiles Include="BannedSymbols.txt" />
    <Analyzer Include="\$(ExportLintAnalyzers)/ExportLint.Analyzers.dll;\$(ExportLintAnalyzers)/ExportLint.ControlLists.dll;\$(ExportLintAnalyzers)/YamlDotNet.dll;\$(ExportLintAnalyzers)/NuGet.Versioning.dll" />
$items
  </ItemGroup>
</Project>
XML
}

# bench_measure FOLDER RUNS FOLDER1 [FOLDER2]: restores, then builds FOLDER (-t:Rebuild -p:ReportAnalyzer=true)
# 1 + RUNS times per analyzer folder (run 0 of each is a warm-up, not counted) and prints one row per build, the
# medians and worst runs per version, and the per-analyzer lines of the last build. Saves the compiler command line
# as FOLDER/csc.cmdline (for the in-process replay and for dotnet-trace).
bench_measure() {
  local work=$1 runs=$2; shift 2
  local versions=("$@")
  cd "$work"
  rm -f runs.txt
  dotnet restore -v:q -nologo "-p:ExportLintAnalyzers=${versions[0]}" >/dev/null
  echo "uptime at start: $(uptime)"
  for v in "${!versions[@]}"; do echo "version $v: ${versions[$v]} ($(stat -c %y "${versions[$v]}/ExportLint.Analyzers.dll" | cut -d. -f1), sha1 $(sha1sum "${versions[$v]}/ExportLint.Analyzers.dll" | cut -c1-10))"; done
  echo "version | run | compile (Csc task) s | all analyzers s | ExportLint s | BannedApiAnalyzers s | ExportLint / Banned | ExportLint % of compile | load (1 min)"
  local n=${#versions[@]} step order v run
  for run in $(seq 0 "$runs"); do
    # A B, then B A, then A B …: each version goes first in every other pair.
    for step in $(seq 0 $((n - 1))); do
      if [ $((run % 2)) = 1 ]; then v=$((n - 1 - step)); else v=$step; fi
      bench_one_build "$work" "$v" "${versions[$v]}" "$run"
    done
  done
  median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  if [ -s runs.txt ]; then
    for v in "${!versions[@]}"; do
      grep "^$v " runs.txt > runs.$v.txt || continue
      echo "version $v, median of runs 1-$runs: ExportLint $(cut -d' ' -f2 runs.$v.txt | median) s, BannedApiAnalyzers $(cut -d' ' -f3 runs.$v.txt | median) s, ExportLint / Banned $(cut -d' ' -f5 runs.$v.txt | median) (max $(cut -d' ' -f5 runs.$v.txt | sort -g | tail -1)), ExportLint $(cut -d' ' -f4 runs.$v.txt | median) % of compile (max $(cut -d' ' -f4 runs.$v.txt | sort -g | tail -1) %)"
    done
  fi
  echo "uptime at end: $(uptime)"
  # The compiler command line, for profiling the same compilation in one process:
  #   dotnet run -c Release --project tests/ExportLint.Benchmarks -- analyzers "$work/csc.cmdline"
  grep -m1 -E '/(bincore/)?csc(\.dll|\.exe)? ' build.log | sed 's/^ *//' > csc.cmdline || true
  echo "per-analyzer lines of the last build:"
  grep -E 'ExportLint\.Analyzers\.|BannedApi' build.log | grep -E '^ +[0-9.,<]+ +[0-9]+ ' | sed 's/^ */  /' | head -20
}

bench_one_build() {
  local work=$1 v=$2 folder=$3 run=$4
  local load csc total exl ban pct ratio label
  load=$(cut -d' ' -f1 /proc/loadavg)
  dotnet build -t:Rebuild -p:ReportAnalyzer=true "-p:ExportLintAnalyzers=$folder" -v:d -nologo -clp:PerformanceSummary > build.log 2>&1 || { tail -30 build.log; exit 1; }
  csc=$(grep -E '^ +[0-9]+ ms +Csc +[0-9]+ calls' build.log | awk '{print $1/1000}' | tail -1)
  total=$(grep -E 'Total analyzer execution time: ' build.log | head -1 | grep -oE '[0-9]+([.,][0-9]+)?' | head -1 | tr , .)
  exl=$(grep -E '^ +[0-9.,<]+ +[0-9]+ +ExportLint\.Analyzers, ' build.log | awk '{gsub(",",".",$1); gsub("<","",$1); s+=$1} END {print s+0}')
  ban=$(grep -E '^ +[0-9.,<]+ +[0-9]+ +Microsoft\.CodeAnalysis\.(CSharp\.)?BannedApiAnalyzers, ' build.log | awk '{gsub(",",".",$1); gsub("<","",$1); s+=$1} END {print s+0}')
  pct=$(awk -v a="$exl" -v c="$csc" 'BEGIN { if (c > 0) printf "%.2f", 100*a/c; else print "?" }')
  ratio=$(awk -v a="$exl" -v b="$ban" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "?" }')
  label=$run; [ "$run" = 0 ] && label="0 (warm-up)"
  echo "$v | $label | $csc | $total | $exl | $ban | $ratio | $pct | $load"
  [ "$run" = 0 ] || echo "$v $exl $ban $pct $ratio" >> runs.txt
  cp build.log "build.$v.log"
}
