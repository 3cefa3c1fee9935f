#!/usr/bin/env bash
# Sockeye against nginx on one core, side by side in one run. Servers are pinned to core 0,
# wrk (-t1) to core 1. For each cell it prints req/s, p50, p99, the server's CPU per request
# (user and system, from /proc/PID/stat over the cell) and the ratio to nginx.
# HTTPS cells use one certificate for both servers (made here with the openssl CLI).
#   scripts/bench.sh              10 s cells
#   scripts/bench.sh --quick      2 s cells
#   scripts/bench.sh --tls-only   only the HTTPS cells (combine with --quick)
#   scripts/bench.sh --files-only only the static-file cells: a 10 KB and a 100 MB file, nginx with sendfile on
#   scripts/bench.sh --h2-only    only the HTTP/2 cells: h2load -c 64 -m 10 on GET /, h2c prior knowledge
# Installs wrk, h2load (nghttp2-client) and nginx-light if missing; stops everything it started, by PID.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10
tls_only=false
files_only=false
h2_only=false
for arg in "$@"; do
  case "$arg" in
    --quick) duration=2 ;;
    --tls-only) tls_only=true ;;
    --files-only) files_only=true ;;
    --h2-only) h2_only=true ;;
    *) echo "usage: scripts/bench.sh [--quick] [--tls-only | --files-only | --h2-only]" >&2; exit 64 ;;
  esac
done

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
command -v h2load >/dev/null || missing+=(nghttp2-client)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
swift build -c release --product sockeye >/dev/null 2>&1
binary=.build/release/sockeye
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
ticks=$(getconf CLK_TCK)

# --- servers -------------------------------------------------------------------------------
start_sockeye() { # name model extra-args... → prints port
  local name=$1 model=$2; shift 2
  taskset -c 0 "$binary" --port 0 --ui none --model "$model" --workers 1 --max-connections 20000 "$@" >"$work/$name.log" 2>&1 &
  echo $! >"$work/$name.pid"
  pids+=($!)
  for _ in $(seq 1 200); do
    grep -q '^listening on' "$work/$name.log" 2>/dev/null && break
    sleep 0.05
  done
  sed -n 's/^listening on https\{0,1\}:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$work/$name.log" >"$work/$name.port"
}

start_nginx() {
  mkdir -p "$work/nginx/logs"
  body=$(curl -s "http://127.0.0.1:$(cat "$work/eventloop.port")/")
  printf '%s' "$body" >"$work/nginx/index.html"
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 20000; }
worker_rlimit_nofile 19000;
http {
  access_log off;
  keepalive_requests 100000000;
  default_type text/html;
  server {
    listen 127.0.0.1:18600 reuseport backlog=4096;
    location = / { root $work/nginx; try_files /index.html =404; }
  }
  # The static-file cells: the same site folder Sockeye serves, with sendfile as a tuned nginx has it.
  server {
    listen 127.0.0.1:18606 reuseport backlog=4096;
    sendfile on;
    root $work/site;
  }
  # HTTP/2 without TLS (h2c, prior knowledge), as h2load speaks it to Sockeye's port.
  server {
    listen 127.0.0.1:18607 http2 reuseport backlog=4096;
    http2_max_concurrent_streams 128;
    location = / { root $work/nginx; try_files /index.html =404; }
  }
  server {
    listen 127.0.0.1:18602 ssl reuseport backlog=4096;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    location = / { root $work/nginx; try_files /index.html =404; }
  }
}
CONF
  taskset -c 0 nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  pids+=($!)
  sleep 0.5
  # The worker process is what serves requests.
  pgrep -P "$!" | head -1 >"$work/nginx.pid"
  echo 18600 >"$work/nginx.port"
  cp "$work/nginx.pid" "$work/nginx-tls.pid"
  echo 18602 >"$work/nginx-tls.port"
  echo https >"$work/nginx-tls.scheme"
  cp "$work/nginx.pid" "$work/nginx-files.pid"
  echo 18606 >"$work/nginx-files.port"
  cp "$work/nginx.pid" "$work/nginx-h2.pid"
  echo 18607 >"$work/nginx-h2.port"
}

cpu_ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }

# --- one cell ------------------------------------------------------------------------------
# cell NAME LABEL wrk-args...  → appends "name label rps p50 p99 user_us sys_us" to results
cell() {
  local name=$1 label=$2; shift 2
  local pid port scheme; pid=$(cat "$work/$name.pid"); port=$(cat "$work/$name.port")
  scheme=$(cat "$work/$name.scheme" 2>/dev/null || echo http)
  read -r u0 s0 < <(cpu_ticks "$pid")
  local out; out=$(taskset -c 1 wrk -t1 --latency -d"${duration}s" "$@" "$scheme://127.0.0.1:$port${cell_path:-/}" 2>&1)
  read -r u1 s1 < <(cpu_ticks "$pid")
  local requests rps p50 p99
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$requests" >>"$work/$name.requests"
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local user_us sys_us
  user_us=$(awk -v d=$((u1 - u0)) -v n="$requests" -v t="$ticks" 'BEGIN {printf "%.2f", d / t * 1e6 / n}')
  sys_us=$(awk -v d=$((s1 - s0)) -v n="$requests" -v t="$ticks" 'BEGIN {printf "%.2f", d / t * 1e6 / n}')
  echo "$name|$label|$rps|$p50|$p99|$user_us|$sys_us" >>"$work/results"
  printf '%-13s %-27s %11s %9s %9s %8s %8s\n' "$name" "$label" "$rps" "$p50" "$p99" "$user_us" "$sys_us"
}

# h2cell NAME LABEL h2load-args... → like `cell`, with h2load (no percentiles: p50 and p99 are "-")
h2cell() {
  local name=$1 label=$2; shift 2
  local pid port; pid=$(cat "$work/$name.pid"); port=$(cat "$work/$name.port")
  read -r u0 s0 < <(cpu_ticks "$pid")
  local out; out=$(taskset -c 1 h2load -t1 -D "$duration" "$@" "http://127.0.0.1:$port/" 2>&1)
  read -r u1 s1 < <(cpu_ticks "$pid")
  local requests rps failed
  requests=$(awk '$1 == "requests:" {print $8}' <<<"$out")
  failed=$(awk '$1 == "requests:" {print $10}' <<<"$out")
  rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out")
  [ -n "$requests" ] && [ "$requests" -gt 0 ] && [ "${failed:-1}" = 0 ] || { echo "$name: h2load failed: $out" >&2; exit 1; }
  local user_us sys_us
  user_us=$(awk -v d=$((u1 - u0)) -v n="$requests" -v t="$ticks" 'BEGIN {printf "%.2f", d / t * 1e6 / n}')
  sys_us=$(awk -v d=$((s1 - s0)) -v n="$requests" -v t="$ticks" 'BEGIN {printf "%.2f", d / t * 1e6 / n}')
  echo "$name|$label|$rps|-|-|$user_us|$sys_us" >>"$work/results"
  printf '%-13s %-27s %11s %9s %9s %8s %8s\n' "$name" "$label" "$rps" - - "$user_us" "$sys_us"
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
# nginx's worker runs as nobody: it must be able to enter the folder (mktemp -d makes it 0700).
chmod 755 "$work"
mkdir -p "$work/site"
head -c 10240 /dev/urandom >"$work/site/10k.bin"
head -c 104857600 /dev/zero >"$work/site/100m.bin"
start_sockeye eventloop eventloop
start_sockeye files eventloop "$work/site"
start_sockeye threads threads
start_sockeye eventloop-tls eventloop --tls-cert "$work/cert.pem" --tls-key "$work/key.pem"
echo https >"$work/eventloop-tls.scheme"
start_nginx

printf '%-13s %-27s %11s %9s %9s %8s %8s\n' server cell req/s p50 p99 "user µs" "sys µs"
# HTTP/2: 64 connections with 10 streams each in flight, GET /, h2c with prior knowledge on both.
if ! $tls_only && ! $files_only; then
  for round in 1 2; do
    for server in nginx-h2 eventloop; do
      h2cell "$server" "h2 c=64 m=10 #$round" -c64 -m10
    done
  done
fi
if $h2_only; then
  awk -F'|' '$2 ~ /^h2 / { rps[$1] += $3; cpu[$1] += $6 + $7; n[$1]++ } END {
    r = rps["eventloop"] / rps["nginx-h2"]
    printf "%-62s %7.2fx  %s\n", "h2load -c 64 -m 10 GET / req/s >= 1.0x nginx (http2, 1 worker)", r, (r >= 1.0 ? "PASS" : "MISS")
    ce = cpu["eventloop"] / n["eventloop"]; cn = cpu["nginx-h2"] / n["nginx-h2"]
    printf "%-62s %7.2fx  %s\n", "h2 CPU/request <= nginx (" sprintf("%.2f vs %.2f us", ce, cn) ")", ce / cn, (ce <= cn ? "PASS" : "MISS")
  }' "$work/results"
  exit 0
fi
# Static files: a 10 KB file (the per-request path: cache, head and body in one write) and a 100 MB
# file (sendfile's throughput). The same bytes from the same folder for both servers.
if ! $tls_only; then
  for server in nginx-files files; do
    for file in 10k.bin 100m.bin; do
      status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(cat "$work/$server.port")/$file")
      [ "$status" = 200 ] || { echo "$server answers $status for /$file: not benchmarking errors" >&2; exit 1; }
    done
  done
  for label in "10 KB file c=64" "100 MB file c=4"; do
    [ "$label" = "10 KB file c=64" ] && { args=(-c64); cell_path=/10k.bin; } || { args=(-c4); cell_path=/100m.bin; }
    for server in nginx-files files; do
      cell "$server" "$label" "${args[@]}"
    done
  done
  cell_path=/
fi
# HTTPS: the same certificate, P-256, TLS 1.3 as wrk negotiates it; "new conn" is a full
# handshake per request (wrk does not resume sessions).
$files_only && tls_labels=() || tls_labels=("TLS keep-alive c=64" "TLS new conn c=64")
for label in "${tls_labels[@]}"; do
  [ "$label" = "TLS keep-alive c=64" ] && args=(-c64) || args=(-c64 -H "Connection: close")
  for server in nginx-tls eventloop-tls; do
    cell "$server" "$label" "${args[@]}"
  done
done
if $files_only; then
  awk -F'|' '{ rps[$1 "|" $2] = $3 } END {
    r = rps["files|10 KB file c=64"] / rps["nginx-files|10 KB file c=64"]
    printf "%-62s %7.2fx  %s\n", "10 KB file c=64 req/s >= 1.0x nginx (sendfile on)", r, (r >= 1.0 ? "PASS" : "MISS")
    r = rps["files|100 MB file c=4"] / rps["nginx-files|100 MB file c=4"]
    printf "%-62s %7.2fx  %s\n", "100 MB file c=4 throughput >= 0.9x nginx (" int(rps["files|100 MB file c=4"] * 100) " MB/s)", r, (r >= 0.9 ? "PASS" : "MISS")
  }' "$work/results"
  exit 0
fi
if $tls_only; then cells=(); else
cells=("keep-alive c=1" "keep-alive c=64" "keep-alive c=256" "pipelined x16 c=256" "Connection: close c=64"); fi
cell_args() {
  case "$1" in
    "keep-alive c=1") args=(-c1) ;;
    "keep-alive c=64") args=(-c64) ;;
    "keep-alive c=256") args=(-c256) ;;
    "pipelined x16 c=256") args=(-c256 -s scripts/pipeline16.lua) ;;
    "Connection: close c=64") args=(-c64 -H "Connection: close") ;;
  esac
}
for label in "${cells[@]}"; do
  cell_args "$label"
  for server in nginx eventloop threads; do
    cell "$server" "$label" "${args[@]}"
  done
done

# --- views' cost: the same cells with no view, the log, and the dashboard ------------------------
if ! $tls_only; then
# The logs go to files, as a headless server's would; afterwards their lines are counted against
# the requests wrk completed (the log is lossless: every completed request has its line).
start_log() { # name model port
  taskset -c 0 "$binary" --port "$3" --ui log --log-format clf --model "$2" --workers 1 --max-connections 20000 >"$work/$1.clf" 2>&1 &
  echo $! >"$work/$1.pid"; pids+=($!)
  echo "$3" >"$work/$1.port"
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$3/" && break; sleep 0.05; done
}
start_log log eventloop 18604
start_log log-threads threads 18605
# The admin endpoint open with one /events reader attached (reading on core 1, like wrk).
start_sockeye admin eventloop --admin 127.0.0.1:0
admin_url=$(sed -n 's/^admin on //p' "$work/admin.log")
taskset -c 1 curl -sN "$admin_url/events" >"$work/events.jsonl" &
pids+=($!)
tui=false
if command -v tmux >/dev/null; then
  tmux new-session -d -s sockeye-bench -x 120 -y 40 \
    "TERM=xterm-256color taskset -c 0 $PWD/$binary --ui tui --port 18601 --workers 1" >/dev/null 2>&1
  sleep 1
  pgrep -f "^$PWD/$binary --ui tui --port 18601" | head -1 >"$work/tui.pid"
  echo 18601 >"$work/tui.port"
  tui=true
fi
# All up, cells alternating for three rounds: the host's speed drifts over a minute, and
# alternating lands that drift on each side alike (the ratios use the rounds' means).
for round in 1 2 3; do
  cell eventloop "keep-alive c=64 (none) #$round" -c64
  cell log "keep-alive c=64 (log) #$round" -c64
  cell admin "keep-alive c=64 (admin+events) #$round" -c64
  if $tui; then cell tui "keep-alive c=64 (tui) #$round" -c64; fi
  cell threads "keep-alive c=64 (none) #$round" -c64
  cell log-threads "keep-alive c=64 (log) #$round" -c64
  for model in eventloop threads; do
    log=log; [ "$model" = threads ] && log=log-threads
    cell "$model" "pipelined x16 c=256 (none) #$round" -c256 -s scripts/pipeline16.lua
    cell "$log" "pipelined x16 c=256 (log) #$round" -c256 -s scripts/pipeline16.lua
  done
done
if $tui; then tmux kill-session -t sockeye-bench; fi
for log in log log-threads; do
  pid=$(cat "$work/$log.pid")
  kill -TERM "$pid"
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  # The first request of start_log's readiness probe is logged too.
  lines=$(grep -c '" 200 ' "$work/$log.clf" || true)
  completed=$(awk '{n += $1} END {print n}' "$work/$log.requests")
  echo "$log: $lines CLF lines for $completed requests wrk completed (+ the readiness probe; requests in flight when a wrk cell stops are served but not counted by wrk: up to 4,096 a pipelined cell)"
  echo "lines|$log|$lines|$completed" >>"$work/results"
done

if [ -n "${admin_url:-}" ]; then
  echo "/events reader: $(wc -l <"$work/events.jsonl") lines, lagged: $(grep -c '"type":"lagged"' "$work/events.jsonl" || true)," \
    "events the views dropped: $(curl -s "$admin_url/metrics" | sed -n 's/^sockeye_events_dropped_total //p')"
fi

# --- a pipelining flood held behind /slow: memory stays bounded -----------------------------------
for model in eventloop threads; do
  pid=$(cat "$work/$model.pid"); port=$(cat "$work/$model.port")
  flood=$(python3 scripts/pipeline_flood.py --port "$port" --connections 200 --requests 2500 --slow-ms 3000 \
    --pid "$pid" --timeout 120 2>&1 || true)
  echo "flood $model: $(tr '\n' ' ' <<<"$flood")"
  growth=$(sed -n 's/.*growth \([0-9]*\) KiB.*/\1/p' <<<"$flood")
  ok=false; grep -q 'out of order 0, unexpected closes 0' <<<"$flood" && grep -q 'responses 500200/500200' <<<"$flood" && ok=true
  echo "flood|$model|${growth:-0}|$ok" >>"$work/results"
done

# --- parser, instructions per request, idle connections ------------------------------------------
echo
# Pinned like the servers: an unpinned run shares its core with whatever else is running.
swift build -c release --product ParserBench >/dev/null 2>&1
parser=$(taskset -c 0 .build/release/ParserBench 3 | tail -1)
echo "parser: $parser"
mbps=$(awk '{print $3}' <<<"$parser")
echo "parser|$mbps" >>"$work/results"
instructions=$(bash scripts/callgrind.sh 5000 | sed -n 1p)
echo "$instructions"
echo "instructions|$(awk -F': ' '{print $2}' <<<"$instructions" | awk '{print $1}')" >>"$work/results"
idle=$(bash scripts/idle-connections.sh 10000)
echo "$idle"
grep -q 'PASS' <<<"$idle" && echo "idle|PASS" >>"$work/results" || echo "idle|MISS" >>"$work/results"
fi

# --- targets ---------------------------------------------------------------------------------
echo
awk -F'|' '
  $1 == "parser" { parser_mbps = $2; next }
  $1 == "instructions" { instructions = $2; next }
  $1 == "idle" { idle = $2; next }
  $1 == "lines" { lines[$2] = $3; completed[$2] = $4; next }
  $1 == "flood" { flood[$2] = $3; floodOk[$2] = $4; next }
  $2 ~ /^pipelined.* #[0-9]+$/ { pipelined[$1] += $3; pipelinedRounds[$1]++; next }
  $2 ~ /^h2 / { h2rps[$1] += $3; h2cpu[$1] += $6 + $7; h2n[$1]++; next }
  $2 ~ / #[0-9]+$/ { view = $1; views[view] += $3; rounds[view]++; next }
  { rps[$1 "|" $2] = $3; p99[$1 "|" $2] = $5; user[$1 "|" $2] = $6; sys[$1 "|" $2] = $7 }
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  function verdict(ok) { return ok ? "PASS" : "MISS" }
  END {
    k = "keep-alive c=64"; p = "pipelined x16 c=256"; c = "Connection: close c=64"; h = "keep-alive c=256"
    printf "%-62s %8s  %s\n", "target", "measured", "verdict"
    r = rps["eventloop-tls|TLS keep-alive c=64"] / rps["nginx-tls|TLS keep-alive c=64"]
    printf "%-62s %7.2fx  %s\n", "TLS keep-alive c=64 >= 0.8x nginx", r, verdict(r >= 0.8)
    r = rps["eventloop-tls|TLS new conn c=64"] / rps["nginx-tls|TLS new conn c=64"]
    printf "%-62s %7.2fx  %s\n", "TLS new connection per request c=64 >= 0.8x nginx", r, verdict(r >= 0.8)
    if (("files|10 KB file c=64") in rps) {
      r = rps["files|10 KB file c=64"] / rps["nginx-files|10 KB file c=64"]
      printf "%-62s %7.2fx  %s\n", "10 KB file c=64 req/s >= 1.0x nginx (sendfile on)", r, verdict(r >= 1.0)
      r = rps["files|100 MB file c=4"] / rps["nginx-files|100 MB file c=4"]
      printf "%-62s %7.2fx  %s\n", "100 MB file c=4 throughput >= 0.9x nginx", r, verdict(r >= 0.9)
    }
    if ("nginx-h2" in h2rps) {
      r = h2rps["eventloop"] / h2rps["nginx-h2"]
      printf "%-62s %7.2fx  %s\n", "h2load -c 64 -m 10 GET / req/s >= 1.0x nginx (http2, 1 worker)", r, verdict(r >= 1.0)
      ce = h2cpu["eventloop"] / h2n["eventloop"]; cn = h2cpu["nginx-h2"] / h2n["nginx-h2"]
      printf "%-62s %7.2fx  %s\n", "h2 CPU/request <= nginx (" sprintf("%.2f vs %.2f us", ce, cn) ")", ce / cn, verdict(ce <= cn)
    }
    if (!((("nginx|" k) in rps))) exit
    r = rps["eventloop|" k] / rps["nginx|" k]
    printf "%-62s %7.2fx  %s\n", "eventloop keep-alive c=64 req/s >= 1.0x nginx", r, verdict(r >= 1.0)
    ce = user["eventloop|" k] + sys["eventloop|" k]; cn = user["nginx|" k] + sys["nginx|" k]
    printf "%-62s %7.2fx  %s\n", "eventloop CPU/request <= 0.9x nginx (" ce " vs " cn " us)", ce / cn, verdict(ce / cn <= 0.9)
    printf "%-62s %7.2fx  %s\n", "eventloop user CPU/request <= nginx (" user["eventloop|" k] " vs " user["nginx|" k] " us)", \
      user["eventloop|" k] / user["nginx|" k], verdict(user["eventloop|" k] <= user["nginx|" k])
    printf "%-62s %7.2fx  %s\n", "eventloop c=256 p99 <= nginx (" p99["eventloop|" h] " vs " p99["nginx|" h] ")", \
      ms(p99["eventloop|" h]) / ms(p99["nginx|" h]), verdict(ms(p99["eventloop|" h]) <= ms(p99["nginx|" h]))
    r = rps["eventloop|" p] / rps["nginx|" p]
    printf "%-62s %7.2fx  %s\n", "eventloop pipelined x16 c=256 >= 5x nginx", r, verdict(r >= 5)
    r = rps["eventloop|" c] / rps["nginx|" c]
    printf "%-62s %7.2fx  %s\n", "eventloop Connection: close c=64 >= 0.9x nginx", r, verdict(r >= 0.9)
    r = rps["threads|" k] / rps["nginx|" k]
    printf "%-62s %7.2fx  %s\n", "threads keep-alive c=64 >= 0.5x nginx", r, verdict(r >= 0.5)
    if (("eventloop" in rounds) && ("log" in rounds)) {
      r = (views["log"] / rounds["log"]) / (views["eventloop"] / rounds["eventloop"])
      printf "%-62s %7.2fx  %s\n", "--ui log costs < 5% of --ui none, keep-alive c=64 (3 rounds)", r, verdict(r >= 0.95)
    }
    if (("threads" in rounds) && ("log-threads" in rounds)) {
      r = (views["log-threads"] / rounds["log-threads"]) / (views["threads"] / rounds["threads"])
      printf "%-62s %7.2fx  %s\n", "threads --ui log costs < 5% of --ui none, keep-alive c=64", r, verdict(r >= 0.95)
    }
    split("eventloop:log threads:log-threads", pairs, " ")
    for (i in pairs) {
      split(pairs[i], pair, ":")
      if ((pair[1] in pipelinedRounds) && (pair[2] in pipelinedRounds)) {
        r = (pipelined[pair[2]] / pipelinedRounds[pair[2]]) / (pipelined[pair[1]] / pipelinedRounds[pair[1]])
        printf "%-62s %7.2fx  %s\n", pair[1] " --ui log >= 0.85x --ui none, pipelined x16 c=256", r, verdict(r >= 0.85)
      }
      if (pair[2] in lines) {
        ok = lines[pair[2]] >= completed[pair[2]] && lines[pair[2]] <= completed[pair[2]] + 3 * (4096 + 64) + 1
        printf "%-62s %8s  %s\n", pair[1] " log lines = requests completed (" lines[pair[2]] " / " completed[pair[2]] ")", "", verdict(ok)
      }
    }
    if (("eventloop" in rounds) && ("admin" in rounds)) {
      r = (views["admin"] / rounds["admin"]) / (views["eventloop"] / rounds["eventloop"])
      printf "%-62s %7.2fx  %s\n", "--admin with one /events reader >= 0.95x --ui none, keep-alive c=64", r, verdict(r >= 0.95)
    }
    if (("eventloop" in rounds) && ("tui" in rounds)) {
      r = (views["tui"] / rounds["tui"]) / (views["eventloop"] / rounds["eventloop"])
      printf "%-62s %7.2fx  %s\n", "--ui tui costs < 5% of --ui none (means of 3 alternating rounds)", r, verdict(r >= 0.95)
    }
    for (model in flood) {
      printf "%-62s %5d KiB  %s\n", model " flood 200 x 2,500 behind /slow: in order, RSS growth < 32 MiB", flood[model], \
        verdict(floodOk[model] == "true" && flood[model] < 32768)
    }
    printf "%-62s %8s  %s\n", "user-space instructions per keep-alive GET / <= 1500", instructions, verdict(instructions <= 1500)
    printf "%-62s %8s  %s\n", "10,000 idle connections kept, RSS growth < 20 MiB", "", idle
    printf "%-62s %5s MB/s  %s\n", "parser >= 1 GB/s", parser_mbps, verdict(parser_mbps >= 1000)
  }' "$work/results"
