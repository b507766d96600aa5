#!/usr/bin/env bash
# Provides a PostgreSQL 17 + pgvector server for the integration tests (*IT), as DESIGN.md §5 describes:
#   1. GROUNDWORK_PG_URL set            -> use that server as it is (a developer's own), nothing is started
#   2. pgvector packaged for the host   -> install it natively and run a throw-away cluster
#   3. otherwise                        -> a Debian 13 root built once with debootstrap, cached outside the checkout
#                                          (GROUNDWORK_CACHE, default ~/.cache/groundwork), and a cluster run in it
# Usage: pgvector-test-server.sh start|stop <state-dir>
# start writes <state-dir>/jdbc.url; on failure it writes <state-dir>/unavailable with the reason and, under CI=true,
# exits non-zero so the build fails loudly instead of skipping the pgvector tests.
set -euo pipefail

action=${1:?usage: $0 start|stop <state-dir>}
state=${2:?usage: $0 start|stop <state-dir>}
port=${GROUNDWORK_PG_PORT:-54329}
cache=${GROUNDWORK_CACHE:-$HOME/.cache/groundwork}
root="$cache/pgvector-trixie"
pg_major=17

log() { echo "[pgvector] $*" >&2; }

fail() {
  mkdir -p "$state"
  echo "$*" >"$state/unavailable"
  log "UNAVAILABLE: $*"
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  log "pgvector integration tests will be skipped (they never are with CI=true)"
  exit 0
}

# The Debian mirror this machine already uses, so the chroot comes from the same place as the host's packages.
debian_mirror() {
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) {print $i; exit}}' | grep -v security | head -n1 || true)
  fi
  [ -n "$uri" ] || return 1
  echo "$uri"
}

native_pgvector_bin() {
  local v
  for v in 17 16 15; do
    if [ -f "/usr/share/postgresql/$v/extension/vector.control" ] && [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then
      echo "/usr/lib/postgresql/$v/bin"; return 0
    fi
  done
  [ "$(id -u)" -eq 0 ] || return 1
  command -v apt-cache >/dev/null || return 1
  for v in 17 16 15; do
    if apt-cache policy "postgresql-$v-pgvector" 2>/dev/null | grep -qE 'Candidate: [0-9]'; then
      log "installing postgresql-$v-pgvector from the host's package sources"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$v-pgvector" >/dev/null || return 1
      echo "/usr/lib/postgresql/$v/bin"; return 0
    fi
  done
  return 1
}

build_root() {
  [ -f "$root/.complete" ] && return 0
  command -v debootstrap >/dev/null || { echo "debootstrap is not installed (run scripts/prerequisites.sh)"; return 1; }
  [ "$(id -u)" -eq 0 ] || { echo "building the pgvector root needs root (debootstrap, chroot)"; return 1; }
  local mirror
  mirror=$(debian_mirror) || { echo "no Debian mirror found in the apt sources"; return 1; }
  log "building a Debian 13 root with PostgreSQL $pg_major + pgvector (once, ~1-2 min, cached in $root)"
  rm -rf "$root"
  mkdir -p "$cache"
  if ! debootstrap --variant=minbase --include="postgresql-$pg_major-pgvector" trixie "$root" "$mirror" \
      >"$cache/debootstrap.log" 2>&1; then
    echo "debootstrap failed; see $cache/debootstrap.log"; return 1
  fi
  touch "$root/.complete"
}

chroot_pg() { chroot "$root" su postgres -s /bin/sh -c "$1"; }

# One cluster per checkout, so two builds on one machine (two clones) never stop each other's server.
cluster="/tmp/pgdata-$(printf '%s' "$(cd "$(dirname "$state")" 2>/dev/null && pwd)/$(basename "$state")" | cksum | cut -d' ' -f1)"

port_in_use() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local candidate=$port
  while port_in_use "$candidate"; do candidate=$((candidate + 1)); done
  echo "$candidate"
}

start() {
  rm -rf "$state"; mkdir -p "$state"
  if [ -n "${GROUNDWORK_PG_URL:-}" ]; then
    echo "$GROUNDWORK_PG_URL" >"$state/jdbc.url"; echo external >"$state/mode"
    log "using GROUNDWORK_PG_URL"; return 0
  fi

  local bin
  port=$(free_port)
  if bin=$(native_pgvector_bin); then
    local data="$state/data"
    mkdir -p "$data"
    local run_as=()
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$state" 2>/dev/null || true; run_as=(su postgres -s /bin/sh -c); fi
    local init="$bin/initdb -D $data -A trust -U postgres >$state/initdb.log 2>&1"
    local ctl="$bin/pg_ctl -D $data -l $state/server.log -w -t 60 -o '-p $port -k $state -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start"
    if [ ${#run_as[@]} -gt 0 ]; then "${run_as[@]}" "$init" && "${run_as[@]}" "$ctl" >/dev/null; else sh -c "$init" && sh -c "$ctl" >/dev/null; fi \
      || fail "native PostgreSQL failed to start; see $state/server.log"
    echo native >"$state/mode"; echo "$bin" >"$state/bin"
  else
    # Serialize concurrent builds (two checkouts) around the shared cached root.
    mkdir -p "$(dirname "$cache")"
    exec 9>"$cache.lock"
    flock 9
    local why
    why=$(build_root) || fail "$why"
    # Stop a server left running by an aborted build on the same port.
    # Stop this checkout's server if an aborted build left it running.
    chroot_pg "/usr/lib/postgresql/$pg_major/bin/pg_ctl -D $cluster -m immediate stop" >/dev/null 2>&1 || true
    port=$(free_port)
    chroot_pg "rm -rf $cluster && /usr/lib/postgresql/$pg_major/bin/initdb -D $cluster -A trust -U postgres" \
      >"$state/initdb.log" 2>&1 || fail "initdb failed; see $state/initdb.log"
    chroot_pg "/usr/lib/postgresql/$pg_major/bin/pg_ctl -D $cluster -l $cluster.log -w -t 60 -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" \
      >/dev/null 2>&1 || { cp "$root$cluster.log" "$state/server.log" 2>/dev/null || true; fail "PostgreSQL in the Debian 13 root failed to start; see $state/server.log"; }
    flock -u 9
    echo chroot >"$state/mode"
  fi
  echo "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres" >"$state/jdbc.url"
  log "PostgreSQL + pgvector listening on 127.0.0.1:$port ($(cat "$state/mode"))"
}

stop() {
  [ -f "$state/mode" ] || return 0
  case "$(cat "$state/mode")" in
    native)
      local bin; bin=$(cat "$state/bin")
      if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$bin/pg_ctl -D $state/data -m fast stop" >/dev/null 2>&1 || true
      else "$bin/pg_ctl" -D "$state/data" -m fast stop >/dev/null 2>&1 || true; fi ;;
    chroot)
      chroot_pg "/usr/lib/postgresql/$pg_major/bin/pg_ctl -D $cluster -m fast stop" >/dev/null 2>&1 || true
      cp "$root$cluster.log" "$state/server.log" 2>/dev/null || true
      chroot_pg "rm -rf $cluster" >/dev/null 2>&1 || true ;;
  esac
  rm -f "$state/mode"
  log "stopped"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop <state-dir>" >&2; exit 2 ;;
esac
