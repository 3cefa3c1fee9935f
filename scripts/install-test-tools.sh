#!/usr/bin/env bash
# Installs the Debian packages the build and the test suite use when they are missing. Safe to run repeatedly.
# Tests that need one of these skip with a stated reason when it is absent; CI runs this first,
# so in CI every test runs.
set -euo pipefail
declare -A package_for=([curl]=curl [python3]=python3 [goaccess]=goaccess [tmux]=tmux [openssl]=openssl [strace]=strace [nghttp]=nghttp2-client [h2load]=nghttp2-client [promtool]=prometheus [prometheus]=prometheus [chromium]=chromium)
needed=()
for tool in "${!package_for[@]}"; do
  command -v "$tool" >/dev/null || needed+=("${package_for[$tool]}")
done
# The build itself links ncursesw, OpenSSL 3, zlib and libbrotli (on the image today; installed if not).
[ -f /usr/include/openssl/ssl.h ] || needed+=(libssl-dev)
[ -f /usr/include/zlib.h ] || needed+=(zlib1g-dev)
[ -f /usr/include/brotli/encode.h ] || needed+=(libbrotli-dev)
[ -f /usr/include/ncursesw/curses.h ] || [ -f /usr/include/curses.h ] || needed+=(libncurses-dev)
if [ ${#needed[@]} -gt 0 ]; then
  mapfile -t needed < <(printf "%s\n" "${needed[@]}" | sort -u)
  echo "installing: ${needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
fi
