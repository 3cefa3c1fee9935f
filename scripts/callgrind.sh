#!/usr/bin/env bash
# User-space instructions per keep-alive `GET /` (parse, route, respond, count), measured with
# callgrind: two runs with different request counts, so start-up cost cancels out.
#   scripts/callgrind.sh [--allocations] [requests] [server flags...]   (default 20000 and --ui none;
#   the second run sends twice as many), e.g. scripts/callgrind.sh 5000 --ui log --log-format clf
#   --allocations counts heap blocks allocated per request instead (valgrind's DHAT).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
swift build -c release --product sockeye >/dev/null 2>&1
mode=instructions
if [ "${1:-}" = --allocations ]; then mode=allocations; shift; fi
count=${1:-20000}
shift || true
flags=("$@")
[ ${#flags[@]} -gt 0 ] || flags=(--ui none)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the toolchain's DWARF 5; symbols are enough for a profile.
objcopy --strip-debug .build/release/sockeye "$work/sockeye"

run() { # requests → total instructions (or heap blocks allocated)
  local out="$work/cg.$1"
  local tool=(--tool=callgrind --callgrind-out-file="$out")
  [ "$mode" = allocations ] && tool=(--tool=dhat --dhat-out-file="$out")
  valgrind "${tool[@]}" "$work/sockeye" --port 18777 --workers 1 "${flags[@]}" >"$work/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q '^listening' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
  python3 - "$1" <<'PY'
import socket, sys
n = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", 18777))
request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:18777\r\n\r\n"
received = 0
for _ in range(n):  # one request at a time: keep-alive, not pipelined
    s.sendall(request)
    data = b""
    while not data.endswith(b"</html>\n"):
        data += s.recv(65536)
s.close()
PY
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$mode" = allocations ]; then
    sed -n 's/^==[0-9]*== Total: *[0-9,]* bytes in \([0-9,]*\) blocks.*/\1/p' "$work/server.log" | tr -d ,
    return
  fi
  callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}
small=$(run "$count")
large=$(run $((count * 2)))
if [ "$mode" = allocations ]; then
  echo "heap blocks allocated per keep-alive GET / with ${flags[*]}: $(( (large - small) / count ))  (runs of $count and $((count * 2)) requests)"
  exit 0
fi
echo "instructions per keep-alive GET / with ${flags[*]}: $(( (large - small) / count ))  (runs of $count and $((count * 2)) requests)"
# Per-request profile: each function's instructions in the larger run minus the smaller, per request.
python3 - "$work/cg.$count" "$work/cg.$((count * 2))" "$count" <<'PY'
import re, subprocess, sys
def table(path):
    out = subprocess.run(["callgrind_annotate", "--threshold=100", path], capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(.*)", line)
        if m and "PROGRAM TOTALS" not in line:
            rows[m.group(2)] = int(m.group(1).replace(",", ""))
    return rows
small, large, n = table(sys.argv[1]), table(sys.argv[2]), int(sys.argv[3])
diff = sorted(((large.get(k, 0) - small.get(k, 0)) / n, k) for k in large)
for per_request, name in reversed(diff[-25:]):
    name = re.sub(r" \[.*\]$", "", name)
    print(f"{per_request:8.0f}  {name[:110]}")
PY
