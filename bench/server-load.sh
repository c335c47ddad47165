#!/usr/bin/env bash
# Load test of Failsafe.Server: one instance on 127.0.0.1, first on PostgreSQL, then on SQLite. For each: a fresh
# database, one lifter with a year of history (a generated Strong export of SETS sets, one workout every ~2 days,
# imported through POST /api/import/strong) and an active plan that trains today, then wrk with THREADS threads and
# CONNECTIONS connections for DURATION against
#   GET  /healthz           the floor: routing, middleware, Kestrel and wrk itself
#   GET  /api/today         bearer token, profile lookup, cached decision for (athlete, date, revision)
#   POST /api/sets          one new set per request (bench/wrk/post-set.lua: unique Idempotency-Key each),
#                           into past days, thirty sets a day (see the script); POST_MODE=today sends them all to
#                           today's session instead. Sent by LIFTERS lifters (default 64, one per connection's
#                           worth: a gym logging at once), then by the one seeded lifter alone ("post set, one
#                           lifter": one athlete's sets are serialized by design, on their log revision)
# after a warm-up of each. The warm-up runs at low concurrency (wrk -t1 -c2, WARMUP seconds per endpoint, default
# 30): under full load on two cores the runtime's background JIT, which recompiles hot code with full optimization,
# gets so little CPU that the server runs partly unoptimized code for minutes; a server meets its peak after ordinary
# traffic, and the figures are its steady state. Prints req/s, p50/p99 and the ratio to /healthz; a run with any
# non-2xx answer or socket error fails. wrk runs on the same machine as the server (and PostgreSQL): they share the
# cores. PostgreSQL is reached over loopback TCP without TLS (SSL Mode=Disable: encryption on loopback protects
# nothing and cost about a fifth of /api/today's throughput here).
# Usage: bash bench/server-load.sh [DURATION] [CONNECTIONS] [THREADS]   (default 20s 64 2; run on an idle machine)
# Environment: PROVIDERS="postgres sqlite" (default both), SETS=4000, POST_MODE=spread|today, SEED=import|post, PORT=5187,
# LIFTERS=64, WARMUP=30.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20s}"
connections="${2:-64}"
threads="${3:-2}"
providers="${PROVIDERS:-postgres sqlite}"
sets="${SETS:-4000}"
post_mode="${POST_MODE:-spread}"
port="${PORT:-5187}"
lifters="${LIFTERS:-64}"
warmup="${WARMUP:-30}"
base="http://127.0.0.1:$port"

work="$(mktemp -d "${TMPDIR:-/tmp}/failsafe-load.XXXXXX")"
server_pid=""
pg_db=""
pg_admin=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  if [[ -n "$pg_db" ]]; then
    PGPASSWORD=failsafe psql -X -q -h 127.0.0.1 -U failsafe -d "$pg_admin" -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1 || true
    pg_db=""
  fi
}
trap 'cleanup; rm -rf "$work"' EXIT

for tool in wrk curl psql; do
  command -v "$tool" >/dev/null || { echo "server-load.sh: $tool is not installed" >&2; exit 1; }
done

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine

echo "building Release …"
dotnet publish src/Failsafe.Server/Failsafe.Server.csproj -c Release -o "$work/server" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo >/dev/null
today="$(date -u +%F)"
csv="$work/history.csv"
# A year up to last week: ~175 workouts of ~23 sets.
first_day="$(date -u -d '-365 days' +%F)"
dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- strong-csv "$csv" "$sets" comma "$first_day" 2.05
# The same sets as POST /api/sets bodies, for a provider the import does not support.
jsonl="$work/history.jsonl"
dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- strong-csv "$jsonl" "$sets" api "$first_day" 2.05 >/dev/null
# Plan days: today and two more, so today is a training day whatever the weekday.
plan_days="$(for d in 0 2 4; do date -u -d "+$d days" +%a; done | tr 'A-Z' 'a-z' | paste -sd,)"

# json_field NAME: the first NAME's value (a string or a number) in the JSON on stdin.
json_field() { grep -o "\"$1\": *\"\\{0,1\\}[^\",}]*" | head -n1 | sed 's/.*: *"\{0,1\}//' || true; }

start_server() {
  local log="$1"
  shift
  # The sign-in rate limit is per address, and every lifter of the load test signs in from 127.0.0.1.
  env "$@" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Failsafe__SignInPerMinute=100000 \
    dotnet "$work/server/Failsafe.Server.dll" --urls "$base" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$base/readyz" >/dev/null 2>&1; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "server not ready after 60 s:" >&2
  cat "$log" >&2
  exit 1
}

# seed import|post: registers a lifter, loads the history (the Strong import upload, or one POST /api/sets per set),
# makes the plan; sets $token.
seed() {
  local email="lifter-$RANDOM@example.com" password="Load-test-1234"
  curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/account/register" >/dev/null
  token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/account/login" | json_field accessToken)"
  [[ -n "$token" ]] || { echo "login gave no access token" >&2; exit 1; }
  local t0 t1 result
  t0=$(date +%s%N)
  if [[ "$1" == import ]]; then
    result="$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$csv" "$base/api/import/strong?unit=kg")"
    echo "seeded by import: workouts $(json_field workouts <<<"$result"), sets $(json_field sets <<<"$result")"
  else
    # The same sets, one POST /api/sets each (four at a time, keep-alive): curl reads them from a config file.
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' "$jsonl" |
      awk -v url="$base/api/sets" -v auth="Authorization: Bearer $token" \
        '{ printf "url = \"%s\"\nheader = \"Content-Type: application/json\"\nheader = \"%s\"\ndata = \"%s\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code}\\n\"\n", url, auth, $0 }' | awk 'NR > 1 && /^url = / { print "next" } { print }' >"$work/seed.curl"
    curl -sS --no-progress-meter --parallel --parallel-max 4 -K "$work/seed.curl" >"$work/seed.codes"
    local good
    good="$(grep -c '^201$' "$work/seed.codes" || true)"
    echo "seeded by POST /api/sets: $good of $(wc -l <"$jsonl") sets recorded"
    [[ "$good" -eq "$(wc -l <"$jsonl")" ]] || { sort "$work/seed.codes" | uniq -c >&2; exit 1; }
  fi
  t1=$(date +%s%N)
  echo "  in $(( (t1 - t0) / 1000000 )) ms"
  curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"start\":\"$(date -u -d '-14 days' +%F)\",\"weeks\":8,\"days\":\"$plan_days\"}" "$base/api/plans" >/dev/null
  local body
  body="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/today")"
  local n
  n="$(grep -o '"targetRir"' <<<"$body" | wc -l || true)"
  echo "today: $(json_field dayType <<<"$body") day, $n planned sets decided ($(wc -c <<<"$body") bytes)"
  [[ "$n" -gt 0 ]] || { echo "today has no sets to decide: $body" >&2; exit 1; }
  # The gym: LIFTERS more accounts, one bearer token each (bench/wrk/post-set.lua spreads the sets over them).
  : >"$work/tokens"
  local i
  for i in $(seq 1 "$lifters"); do
    local gym="gym-$i-$RANDOM@example.com"
    curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$gym\",\"password\":\"$password\"}" "$base/account/register" >/dev/null
    curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$gym\",\"password\":\"$password\"}" "$base/account/login" | json_field accessToken >>"$work/tokens"
  done
  [[ "$(grep -c . "$work/tokens")" -eq "$lifters" ]] || { echo "could not sign in $lifters lifters" >&2; exit 1; }
  echo "signed in $lifters more lifters for the POST test"
}

# bench LABEL OUT wrk-args…: runs wrk, checks for errors, prints and remembers req/s, p50, p99.
declare -A rps p50 p99
failed=0
bench() {
  local label="$1" out="$2"
  shift 2
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  if grep -q 'Non-2xx or 3xx responses\|Socket errors' "$out" || grep '^statuses:' "$out" | grep -qE ' [013-9][0-9]{2}='; then
    echo "$label: errors — the run does not count:" >&2
    grep -E 'Requests/sec|Non-2xx|Socket errors|^statuses' "$out" | sed 's/^/    /' >&2
    failed=1
    rps[$label]=0
    return 0
  fi
  rps[$label]="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")"
  [[ "${rps[$label]:-0}" -gt 0 ]] || { echo "$label: no requests/sec in wrk's output:" >&2; cat "$out" >&2; exit 1; }
  p50[$label]="$(awk '$1 == "50%" {print $2}' "$out")"
  p99[$label]="$(awk '$1 == "99%" {print $2}' "$out")"
  printf '  %-32s %8s req/s   p50 %9s   p99 %9s   %s\n' "$label" "${rps[$label]}" "${p50[$label]}" "${p99[$label]}" "$(grep '^statuses:' "$out" || true)"
}

# In-process CPU of the server between two points: utime+stime in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

run() {
  local provider="$1"
  echo
  echo "== $provider =="
  if [[ "$provider" == postgres ]]; then
    local cs
    cs="$(bash .ci/postgres.sh)"
    pg_admin="$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$cs")"
    pg_db="failsafe_load_$$"
    PGPASSWORD=failsafe psql -X -q -h 127.0.0.1 -U failsafe -d "$pg_admin" -c "CREATE DATABASE \"$pg_db\"" >/dev/null
    echo "synchronous_commit: $(PGPASSWORD=failsafe psql -X -tA -h 127.0.0.1 -U failsafe -d "$pg_db" -c 'SHOW synchronous_commit')"
    start_server "$work/server-$provider.log" "ConnectionStrings__Failsafe=${cs/Database=$pg_admin/Database=$pg_db};SSL Mode=Disable"
  else
    rm -f "$work/load.db"*
    start_server "$work/server-$provider.log" "FAILSAFE_DB=$work/load.db"
  fi
  # Both databases are seeded through the Strong import upload (SEED=post sends one POST /api/sets per set instead).
  seed "${SEED:-import}"
  local auth="Authorization: Bearer $token"
  echo "warm-up (${warmup} s each, wrk -t1 -c2) …"
  wrk -t1 -c2 -d"${warmup}s" "$base/healthz" >/dev/null
  wrk -t1 -c2 -d"${warmup}s" -H "$auth" "$base/api/today" >/dev/null
  wrk -t1 -c2 -d"${warmup}s" -H "$auth" -s bench/wrk/post-set.lua "$base" -- "warm" "$post_mode" "$work/tokens" >/dev/null
  # Then a few seconds at full concurrency, so the connection pool holds its connections before the timed runs.
  wrk -t"$threads" -c"$connections" -d3s -H "$auth" "$base/api/today" >/dev/null
  wrk -t"$threads" -c"$connections" -d3s -H "$auth" -s bench/wrk/post-set.lua "$base" -- "fill" "$post_mode" "$work/tokens" >/dev/null
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk -t$threads -c$connections -d$duration --latency:"
  local c0 c1
  bench "$provider healthz" "$work/$provider-healthz.txt" "$base/healthz"
  c0=$(cpu_ticks)
  bench "$provider today" "$work/$provider-today.txt" -H "$auth" "$base/api/today"
  c1=$(cpu_ticks)
  echo "    server CPU during today: $(( (c1 - c0) * 100 / $(getconf CLK_TCK) / ${duration%s} ))% of one core"
  local before after
  c0=$(cpu_ticks)
  bench "$provider post set" "$work/$provider-post.txt" -H "$auth" -s bench/wrk/post-set.lua "$base" -- "run$$" "$post_mode" "$work/tokens"
  c1=$(cpu_ticks)
  echo "    server CPU during post: $(( (c1 - c0) * 100 / $(getconf CLK_TCK) / ${duration%s} ))% of one core ($lifters lifters)"
  bench "$provider post set, one lifter" "$work/$provider-post-one.txt" -H "$auth" -s bench/wrk/post-set.lua "$base" -- "one$$" "$post_mode"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  for what in today "post set" "post set, one lifter"; do
    awk -v a="${rps[$provider $what]}" -v b="${rps[$provider healthz]}" -v w="$what" 'BEGIN {if (b > 0) printf "  %s / healthz = %.3f\n", w, a / b}'
  done
  if [[ -s "$work/server-$provider.log" ]]; then
    echo "server log (warnings and errors, last 20 lines):"
    tail -n 20 "$work/server-$provider.log" | sed 's/^/    /'
  fi
  cleanup
}

for provider in $providers; do
  run "$provider"
done
echo
echo "targets: today >= 3,000 req/s with p99 < 50 ms; post set >= 1,500 req/s (the many-lifters line)"
machine
if [[ "$failed" -ne 0 ]]; then
  echo "some runs had errors (non-2xx answers or socket errors/timeouts): their figures do not count" >&2
  exit 1
fi
