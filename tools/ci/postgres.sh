#!/usr/bin/env bash
# Ensures a PostgreSQL server for the tests: cluster "ci" on 127.0.0.1:55432 with role bpm/bpm
# (CREATEDB, so tests can create their own databases) and database bpm_test.
#
# Why a cluster of our own: CI runs on a fresh Debian 12 machine where only the client may be
# installed and no service is started for us; the Debian package's own "main" cluster is not
# started here either. A separate cluster on a fixed, unusual port keeps tests away from any
# PostgreSQL a developer runs on 5432, and lets us turn durability off (fsync etc.) for speed.
#
# Idempotent: every step checks first, so a second run changes nothing and takes ~0.1-0.3 s.
# Needs root (apt-get, pg_createcluster, runuser). Progress goes to stderr; stdout gets exactly
# one line, so callers can do:   eval "$(bash tools/ci/postgres.sh)"
#   export BPM_TEST_POSTGRES='Host=127.0.0.1;Port=55432;Username=bpm;Password=bpm;Database=bpm_test'
set -euo pipefail

readonly CLUSTER=ci
readonly PORT=55432
readonly ROLE=bpm
readonly PASSWORD=bpm
readonly DATABASE=bpm_test
readonly CONNECTION_STRING="Host=127.0.0.1;Port=${PORT};Username=${ROLE};Password=${PASSWORD};Database=${DATABASE}"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages, manages the cluster)"

# --- 1. Server binaries -------------------------------------------------------------------
# The machine image may ship only the client (psql, pg_ctlcluster from postgresql-common), so
# the test is for the server binary itself, not for pg_ctlcluster.
server_installed() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

if ! server_installed || ! command -v pg_ctlcluster >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when needed: when there are no package lists yet, or when the install
  # fails because the lists are stale (a fresh machine's image may be old).
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
    log "apt-get update (no package lists yet)"
    apt-get update -qq >&2
  fi
  log "installing postgresql (apt-get install -y postgresql)"
  if ! apt-get install -y -qq postgresql >&2; then
    log "install failed; refreshing package lists and retrying once"
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
  server_installed || die "postgresql installed but no /usr/lib/postgresql/*/bin/postgres found"
fi

# --- 2. Version ------------------------------------------------------------------------------
# Reuse the version of an existing "ci" cluster if its server is still installed (so an
# upgrade that adds a newer major does not strand the data); otherwise the newest installed.
version=""
for dir in /etc/postgresql/*/"${CLUSTER}"; do
  [[ -d $dir ]] || continue
  v=$(basename "$(dirname "$dir")")
  [[ -x /usr/lib/postgresql/$v/bin/postgres ]] && version=$v
done
if [[ -z $version ]]; then
  version=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' \
              | awk -F/ '{print $5}' | sort -V | tail -n 1)
fi
[[ -n $version ]] || die "could not detect the PostgreSQL major version"
readonly CONF_DIR="/etc/postgresql/${version}/${CLUSTER}"

# --- 3. Cluster ---------------------------------------------------------------------------------
if [[ ! -d $CONF_DIR ]]; then
  log "creating cluster ${version}/${CLUSTER} on port ${PORT}"
  # C.UTF-8 always exists on Debian (the caller's LANG may name a locale that is not generated);
  # UTF8 because the application stores Chinese text. start-conf=manual: never started at boot
  # by the package's service, only by us.
  pg_createcluster "$version" "$CLUSTER" -p "$PORT" --start-conf=manual \
    --locale=C.UTF-8 --encoding=UTF8 >&2
fi

# --- 4. Configuration -------------------------------------------------------------------------
# Written as a file of our own under conf.d (Debian's postgresql.conf includes that directory).
# listen_addresses MUST be quoted: pg_conftool and "pg_createcluster -o" write it unquoted, and
# the server then refuses to start. Durability is off: test data is disposable.
desired_conf="# Managed by tools/ci/postgres.sh: test-only server, durability traded for speed.
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
# As on a tuned server: the bench's 10⁶-request data set (2 GB) stays in PostgreSQL's own cache. With Debian's default of
# 128 MB, one filtered inbox count there re-read about 25,000 pages from the OS (0.9-2 s instead of tens of ms).
shared_buffers = 2GB
# Test databases are dropped WITH (FORCE) right after use; an autovacuum worker busy in one (many new
# tables, e.g. Quartz's) cannot be terminated by the test role, and the drop then fails.
autovacuum = off
"
conf_file="${CONF_DIR}/conf.d/ci.conf"
conf_changed=0
if [[ ! -f $conf_file ]] || [[ "$(cat "$conf_file")"$'\n' != "$desired_conf" ]]; then
  log "writing ${conf_file}"
  mkdir -p "${CONF_DIR}/conf.d"
  printf '%s' "$desired_conf" >"$conf_file"
  conf_changed=1
fi

# --- 5. Running -------------------------------------------------------------------------------
# pg_ctlcluster status: 0 = running, 3 = not running (also handles a stale pid file).
if pg_ctlcluster "$version" "$CLUSTER" status >/dev/null 2>&1; then
  if (( conf_changed )); then
    # listen_addresses and max_connections only take effect on restart.
    log "configuration changed; restarting ${version}/${CLUSTER}"
    pg_ctlcluster "$version" "$CLUSTER" restart >&2
  fi
else
  log "starting ${version}/${CLUSTER}"
  pg_ctlcluster "$version" "$CLUSTER" start >&2
fi

# Wait for TCP readiness on the address the tests use (not just the unix socket).
for ((i = 0; i < 60; i++)); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" \
  || die "server not accepting connections on 127.0.0.1:${PORT}; see /var/log/postgresql/postgresql-${version}-${CLUSTER}.log"

# --- 6. Role and database ---------------------------------------------------------------------
# One psql call (fast on the second run). \gexec runs each generated statement, so a statement
# is only produced when something is missing; CREATE DATABASE cannot run inside a DO block.
# The ALTER repairs a role that exists without LOGIN/CREATEDB (tests create databases).
# Peer authentication over the unix socket as the postgres OS user; no password needed.
runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres >&2 <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L CREATEDB', '${ROLE}', '${PASSWORD}')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', '${ROLE}', '${PASSWORD}')
 WHERE EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}' AND NOT (rolcanlogin AND rolcreatedb)) \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '${DATABASE}', '${ROLE}')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${DATABASE}') \gexec
SELECT format('GRANT pg_signal_backend TO %I', '${ROLE}')
 WHERE NOT pg_has_role('${ROLE}', 'pg_signal_backend', 'MEMBER') \gexec
SQL

log "ready: PostgreSQL ${version} cluster ${CLUSTER} on 127.0.0.1:${PORT}"
printf "export BPM_TEST_POSTGRES='%s'\n" "$CONNECTION_STRING"
