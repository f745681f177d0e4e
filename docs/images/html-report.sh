#!/usr/bin/env bash
# Makes docs/images/html-report.png, the README's picture of exportlint.html: the samples scanned with the embedded
# default list, the time and the as-of day pinned (so the picture changes only when the page does), opened in headless
# Chromium 1280 px wide. Needs the .NET SDK and Chromium (Debian: apt-get install chromium; .ci/run installs it).
# Run from anywhere: docs/images/html-report.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium=${EXPORTLINT_CHROMIUM:-/usr/bin/chromium}
command -v "$chromium" >/dev/null || { echo "html-report.sh: no Chromium at $chromium (apt-get install chromium, or set EXPORTLINT_CHROMIUM)" >&2; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet run --project src/ExportLint.Cli -c Release -- scan samples --format html --output "$out" \
  --timestamp 2026-01-02T00:00:00Z --as-of 2026-01-02 --quiet >/dev/null

# The page makes no request, so the browser needs no network; --no-sandbox because CI runs this as root, where
# Chromium's sandbox will not start. The top of the page: the totals, the chart and the first rows of the table.
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 --no-first-run \
  --disable-background-networking --window-size=1280,1560 --screenshot="$out/page.png" "file://$out/exportlint.html" >/dev/null 2>&1
cp "$out/page.png" docs/images/html-report.png
echo "docs/images/html-report.png: $(wc -c < docs/images/html-report.png) bytes"
