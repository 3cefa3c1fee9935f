#!/usr/bin/env bash
# Fuzzes HTTPCore's request parser with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh [seconds] [libFuzzer flags...]   (default 60 s; CI runs the default as a smoke test)
#   scripts/fuzz.sh 0 -runs=10000000                 (the long run: stop after 10M executions)
# Crashes are written to .build-fuzz/crash-*; each one found becomes a regression vector in
# Tests/HTTPCoreTests. The corpus grows in .build-fuzz/corpus (seeded from Fuzz/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
mkdir -p .build-fuzz/corpus
cp -n Fuzz/corpus/* .build-fuzz/corpus/ 2>/dev/null || true
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ParserFuzz \
  Sources/HTTPCore/*.swift Fuzz/ParserFuzz.swift -o .build-fuzz/parser-fuzz 2> >(grep -v "Cannot export local symbol" >&2)
cd .build-fuzz
./parser-fuzz -max_total_time="$seconds" -max_len=600 -print_final_stats=1 "$@" corpus 2>&1 | tail -n 25
