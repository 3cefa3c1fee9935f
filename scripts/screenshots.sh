#!/usr/bin/env bash
# Makes the README's pictures of the real dashboard in xterm under Xvfb, under real traffic (a
# keep-alive pair, a pipelined /slow + / that shows a head-of-line wait, a chunked response, a
# rejected request, open idle connections, requests queued behind a long /slow), captured with
# ImageMagick's `import`: screenshots/dashboard.png, then (keys typed through tmux, which runs the
# dashboard inside the xterm) the request inspector (inspector.png) and a filtered view (filter.png);
# last, `sockeye top` watching two headless servers (top.png).
set -euo pipefail
cd "$(dirname "$0")/.."

needed=()
for tool in Xvfb xterm import tmux curl python3; do command -v "$tool" >/dev/null || needed+=("$tool"); done
if [ ${#needed[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xterm imagemagick tmux fonts-dejavu-core fonts-freefont-ttf curl python3 >/dev/null
fi
swift build -c release --product sockeye >/dev/null
binary=$PWD/.build/release/sockeye
port=18089
display=:97
mkdir -p screenshots

pids=()
work=$(mktemp -d)
# A tmux server of its own (-L), with no status line, so the picture is the dashboard alone.
tmux_() { tmux -L sockeye-screenshots -f "$work/tmux.conf" "$@"; }
cleanup() {
  tmux_ kill-server 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
printf 'set -g status off\nset -g default-terminal xterm-256color\n' > "$work/tmux.conf"

Xvfb "$display" -screen 0 1300x820x24 >/dev/null 2>&1 &
pids+=($!)
sleep 1
DISPLAY=$display xterm -T sockeye-dashboard -geometry 130x40+0+0 -fa 'DejaVu Sans Mono' -fs 11 -bg '#1e1e1e' -fg '#d0d0d0' \
  -e tmux -L sockeye-screenshots -f "$work/tmux.conf" new-session -s dashboard \
  "$binary --ui tui --port $port --workers 2" &
pids+=($!)
sleep 2

base=http://127.0.0.1:$port
for _ in 1 2 3; do curl -s "$base/" "$base/info" "$base/info" >/dev/null; done
curl -s -X POST -d "Hello!" "$base/echo" >/dev/null
curl -s -X POST -H "Content-Type: application/json" -d '{"name": "Alice"}' "$base/json" >/dev/null
curl -s "$base/missing" >/dev/null
python3 - "$port" <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
# Pipelined: / waits behind /slow (the head-of-line wait), twice.
for delay in (1200, 800):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET /slow?ms={delay} HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    time.sleep(delay / 1000 + 0.3)
    s.recv(65536)
# A malformed request is rejected with 400.
bad = socket.create_connection(("127.0.0.1", port))
bad.sendall(b"GET / HTTP/1.1\r\nHost : x\r\n\r\n")
bad.recv(4096)
# Keep-alive connections left open, one busy with a long /slow and two requests queued behind it
# (the live queue: they show as waiting while /slow runs).
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
for c in idle:
    c.sendall(b"GET /info HTTP/1.1\r\nHost: x\r\n\r\n")
busy = socket.create_connection(("127.0.0.1", port))
busy.sendall(b"GET /slow?ms=20000 HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
time.sleep(30)
PY
pids+=($!)
curl -sN "$base/chunked" >/dev/null &
pids+=($!)
sleep 4.5
shoot() { DISPLAY=$display import -window sockeye-dashboard "screenshots/$1.png"; echo "wrote screenshots/$1.png"; }
shoot dashboard

# The inspector opens on the newest request: make it a browser-like one, with a few fields.
curl -s -A "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0" -H "Accept: text/html,application/xhtml+xml" \
  -H "Accept-Language: en-GB,en;q=0.9" "$base/info?from=class" >/dev/null
sleep 0.5
tmux_ send-keys -t dashboard i
sleep 0.6
shoot inspector
tmux_ send-keys -t dashboard Escape
sleep 0.4
tmux_ send-keys -t dashboard /
tmux_ send-keys -t dashboard -l '~u /slow | ~c 4xx'
tmux_ send-keys -t dashboard Enter
sleep 0.6
shoot filter

# `sockeye top` on two headless servers (screenshots/top.png): each with an admin endpoint, one
# busy with keep-alive traffic and a request queued behind a long /slow, the other with errors.
tmux_ kill-session -t dashboard 2>/dev/null || true
sleep 0.5
admin_ports=(18091 18093)
for index in 0 1; do
  "$binary" --ui none --port $((18090 + 2 * index)) --admin 127.0.0.1:${admin_ports[$index]} >/dev/null &
  pids+=($!)
done
sleep 1
DISPLAY=$display xterm -T sockeye-top -geometry 130x40+0+0 -fa 'DejaVu Sans Mono' -fs 11 -bg '#1e1e1e' -fg '#d0d0d0' \
  -e tmux -L sockeye-screenshots -f "$work/tmux.conf" new-session -s top \
  "$binary top http://127.0.0.1:${admin_ports[0]} http://127.0.0.1:${admin_ports[1]}" &
pids+=($!)
for _ in $(seq 1 40); do curl -s http://127.0.0.1:18090/ http://127.0.0.1:18090/info >/dev/null; done
for _ in $(seq 1 6); do curl -s http://127.0.0.1:18092/missing http://127.0.0.1:18092/info >/dev/null; done
python3 - <<'PY' &
import socket, time
for port in (18090, 18092):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /slow?ms=800 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
    time.sleep(1.0)
    s.recv(65536)
busy = socket.create_connection(("127.0.0.1", 18090))
busy.sendall(b"GET /slow?ms=20000 HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\n\r\n")
idle = socket.create_connection(("127.0.0.1", 18092))
idle.sendall(b"GET /info HTTP/1.1\r\nHost: x\r\n\r\n")
time.sleep(30)
PY
pids+=($!)
sleep 4.5
DISPLAY=$display import -window sockeye-top screenshots/top.png
echo "wrote screenshots/top.png"
