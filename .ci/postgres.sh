#!/usr/bin/env bash
# Makes sure a local PostgreSQL accepts connections on 127.0.0.1:5432 with role/database "failsafe"
# (password "failsafe"; the role has CREATEDB because tests create one database per run).
# Idempotent: installs PostgreSQL (Debian package) if missing, starts the cluster if it is down,
# creates the role and database if missing. Progress goes to stderr; the only stdout line is the
# connection string, so callers can do: export ConnectionStrings__Postgres="$(bash .ci/postgres.sh)".
set -euo pipefail

PGHOST_ADDR=127.0.0.1
PGPORT_NUM=5432
DB_USER=failsafe
DB_PASSWORD=failsafe
DB_NAME=failsafe

log() { echo "postgres.sh: $*" >&2; }

# Run a command as root: directly if we are root, else through sudo when it exists.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    log "need root (or sudo) to run: $*"
    exit 1
  fi
}

# Run a command as the postgres OS user.
as_postgres() {
  if [ "$(id -un)" = postgres ]; then
    "$@"
  elif [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  elif command -v sudo >/dev/null 2>&1; then
    sudo -u postgres "$@"
  else
    log "need root (or sudo) to act as the postgres user"
    exit 1
  fi
}

# 1. Install if missing.
if ! command -v psql >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "installing PostgreSQL (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update >&2
  as_root apt-get install -y postgresql >&2
fi

# 2. Find the cluster (highest version; prefer one named "main") and start it if it is down.
# pg_lsclusters -h prints: Ver Cluster Port Status Owner Data-directory Log-file
clusters="$(pg_lsclusters -h)"
if [ -z "$clusters" ]; then
  # Package installed but no cluster (e.g. removed by hand): create the default one.
  version="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
  log "no cluster found: creating ${version}/main"
  as_root pg_createcluster "$version" main >&2
  clusters="$(pg_lsclusters -h)"
fi
line="$(printf '%s\n' "$clusters" | awk '$2 == "main"' | sort -V | tail -n1)"
[ -n "$line" ] || line="$(printf '%s\n' "$clusters" | sort -V | tail -n1)"
read -r version cluster port status _ <<<"$line"
if [ "$port" != "$PGPORT_NUM" ]; then
  log "warning: cluster ${version}/${cluster} is configured for port ${port}, not ${PGPORT_NUM}"
fi
if [ "$status" != online ]; then
  log "starting cluster ${version}/${cluster}"
  as_root pg_ctlcluster "$version" "$cluster" start >&2
fi

# 3. Wait until it accepts TCP connections on 127.0.0.1.
for _ in $(seq 1 60); do
  if pg_isready -q -h "$PGHOST_ADDR" -p "$port"; then break; fi
  sleep 0.5
done
if ! pg_isready -q -h "$PGHOST_ADDR" -p "$port"; then
  log "cluster ${version}/${cluster} does not accept connections on ${PGHOST_ADDR}:${port}"
  tail -n 20 "/var/log/postgresql/postgresql-${version}-${cluster}.log" >&2 || true
  exit 1
fi

# 4. Role and database (through the local socket as the postgres superuser).
psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${DB_USER}'")" != 1 ]; then
  log "creating role ${DB_USER}"
  psql_admin -c "CREATE ROLE ${DB_USER} LOGIN CREATEDB PASSWORD '${DB_PASSWORD}'" >&2
else
  # Keep the attributes and password right even if the role was made differently before.
  psql_admin -c "ALTER ROLE ${DB_USER} LOGIN CREATEDB PASSWORD '${DB_PASSWORD}'" >&2
fi
# Tests drop their databases WITH (FORCE), which ends the sessions still on them; an autovacuum worker busy in
# one belongs to no role, and only members of pg_signal_backend may end it.
psql_admin -c "GRANT pg_signal_backend TO ${DB_USER}" >&2
# Imports turn PostgreSQL's row-by-row key checks off for their own transaction and check their rows in one query
# instead (PostgresImportWriter), when the role may set session_replication_role: PostgreSQL 15 and later grant that
# to a role. Without it they still work, with the checks row by row.
if [ "${version%%.*}" -ge 15 ]; then
  psql_admin -c "GRANT SET ON PARAMETER session_replication_role TO ${DB_USER}" >&2
  # A second role without that grant, for the tests of imports without it (it owns nothing; a test grants it rows).
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${DB_USER}_plain'")" != 1 ]; then
    psql_admin -c "CREATE ROLE ${DB_USER}_plain LOGIN PASSWORD '${DB_PASSWORD}'" >&2
  fi
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" != 1 ]; then
  log "creating database ${DB_NAME}"
  psql_admin -c "CREATE DATABASE ${DB_NAME} OWNER ${DB_USER}" >&2
fi

# 5. Check a password login over TCP, as the tests will connect.
if ! PGPASSWORD="$DB_PASSWORD" psql -X -q -h "$PGHOST_ADDR" -p "$port" -U "$DB_USER" -d "$DB_NAME" -tAc 'SELECT 1' >/dev/null; then
  log "cannot log in as ${DB_USER} on ${PGHOST_ADDR}:${port}"
  exit 1
fi

echo "Host=${PGHOST_ADDR};Port=${port};Database=${DB_NAME};Username=${DB_USER};Password=${DB_PASSWORD}"
