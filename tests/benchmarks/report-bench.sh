#!/usr/bin/env bash
# Times writing every report format for a 10,000-finding report: `exportlint merge big.json --format all` (every format
# this build knows: `all` grows with ReportOutput.KnownFormats, so writers added later are measured without a change
# here), under /usr/bin/time (wall time and peak memory, max RSS), and the time each writer took alone (the --verbose
# "wrote … in N ms" lines). A second run compares the report with a baseline (a tenth of its findings removed, so
# every state occurs). Budget (docs/performance.md): every format in under 2 s and under 500 MB.
#
# big.json is made from a real report: a scan of samples/ scaled by generate-report.py (clones with their own files,
# lines, projects and fingerprints; package, model-file, suppressed and multibyte findings; a project inventory).
#
# Usage: tests/benchmarks/report-bench.sh [work-folder=/tmp/exportlint-report-bench] [findings=10000]
set -euo pipefail
work=${1:-/tmp/exportlint-report-bench}
findings=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
command -v /usr/bin/time >/dev/null || { echo "report-bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "report-bench: needs python3 (to generate the report)" >&2; exit 1; }

dotnet build "$repo/src/ExportLint.Cli/ExportLint.Cli.csproj" -c Release -v:q -nologo >/dev/null
exportlint=(dotnet exec "$repo/src/ExportLint.Cli/bin/Release/net10.0/exportlint.dll")
stamp=2026-01-01T00:00:00Z

rm -rf "$work" && mkdir -p "$work"
(cd "$repo" && "${exportlint[@]}" scan samples --output "$work/template" --timestamp "$stamp" --quiet >/dev/null)
python3 "$here/generate-report.py" "$work/template/exportlint.json" "$findings" "$work/big.json"
# The baseline: the same report without every tenth finding (they come back "new"), and with some of its own
# (they are "absent").
python3 - "$work/big.json" "$work/baseline.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
kept = [f for i, f in enumerate(report["findings"]) if i % 10 != 0]
gone = [dict(f, fingerprint="0" * 24 + f"{i:08x}") for i, f in enumerate(report["findings"][:200])]
report["findings"] = kept + gone
json.dump(report, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
echo "big.json: $(grep -c '"fingerprint"' "$work/big.json") findings, $(du -h "$work/big.json" | cut -f1)"

measure() { # label, command...
  local label=$1; shift
  local stats="$work/$label.time"
  # Exit code 3 is expected: the generated report has two incomplete problems, as a large scan often has.
  local code=0
  /usr/bin/time -v -o "$stats" "$@" >"$work/$label.out" 2>"$work/$label.err" || code=$?
  [ "$code" = 0 ] || [ "$code" = 3 ] || { echo "($label exited $code)"; tail -n 5 "$work/$label.err"; }
  local wall rss cpu
  wall=$(grep 'Elapsed (wall clock)' "$stats" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$stats" | awk '{print $NF}')
  # CPU time (user + system) moves less than wall time when the machine is shared.
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$stats")
  printf '%-34s wall %s  cpu %s s  max RSS %d MB\n' "$label" "$wall" "$cpu" "$((rss / 1024))"
  grep '^exportlint: wrote' "$work/$label.err" | sed 's/^exportlint: /    /'
}

echo "machine: $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
measure "merge --format all" "${exportlint[@]}" merge "$work/big.json" --format all --output "$work/out" --timestamp "$stamp" --verbose --quiet
measure "merge --format all --baseline" "${exportlint[@]}" merge "$work/big.json" --format all --output "$work/out-baseline" --timestamp "$stamp" --baseline "$work/baseline.json" --verbose --quiet
measure "merge --format json (read+write)" "${exportlint[@]}" merge "$work/big.json" --format json --output "$work/out-json" --timestamp "$stamp" --verbose --quiet
ls -l "$work/out" | tail -n +2 | awk '{printf "    %-22s %12d bytes\n", $NF, $5}'
grep -h '^Baseline' "$work/merge --format all --baseline.out" || true
echo "load after: $(uptime | sed 's/.*load average: //')"
