#!/usr/bin/env bash
# Abuse benchmark: one signed-in account tries to starve the published server (Release, bound to 127.0.0.1) —
# issue 15's items 1–3 replayed, with PostgreSQL's first /api/today after a large import (item 4) on the way:
#   import    a 1,000,000-set Strong export (the generator of bench/import.sh), as one upload
#   today     GET /api/today right after it (its heaviest-sets query on the fresh log), after one on an empty log
#   export    GET /api/export/csv, /api/export/json and /account/export of those 1,000,000 sets, read to the end
#   names     an import of 100,000 distinct unknown exercise names: with the default cap (refused by it), and
#             again on a server whose cap is raised to take them all (the cost of resolving them); both also dry
#   fields    imports of what the API refuses: a 60,000,000-character workout name, a 50,000-character exercise
#             name, a 100,000-character note, dates 0001-01-01 and 9999-12-31
# For each request it prints the answer, the wall time, the server's CPU seconds for it, the server's peak RSS
# while it ran (VmRSS sampled every 50 ms), and /healthz latency meanwhile (curl every 50 ms from another process:
# p50 / p99 / max over the samples); at the end the same over everything. Bounded: loopback only, one server
# process at a time, fixed sizes, every file under $TMPDIR/failsafe-bench-abuse.
#   bash bench/abuse.sh                 DB=postgres (default; FAILSAFE_TEST_POSTGRES or .ci/postgres.sh) or DB=sqlite; PORT=5189
set -euo pipefail
cd "$(dirname "$0")/.."
db="${DB:-postgres}"
port="${PORT:-5189}"
base="http://127.0.0.1:$port"
work="${TMPDIR:-/tmp}/failsafe-bench-abuse"
mkdir -p "$work"
sets=1000000
big="$work/strong-comma-$sets.csv"
names="$work/names-100000.csv"

command -v curl >/dev/null || { echo "abuse.sh: curl is not installed" >&2; exit 1; }
if [[ "$db" == postgres ]]; then
  command -v psql >/dev/null || { echo "abuse.sh: psql is not installed" >&2; exit 1; }
  admin_cs="${FAILSAFE_TEST_POSTGRES:-$(bash .ci/postgres.sh)}"
  pg_field() { tr ';' '\n' <<<"$admin_cs" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { print $2; exit }'; }
  pg_host="$(pg_field Host)"; pg_port="$(pg_field Port)"; pg_user="$(pg_field Username)"; pg_admin_db="$(pg_field Database)"
  export PGPASSWORD="$(pg_field Password)" PGOPTIONS="-c client_min_messages=warning"
  psql_admin() { psql -X -q -h "$pg_host" -p "${pg_port:-5432}" -U "$pg_user" -d "$pg_admin_db" "$@"; }
fi

server_pid="" prober_pid="" sampler_pid="" pg_db=""
stop_server() {
  for pid in "$prober_pid" "$sampler_pid" "$server_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  server_pid="" prober_pid="" sampler_pid=""
}
cleanup() {
  stop_server
  if [[ -n "$pg_db" ]]; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1 || true
    pg_db=""
  fi
  rm -f "$work/failsafe.db" "$work"/failsafe.db-* "$work"/fields-*.csv
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"); database: $db$([[ "$db" == postgres ]] && echo " $(psql_admin -tA -c 'SHOW server_version')")"
echo "building Release …"
dotnet publish src/Failsafe.Server/Failsafe.Server.csproj -c Release -o "$work/server" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo >/dev/null
[[ -s "$big" ]] || dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- strong-csv "$big" "$sets" comma >/dev/null
if [[ ! -s "$names" ]]; then
  # 100,000 sets, each of its own exercise the catalog does not know; 18 sets a workout.
  awk 'BEGIN {
    print "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes"
    for (i = 0; i < 100000; i++) {
      day = int(i / 18)
      printf "%s 18:00:00;Workout;Gizmo Press %06d;1;50;kg;8;;;\n", strftime("%Y-%m-%d", 1420070400 + day * 86400, 1), i
    }
  }' >"$names"
fi
cat "$big" "$names" >/dev/null # warm the file cache

hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
json_field() { grep -o "\"$1\": *\"\\{0,1\\}[^\",}]*" | head -n1 | sed 's/.*: *"\{0,1\}//' || true; }

# Starts a fresh server on a fresh database, with the settings given as NAME=VALUE, plus the /healthz prober and the
# RSS sampler; both write into the file named by $work/phase.
start_server() {
  stop_server
  local env_db
  if [[ "$db" == postgres ]]; then
    [[ -n "$pg_db" ]] && psql_admin -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null
    pg_db="failsafe_abuse_bench_$$"
    psql_admin -c "CREATE DATABASE \"$pg_db\"" >/dev/null
    env_db="ConnectionStrings__Failsafe=Host=$pg_host;Port=${pg_port:-5432};Database=$pg_db;Username=$pg_user;Password=$PGPASSWORD;SSL Mode=Disable"
  else
    rm -f "$work/failsafe.db" "$work"/failsafe.db-*
    env_db="FAILSAFE_DB=$work/failsafe.db"
  fi
  env "$env_db" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning "$@" \
    dotnet "$work/server/Failsafe.Server.dll" --urls "$base" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
  done
  echo idle >"$work/phase"
  ( while :; do
      curl -o /dev/null -sS --max-time 30 -w '%{time_total}\n' "$base/healthz" >>"$work/healthz-$(cat "$work/phase")" 2>/dev/null || echo 30 >>"$work/healthz-$(cat "$work/phase")"
      sleep 0.05
    done ) &
  prober_pid=$!
  local pid=$server_pid
  ( while :; do
      awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" >>"$work/rss-$(cat "$work/phase")" 2>/dev/null || exit 0
      sleep 0.05
    done ) &
  sampler_pid=$!
}

token=""
sign_up() {
  local email="abuse-$RANDOM$RANDOM@example.com" password="Abuse-bench-1234"
  curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/account/register" >/dev/null
  token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/account/login" | json_field accessToken)"
}

# p50 / p99 / max of the seconds in the files given, in ms, and how many.
latency() { cat "$@" 2>/dev/null | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "no samples"; exit } i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d)", v[i50] * 1000, v[i99] * 1000, v[NR] * 1000, NR }'; }
peak_mb() { sort -n "$@" 2>/dev/null | tail -n1 | awk '{ printf "%d", $1 / 1024 }'; }

# Runs one request as phase NAME: METHOD PATH [curl arguments…]; prints one line of figures.
request() {
  local name="$1" method="$2" path="$3"
  shift 3
  rm -f "$work/healthz-$name" "$work/rss-$name"
  echo "$name" >"$work/phase"
  sleep 0.2
  local c0 c1 start end out
  c0=$(cpu_ticks); start=$(date +%s%N)
  out="$(curl -sS --max-time 900 -X "$method" -H "Authorization: Bearer $token" -o "$work/body" -w '%{http_code} %{size_download}' "$@" "$base$path")"
  end=$(date +%s%N); c1=$(cpu_ticks)
  sleep 0.2
  echo idle >"$work/phase"
  local status="${out% *}" bytes="${out#* }" detail=""
  [[ "$status" == 2* ]] || detail=" — $(grep -o '"detail": *"[^"]*"' "$work/body" | sed 's/^"detail": *"//; s/"$//' | cut -c1-150)"
  printf '%-24s %s %6d ms  CPU %6.2f s  peak RSS %5s MB  %9s bytes  /healthz %s%s\n' "$name" "$status" $(( (end - start) / 1000000 )) \
    "$(awk -v t=$(( c1 - c0 )) -v hz="$hz" 'BEGIN { print t / hz }')" "$(peak_mb "$work/rss-$name")" "$bytes" "$(latency "$work/healthz-$name")" "$detail"
}

rm -f "$work"/healthz-* "$work"/rss-*
echo "— one account, 1,000,000 sets —"
start_server
sign_up
# The first /api/today of the process compiles its code: paid here, on an empty log, so that the one after the
# import measures the query on the large log.
request today-warm-up GET /api/today
sign_up
request import POST "/api/import/strong?unit=kg" -H 'Content-Type: text/csv' --data-binary "@$big"
request today-after-import GET /api/today
request today-another-day GET "/api/today?date=$(date -u -d 'yesterday' +%F)"
request export-csv GET /api/export/csv
request export-json GET /api/export/json
request account-export GET /account/export

echo "— 100,000 distinct unknown exercise names —"
sign_up
request names-dry-run POST "/api/import/strong?dryRun=true" -H 'Content-Type: text/csv' --data-binary "@$names"
request names POST /api/import/strong -H 'Content-Type: text/csv' --data-binary "@$names"
echo "(a server with Failsafe:Limits:NewExercisesPerImport=100000)"
start_server Failsafe__Limits__NewExercisesPerImport=100000
sign_up
request names-uncapped-dry-run POST "/api/import/strong?dryRun=true" -H 'Content-Type: text/csv' --data-binary "@$names"
request names-uncapped POST /api/import/strong -H 'Content-Type: text/csv' --data-binary "@$names"

echo "— fields the API refuses —"
header="Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes"
{ echo "$header"; printf '2026-01-11 12:00:00;'; head -c 60000000 /dev/zero | tr '\0' 'w'; echo ';Squat (Barbell);1;100;kg;5;;;'; } >"$work/fields-name.csv"
{ echo "$header"; printf '2026-01-11 12:00:00;Leg;'; head -c 50000 /dev/zero | tr '\0' 'x'; echo ';1;100;kg;5;;;'; } >"$work/fields-exercise.csv"
{ echo "$header"; printf '2026-01-11 12:00:00;Leg;Squat (Barbell);1;100;kg;5;;'; head -c 100000 /dev/zero | tr '\0' 'n'; echo ';'; } >"$work/fields-note.csv"
{ echo "$header"; echo '0001-01-01 00:00:00;Leg;Squat (Barbell);1;100;kg;5;;;'; } >"$work/fields-year1.csv"
{ echo "$header"; echo '9999-12-31 23:59:59;Leg;Squat (Barbell);1;100;kg;5;;;'; } >"$work/fields-year9999.csv"
for f in name exercise note year1 year9999; do
  request "field-$f" POST /api/import/strong -H 'Content-Type: text/csv' --data-binary "@$work/fields-$f.csv"
done
stop_server

echo "— throughout —"
echo "/healthz: $(latency "$work"/healthz-*)"
echo "server peak RSS: $(peak_mb "$work"/rss-*) MB (sampled); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
