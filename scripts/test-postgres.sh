#!/usr/bin/env bash
# `npm run test:postgres`: the integration suite, and the tests of tests/postgres/, on PostgreSQL.
#
# - With DATABASE_HOST set, the DATABASE_* variables are used as they are (DATABASE_NAME must be a
#   database the tests may wipe: every test file empties its schema before booting). The fault
#   test, which stops and restarts the server, is then left out: it needs a cluster of its own.
# - Without it, a throw-away cluster is created with the server binaries of Debian's `postgresql`
#   package (/usr/lib/postgresql/<version>/bin, or PG_BIN) in a temporary directory, on a free port
#   on 127.0.0.1, and removed on exit. As root, it runs as the `postgres` user (initdb refuses root).
#
# Extra arguments go to jest (e.g. `npm run test:postgres -- -t 'related'`).
set -euo pipefail
export STRAPI_TELEMETRY_DISABLED=true
cd "$(dirname "$0")/.."

say() { echo "[test:postgres] $*"; }

jest_args=(--selectProjects integration postgres --runInBand)

if [ -n "${DATABASE_HOST:-}" ]; then
  export DATABASE_CLIENT=postgres
  say "using the given PostgreSQL ${DATABASE_USERNAME:-strapi}@${DATABASE_HOST}:${DATABASE_PORT:-5432}/${DATABASE_NAME:-strapi} (its schema is wiped by each test file)"
  say "tests/postgres/fault.test.ts is left out: it stops and restarts PostgreSQL, so it runs only on the cluster this script creates itself (unset DATABASE_HOST)"
  jest_args+=(--testPathIgnorePatterns '/tests/postgres/fault\.test\.ts$')
else
  PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    say "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin): apt-get install -y postgresql, set PG_BIN, or give DATABASE_HOST" >&2
    exit 1
  fi

  CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/personalize-pg.XXXXXX")"
  PG_DATA="$CLUSTER_DIR/data"
  PG_LOG="$CLUSTER_DIR/postgresql.log"
  as_owner=()
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      say "running as root but there is no 'postgres' user to own the cluster (initdb refuses root)" >&2
      rm -rf "$CLUSTER_DIR"
      exit 1
    fi
    chown postgres: "$CLUSTER_DIR"
    as_owner=(runuser -u postgres --)
  fi

  cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -f "$PG_DATA/postmaster.pid" ]; then
      "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ "$status" != 0 ] && [ -f "$PG_LOG" ]; then
      say "PostgreSQL log (last 30 lines):"
      tail -n 30 "$PG_LOG" || true
    fi
    rm -rf "$CLUSTER_DIR"
    say "throw-away cluster stopped and removed"
    exit "$status"
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  PASSWORD="$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")"
  printf '%s\n' "$PASSWORD" > "$CLUSTER_DIR/pwfile"
  [ "${#as_owner[@]}" = 0 ] || chown postgres: "$CLUSTER_DIR/pwfile"

  say "creating a throw-away cluster in $CLUSTER_DIR with $PG_BIN"
  "${as_owner[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$CLUSTER_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/initdb.log" 2>&1 \
    || { cat "$CLUSTER_DIR/initdb.log" >&2; exit 1; }
  rm -f "$CLUSTER_DIR/pwfile"
  cat >>"$PG_DATA/postgresql.conf" <<EOF

# throw-away cluster of npm run test:postgres
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$CLUSTER_DIR'
fsync = off
full_page_writes = off
max_connections = 100
EOF
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null
  "${as_owner[@]}" "$PG_BIN/psql" -h "$CLUSTER_DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE personalize LOGIN PASSWORD '$PASSWORD'" \
    -c "CREATE DATABASE personalize_test OWNER personalize"

  export DATABASE_CLIENT=postgres DATABASE_HOST=127.0.0.1 DATABASE_PORT="$PORT" DATABASE_NAME=personalize_test
  export DATABASE_USERNAME=personalize DATABASE_PASSWORD="$PASSWORD" DATABASE_SSL=false
  # What tests/postgres/fault.test.ts needs to stop and start this cluster.
  export PERSONALIZE_PG_CTL="$PG_BIN/pg_ctl" PERSONALIZE_PG_DATA="$PG_DATA" PERSONALIZE_PG_LOG="$PG_LOG"
  export PERSONALIZE_PG_RUN_AS="$([ "${#as_owner[@]}" = 0 ] || echo postgres)"
  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT, database personalize_test; tests/postgres/fault.test.ts included (it stops and restarts this cluster)"
fi

npm run build
started=$SECONDS
status=0
npx jest "${jest_args[@]}" "$@" || status=$?
say "jest finished in $((SECONDS - started)) s with status $status"
exit "$status"
