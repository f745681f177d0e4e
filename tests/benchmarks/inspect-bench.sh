#!/usr/bin/env bash
# `exportlint inspect` of a multi-GB model file reads only its header: a sparse 8 GiB GGUF (3 tensors, 193 M
# parameters), the bytes read from it (strace) and the wall time (/usr/bin/time), beside `exportlint --version`.
# Usage: tests/benchmarks/inspect-bench.sh [file=/tmp/exportlint-inspect-8g.gguf]
set -euo pipefail
file=${1:-/tmp/exportlint-inspect-8g.gguf}
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/src/ExportLint.Cli/ExportLint.Cli.csproj" -c Release -v:q -nologo >/dev/null
dll="$repo/src/ExportLint.Cli/bin/Release/net10.0/exportlint.dll"
python3 - "$file" <<'PY'
import struct, sys
def s(x):
    b = x.encode()
    return struct.pack('<Q', len(b)) + b
out = b'GGUF' + struct.pack('<I', 3) + struct.pack('<Q', 3) + struct.pack('<Q', 1)
out += s('general.architecture') + struct.pack('<I', 8) + s('llama')
offset = 0
for i, dims in enumerate([(4096, 4096), (4096, 11008), (32000, 4096)]):
    out += s(f'blk.{i}.weight') + struct.pack('<I', len(dims)) + b''.join(struct.pack('<Q', d) for d in dims)
    out += struct.pack('<I', 1) + struct.pack('<Q', offset)
    n = 1
    for d in dims:
        n *= d
    offset += n * 2
with open(sys.argv[1], 'wb') as f:
    f.write(out)
    f.truncate(8 << 30)
PY
trace=$(mktemp)
strace -f -e trace=openat,read,pread64 -o "$trace" dotnet exec "$dll" inspect --no-hash "$file" >/dev/null
python3 - "$trace" "$file" <<'PY'
import re, sys
fds, total, calls = set(), 0, 0
for line in open(sys.argv[1]):
    m = re.search(r'openat\(.*"' + re.escape(sys.argv[2]) + r'".*= (\d+)$', line.strip())
    if m:
        fds.add(m.group(1))
        continue
    m = re.search(r'(?:read|pread64)\((\d+),.*= (\d+)$', line.strip())
    if m and m.group(1) in fds:
        total += int(m.group(2))
        calls += 1
print(f"read from the model file: {total} bytes in {calls} calls")
PY
for i in 1 2 3; do
  /usr/bin/time -f "inspect --no-hash: %e s, %M KB peak" dotnet exec "$dll" inspect --no-hash "$file" >/dev/null
  /usr/bin/time -f "--version:         %e s" dotnet exec "$dll" --version >/dev/null
done
