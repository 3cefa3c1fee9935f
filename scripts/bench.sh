#!/usr/bin/env bash
# Load benchmark: the release server pinned to core 0, wrk pinned to core 1, GET / keep-alive at
# c=1/64/256 and with `Connection: close` at c=64, for both I/O models. Prints req/s and p50/p99.
#   scripts/bench.sh            10 s cells
#   scripts/bench.sh --quick    2 s cells
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10s
[ "${1:-}" = "--quick" ] && duration=2s

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
swift build -c release --product sockeye >/dev/null
binary=.build/release/sockeye

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start_server() { # model → sets $port and $server_pid
  local log; log=$(mktemp)
  taskset -c 0 "$binary" --port 0 --ui none --model "$1" --workers 1 >"$log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "server did not start: $(cat "$log")" >&2
  exit 1
}

cell() { # label, wrk args... → one row
  local label=$1; shift
  local out; out=$(taskset -c 1 wrk -t1 --latency -d"$duration" "$@" 2>&1)
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-10s %-28s %12s %10s %10s\n' "$model" "$label" "$rps" "$p50" "$p99"
}

printf '%-10s %-28s %12s %10s %10s\n' model cell req/s p50 p99
for model in eventloop threads; do
  start_server "$model"
  url="http://127.0.0.1:$port/"
  cell "keep-alive c=1" -c1 "$url"
  cell "keep-alive c=64" -c64 "$url"
  cell "keep-alive c=256" -c256 "$url"
  cell "Connection: close c=64" -c64 -H "Connection: close" "$url"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
done
