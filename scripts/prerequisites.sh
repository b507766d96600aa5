#!/usr/bin/env bash
# Installs the Debian packages the test suite needs. Idempotent: installs only what is missing.
#   chromium + chromium-driver  browser tests (Selenium, headless)
#   debootstrap                 builds a cached Debian 13 root holding PostgreSQL 17 + pgvector when the host's
#                               own apt sources offer no pgvector package (see scripts/pgvector-test-server.sh)
#   postgresql-NN-pgvector      used natively instead, when the host's apt sources have it
set -euo pipefail

log() { echo "[prerequisites] $*" >&2; }

wanted=(chromium chromium-driver debootstrap)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "all present: ${wanted[*]}"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    log "missing ${missing[*]} and not root: install them with apt-get, then re-run"; exit 1
  fi
else
  SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
log "installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
log "installed ${missing[*]}"
