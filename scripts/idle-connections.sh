#!/usr/bin/env bash
# Holds 10,000 idle keep-alive connections: one request on each, reports the server's RSS growth
# over the empty server, then one more request on each to prove they were all kept.
#   scripts/idle-connections.sh [connections] [model]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
model=${2:-eventloop}
ulimit -n 20000
swift build -c release --product sockeye >/dev/null 2>&1
log=$(mktemp)
.build/release/sockeye --port 0 --ui none --workers 1 --model "$model" --max-connections 19000 --idle-timeout 600 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q '^listening' "$log" && break; sleep 0.05; done
port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$log")
python3 - "$port" "$count" "$pid" <<'PY'
import resource, selectors, socket, sys, time
port, count, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))

def rss_kib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()

def round_trip(sockets):
    """Sends one request on every socket and waits until every response has arrived."""
    selector = selectors.DefaultSelector()
    pending = {}
    for s in sockets:
        s.sendall(request)
        pending[s] = b""
        selector.register(s, selectors.EVENT_READ)
    deadline = time.time() + 120
    answered = 0
    while pending and time.time() < deadline:
        for key, _ in selector.select(timeout=1):
            s = key.fileobj
            chunk = s.recv(65536)
            if not chunk:
                selector.unregister(s); del pending[s]; continue
            pending[s] += chunk
            if pending[s].endswith(b"</html>\n"):
                selector.unregister(s); del pending[s]; answered += 1
    selector.close()
    return answered

empty = rss_kib()
sockets = []
for _ in range(count):
    sockets.append(socket.create_connection(("127.0.0.1", port)))
first = round_trip(sockets)
time.sleep(1)
held = rss_kib()
second = round_trip(sockets)
growth = held - empty
print(f"connections: {count}, answered first round: {first}, second round on the same connections: {second}")
print(f"server RSS: empty {empty / 1024:.1f} MiB, holding {count} idle {held / 1024:.1f} MiB, "
      f"growth {growth / 1024:.1f} MiB = {growth * 1024 / count:.0f} bytes per idle connection")
verdict = "PASS" if first == count and second == count and growth < 20 * 1024 else "MISS"
print(f"target: all answer twice and growth < 20 MiB: {verdict}")
PY
