#!/usr/bin/env bash
# PostgreSQL import benchmark: the same generated Strong export as bench/import.sh (SETS sets, default 1,000,000,
# comma layout), uploaded to POST /api/import/strong?unit=kg of the published server (Release) running on
# PostgreSQL and bound to 127.0.0.1, so the import goes through the server's own code: the upload spooled to a
# temporary file, WorkoutImporter, and its binary-COPY writer. Each run has a fresh database and a fresh server
# process; the run's time is the upload request's (curl, over loopback), and the peak memory is the server
# process's high-water mark (VmHWM, which includes its start-up and sign-up). Prints sets/s, peak RSS, and the CPU
# time the server and PostgreSQL (the run database's backends, WAL writer, checkpointer, background writer) spent
# during the upload, and the load average before and after each run.
#   bash bench/import-postgres.sh [SETS]        RUNS=3 by default; the median run is reported. PORT=5188.
#   WARMUP=1: the server first imports 20,000 sets for another account (unmeasured) and is left until it is idle, as a
#   long-running server would be: the figure then leaves out the runtime's compiling of a freshly started server.
# PostgreSQL comes from FAILSAFE_TEST_POSTGRES when set, else from .ci/postgres.sh (which installs and starts it, and
# grants its role SET on session_replication_role). The script says which way the key from a set to its session is
# checked: by the import in one query (with that grant) or by PostgreSQL row by row at the commit (without it).
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
if [[ "$(psql_admin -tA -c "SELECT current_setting('server_version_num')::int >= 150000 AND has_parameter_privilege('session_replication_role', 'SET')")" == t ]]; then
  echo "the import checks the key from its sets to their sessions in one query of its own (the role may set session_replication_role)"
else
  echo "PostgreSQL checks the key from the import's sets to their sessions row by row at the commit (the role may not set session_replication_role)"
fi
echo "building Release …"
dotnet publish src/Failsafe.Server/Failsafe.Server.csproj -c Release -o "$work/server" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo >/dev/null
if [[ ! -s "$csv" ]]; then
  dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- strong-csv "$csv" "$sets" comma
fi
cat "$csv" >/dev/null # warm the file cache

json_field() { grep -o "\"$1\": *\"\\{0,1\\}[^\",}]*" | head -n1 | sed 's/.*: *"\{0,1\}//' || true; }

# CPU (user + system, in clock ticks) of one process; of PostgreSQL's processes that work for this run: the backends
# connected to the run's database and the shared background ones (WAL writer, checkpointer, background writer), so
# other databases' work on a shared server is not counted. A backend that started during the upload counts from 0.
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
postgres_pids() {
  psql_admin -tA -c "SELECT pid FROM pg_stat_activity WHERE datname = '$1' OR backend_type IN ('walwriter', 'checkpointer', 'background writer')"
}
declare -A pg_start
postgres_mark() { local pid; pg_start=(); for pid in $(pgrep -u postgres || true); do pg_start[$pid]=$(cpu_ticks "$pid"); done; }
postgres_ticks_since() {
  local total=0 pid
  for pid in $(postgres_pids "$1"); do
    total=$(( total + $(cpu_ticks "$pid") - ${pg_start[$pid]:-0} ))
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
  if [[ "${WARMUP:-0}" == 1 ]]; then
    # A long-running server has compiled the import's code already: a first import of 20,000 sets, by another
    # account, before the measured one, so the figure leaves out the runtime's compiling.
    local warm_email="warm-$RANDOM@example.com" warm_token
    curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$warm_email\",\"password\":\"$password\"}" "$base/account/register" >/dev/null
    warm_token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$warm_email\",\"password\":\"$password\"}" "$base/account/login" | json_field accessToken)"
    head -n 20001 "$csv" | curl -fsS --max-time 600 -H "Authorization: Bearer $warm_token" -H 'Content-Type: text/csv' --data-binary @- "$base/api/import/strong?unit=kg" >/dev/null
    # The runtime recompiles hot code in the background for some seconds after that (it did so through the first
    # 2-3 s of the measured import otherwise): wait until the server has been idle (under 5 % of a core) for a second.
    local idle=0 before after
    for _ in $(seq 1 60); do
      before=$(cpu_ticks "$server_pid"); sleep 1; after=$(cpu_ticks "$server_pid")
      if (( (after - before) * 100 < hz * 5 )); then idle=1; break; fi
    done
    (( idle )) || echo "import-postgres.sh: the server did not settle within 60 s of the warm-up" >&2
  fi
  local start end result peak c0 c1 p1
  c0=$(cpu_ticks "$server_pid"); postgres_mark
  start=$(date +%s%N)
  result="$(curl -fsS --max-time 600 -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$csv" "$base/api/import/strong?unit=kg")"
  end=$(date +%s%N)
  c1=$(cpu_ticks "$server_pid"); p1=$(postgres_ticks_since "$pg_db")
  peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status")
  cleanup
  echo "$(( (end - start) / 1000000 )) $peak $(json_field sets <<<"$result") $(( (c1 - c0) * 1000 / hz )) $(( p1 * 1000 / hz ))"
}

results=()
for i in $(seq 1 "$runs"); do
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  r=$(run_once)
  results+=("$r")
  read -r ms kb n server_cpu pg_cpu <<<"$r"
  echo "run $i: $n sets in $ms ms ($(( n * 1000 / (ms > 0 ? ms : 1) )) sets/s), server peak RSS $(( kb / 1024 )) MB; CPU during the upload: server ${server_cpu} ms, PostgreSQL ${pg_cpu} ms; load $load_before -> $(cut -d' ' -f1 /proc/loadavg)"
done
read -r ms kb n _ <<<"$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
echo "POST /api/import/strong on PostgreSQL ($n sets, median of $runs): ${ms} ms, $(( n * 1000 / (ms > 0 ? ms : 1) )) sets/s, server peak RSS $(( kb / 1024 )) MB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
