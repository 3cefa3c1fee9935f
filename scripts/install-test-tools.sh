#!/usr/bin/env bash
# Installs the Debian packages the test suite uses, when missing. Safe to run repeatedly.
set -euo pipefail
needed=()
command -v curl >/dev/null || needed+=(curl)
command -v python3 >/dev/null || needed+=(python3)
if [ ${#needed[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}"
fi
