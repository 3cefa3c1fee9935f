#!/usr/bin/env bash
# Times GET /metrics (and /status) on the admin listener while the site holds N idle keep-alive
# connections: /metrics reads counters only, so its time should not grow with N.
#   scripts/admin-metrics-latency.sh [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
ulimit -n 20000
swift build -c release --product sockeye >/dev/null 2>&1
log=$(mktemp)
.build/release/sockeye --port 0 --ui none --workers 1 --max-connections 19000 --idle-timeout 600 --admin 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q '^admin on' "$log" && break; sleep 0.05; done
port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$log")
admin=$(sed -n 's/^admin on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$log")
python3 - "$port" "$admin" "$count" <<'PY'
import http.client, resource, socket, sys, time
port, admin, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))

def timings(path, rounds):
    connection = http.client.HTTPConnection("127.0.0.1", admin, timeout=30)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        times.append((time.perf_counter() - start) * 1000)
    connection.close()
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99) - 1], len(body)

def report(label):
    for path, rounds in (("/metrics", 200), ("/status", 20)):
        median, p99, size = timings(path, rounds)
        print(f"{label}: {path} median {median:.3f} ms, p99 {p99:.3f} ms ({size} bytes, {rounds} requests, keep-alive)")

report("0 connections")
sockets = []
request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request)
    sockets.append(s)
for s in sockets:
    s.settimeout(10)
    data = b""
    while not data.endswith(b"</html>\n"):
        data += s.recv(65536)
report(f"{count} idle connections")
PY
