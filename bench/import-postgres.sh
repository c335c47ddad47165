#!/usr/bin/env bash
# PostgreSQL import benchmark: the same generated Strong export as bench/import.sh (SETS sets, default 1,000,000,
# comma layout), uploaded to POST /api/import/strong?unit=kg of the published server (Release) running on
# PostgreSQL and bound to 127.0.0.1, so the import goes through the server's own code: the upload spooled to a
# temporary file, WorkoutImporter, and its binary-COPY writer. Each run has a fresh database and a fresh server
# process; the run's time is the upload request's (curl, over loopback), and the peak memory is the server
# process's high-water mark (VmHWM, which includes its start-up and sign-up). Prints sets/s, peak RSS, and the CPU
# time the server and PostgreSQL (all processes of its user: backend, WAL writer, checkpointer) spent during the upload.
#   bash bench/import-postgres.sh [SETS]        RUNS=3 by default; the median run is reported. PORT=5188.
# PostgreSQL comes from FAILSAFE_TEST_POSTGRES when set, else from .ci/postgres.sh (which installs and starts it).
set -euo pipefail
cd "$(dirname "$0")/.."
sets="${1:-1000000}"
runs="${RUNS:-3}"
port="${PORT:-5188}"
base="http://127.0.0.1:$port"
work="${TMPDIR:-/tmp}/failsafe-bench-import"
mkdir -p "$work"
csv="$work/strong-comma-$sets.csv"

for tool in curl psql; do
  command -v "$tool" >/dev/null || { echo "import-postgres.sh: $tool is not installed" >&2; exit 1; }
done
admin_cs="${FAILSAFE_TEST_POSTGRES:-$(bash .ci/postgres.sh)}"
pg_field() { tr ';' '\n' <<<"$admin_cs" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { print $2; exit }'; }
pg_host="$(pg_field Host)"; pg_port="$(pg_field Port)"; pg_user="$(pg_field Username)"; pg_admin_db="$(pg_field Database)"
export PGPASSWORD="$(pg_field Password)" PGOPTIONS="-c client_min_messages=warning"
psql_admin() { psql -X -q -h "$pg_host" -p "${pg_port:-5432}" -U "$pg_user" -d "$pg_admin_db" "$@"; }

server_pid=""
pg_db=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  if [[ -n "$pg_db" ]]; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1 || true
    pg_db=""
  fi
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), PostgreSQL $(psql_admin -tA -c 'SHOW server_version')"
echo "building Release …"
dotnet publish src/Failsafe.Server/Failsafe.Server.csproj -c Release -o "$work/server" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo >/dev/null
if [[ ! -s "$csv" ]]; then
  dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- strong-csv "$csv" "$sets" comma
fi
cat "$csv" >/dev/null # warm the file cache

json_field() { grep -o "\"$1\": *\"\\{0,1\\}[^\",}]*" | head -n1 | sed 's/.*: *"\{0,1\}//' || true; }

# CPU (user + system, in clock ticks) of one process, and of all PostgreSQL's processes (their user owns them).
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
postgres_ticks() {
  local total=0 pid
  for pid in $(pgrep -u postgres || true); do
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

# Runs the import once on a fresh database and server; prints "milliseconds peak-kB sets server-cpu-ms postgres-cpu-ms".
run_once() {
  trap cleanup EXIT # this runs in a subshell of its own
  pg_db="failsafe_import_bench_$$"
  psql_admin -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null
  psql_admin -c "CREATE DATABASE \"$pg_db\"" >/dev/null
  local cs="Host=$pg_host;Port=${pg_port:-5432};Database=$pg_db;Username=$pg_user;Password=$PGPASSWORD;SSL Mode=Disable"
  env ConnectionStrings__Failsafe="$cs" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$work/server/Failsafe.Server.dll" --urls "$base" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
  done
  local email="import-$RANDOM@example.com" password="Import-bench-1234" token
  curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/account/register" >/dev/null
  token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/account/login" | json_field accessToken)"
  local start end result peak c0 c1 p0 p1
  c0=$(cpu_ticks "$server_pid"); p0=$(postgres_ticks)
  start=$(date +%s%N)
  result="$(curl -fsS --max-time 600 -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$csv" "$base/api/import/strong?unit=kg")"
  end=$(date +%s%N)
  c1=$(cpu_ticks "$server_pid"); p1=$(postgres_ticks)
  peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status")
  cleanup
  echo "$(( (end - start) / 1000000 )) $peak $(json_field sets <<<"$result") $(( (c1 - c0) * 1000 / hz )) $(( (p1 - p0) * 1000 / hz ))"
}

results=()
for i in $(seq 1 "$runs"); do
  r=$(run_once)
  results+=("$r")
  read -r ms kb n server_cpu pg_cpu <<<"$r"
  echo "run $i: $n sets in $ms ms ($(( n * 1000 / (ms > 0 ? ms : 1) )) sets/s), server peak RSS $(( kb / 1024 )) MB; CPU during the upload: server ${server_cpu} ms, PostgreSQL ${pg_cpu} ms"
done
read -r ms kb n _ <<<"$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
echo "POST /api/import/strong on PostgreSQL ($n sets, median of $runs): ${ms} ms, $(( n * 1000 / (ms > 0 ? ms : 1) )) sets/s, server peak RSS $(( kb / 1024 )) MB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
