#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and ThreadSanitizer (debug builds in
# .build-asan and .build-tsan; each build takes several minutes on two cores).
#   scripts/sanitizers.sh [address|thread]...     (default: both)
# ThreadSanitizer does not see the hand-over inside Synchronization.Mutex's contended (futex)
# path, so it reports "Swift access race" on data the Mutex protects; scripts/tsan.supp hides
# those reports for EventRing, the one type that holds a Mutex under contention in the tests.
# A minimal program with two threads appending under one Mutex reproduces the report while its
# result stays exact (see the note in scripts/tsan.supp).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)
status=0
for sanitizer in "${sanitizers[@]}"; do
  case "$sanitizer" in
    address) path=.build-asan; export ASAN_OPTIONS=detect_leaks=0 ;;
    thread) path=.build-tsan; export TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/scripts/tsan.supp" ;;
    *) echo "usage: scripts/sanitizers.sh [address|thread]..." >&2; exit 64 ;;
  esac
  echo "== $sanitizer sanitizer"
  swift build --build-tests --sanitize "$sanitizer" --scratch-path "$path" 2>&1 | tail -n 1
  log=$(mktemp)
  swift test --skip-build --sanitize "$sanitizer" --scratch-path "$path" >"$log" 2>&1 || status=1
  grep -E "Test run with|✘|Sanitizer" "$log" | head -n 40
  rm -f "$log"
done
exit $status
