#!/usr/bin/env bash
# The web app's budgets (issue 13), in the Chromium from Debian (/usr/bin/chromium), against /today of a signed-in
# lifter with a profile, a year of history (a generated Strong export, imported through POST /api/import/strong) and
# a plan that trains today, on a published Release server on 127.0.0.1 — first on SQLite, then on PostgreSQL if asked:
#   Lighthouse 13 (npm, bench/lighthouse; mobile preset, default simulated throttling), LH_RUNS runs, signed in by
#     the `failsafe` cookie (--extra-headers): performance >= 90, accessibility 100, best practices >= 95 (judged on
#     the median run by performance score); FCP, LCP, TBT, CLS; the JSON reports stay in the results folder;
#     for a missed budget, the audits that cost the points.
#   First visit to /today <= 150 KiB transferred (compressed, headers included): a fresh Playwright context's
#     network events until the service worker has installed and the network is quiet — the page and its files, and
#     the worker's precache — by resource type (document, CSS, JS, other). Lighthouse's total-byte-weight (the page
#     load alone) is printed beside it.
#   Logging a set: WARM sets untimed, then SETS timed, each by filling the next set's Weight/Reps/RIR and tapping
#     "Log set" (bench/Failsafe.Benchmarks `web-today`); timed in the page: tap -> the row's "Done" mark (in the DOM,
#     and the frame showing it) <= 100 ms at p95, and the POST /api/sets round trip (resource timing) <= 50 ms p95.
# Exits non-zero when the server cannot be built, started or seeded, or the page cannot be used; a missed budget is
# reported as "NOT MET" (and listed at the end), not as a failure.
# Usage: bash bench/web.sh [SETS]   (default 50; run on an idle machine)
# Environment: PROVIDERS="sqlite" (default; "sqlite postgres" for both), LH_RUNS=3, WARM=5, HISTORY=4000 (sets in
# the year of history), PLAN_START=today (the plan's first day, its largest), PORT=5188,
# FAILSAFE_CHROMIUM=/usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
sets="${1:-50}"
providers="${PROVIDERS:-sqlite}"
lh_runs="${LH_RUNS:-3}"
warm="${WARM:-5}"
history="${HISTORY:-4000}"
port="${PORT:-5188}"
chromium="${FAILSAFE_CHROMIUM:-/usr/bin/chromium}"
base="http://127.0.0.1:$port"

# The results (Lighthouse's JSON reports, the page's HTML, the first visit's responses, the server logs) are kept.
results="$(mktemp -d "${TMPDIR:-/tmp}/failsafe-web.XXXXXX")"
work="$results/build"
mkdir -p "$work"
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

for tool in curl node npm dotnet; do
  command -v "$tool" >/dev/null || { echo "web.sh: $tool is not installed" >&2; exit 1; }
done
[[ -x "$chromium" ]] || { echo "web.sh: no Chromium at $chromium (apt-get install -y chromium)" >&2; exit 1; }
if [[ " $providers " == *" postgres "* ]]; then
  command -v psql >/dev/null || { echo "web.sh: psql is not installed (needed for PROVIDERS=postgres)" >&2; exit 1; }
fi

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}'), node $(node --version), $("$chromium" --version 2>/dev/null | head -n1)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine
echo "results: $results"

# Lighthouse from the lock file (npm ci), once per change of the lock.
lh=bench/lighthouse
if [[ ! -f "$lh/node_modules/.package-lock.json" || "$lh/package-lock.json" -nt "$lh/node_modules/.package-lock.json" ]]; then
  echo "installing Lighthouse (npm ci --prefix $lh) …"
  npm ci --prefix "$lh" --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "Lighthouse $(node "$lh/node_modules/lighthouse/cli/index.js" --version)"

echo "building Release …"
dotnet publish src/Failsafe.Server/Failsafe.Server.csproj -c Release -o "$work/server" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo >/dev/null
bench_dll="bench/Failsafe.Benchmarks/bin/Release/net10.0/Failsafe.Benchmarks.dll"
today="$(date -u +%F)"
csv="$work/history.csv"
# A year up to last week, one workout every ~2 days.
dotnet "$bench_dll" strong-csv "$csv" "$history" comma "$(date -u -d '-365 days' +%F)" 2.05
# The plan starts today by default: its first day is its hardest and largest (a hard full-body day of 15 sets; the
# other days have 10 to 15), so the page is measured at its heaviest. PLAN_START=YYYY-MM-DD starts it elsewhere.
plan_start="${PLAN_START:-$today}"
# Training days: today and two more, so today is a training day whatever the weekday.
plan_days="$(for d in 0 2 4; do date -u -d "+$d days" +%a; done | tr 'A-Z' 'a-z' | paste -sd,)"

# json_field NAME: the first NAME's value (a string or a number) in the JSON on stdin.
json_field() { grep -o "\"$1\": *\"\\{0,1\\}[^\",}]*" | head -n1 | sed 's/.*: *"\{0,1\}//' || true; }

start_server() {
  local log="$1"
  shift
  # Run from its folder, as deployed: the static files (wwwroot, and MapStaticAssets' compressed copies) are found
  # from the content root, which is the working directory.
  (cd "$work/server" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet Failsafe.Server.dll --urls "$base") >"$log" 2>&1 &
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

# seed: registers the lifter, sets the profile, imports the year, makes the plan, checks /api/today has sets to log;
# sets $email, $password and $cookie (the `failsafe` cookie of a cookie sign-in).
seed() {
  email="lifter-$RANDOM@example.com"
  password="Web-bench-1234"
  local creds="{\"email\":\"$email\",\"password\":\"$password\"}"
  curl -fsS -H 'Content-Type: application/json' -d "$creds" "$base/account/register" >/dev/null
  local token
  token="$(curl -fsS -H 'Content-Type: application/json' -d "$creds" "$base/account/login" | json_field accessToken)"
  [[ -n "$token" ]] || { echo "login gave no access token" >&2; exit 1; }
  local auth="Authorization: Bearer $token"
  curl -fsS -X PUT -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Sam\",\"trainingYears\":3,\"formUnderFatigue\":\"good\",\"sleepHours\":8,\"stress\":\"low\",\"goal\":\"hypertrophy\",\"unit\":\"kg\",\"trainingDays\":\"$plan_days\",\"bodyweightKg\":80}" \
    "$base/api/profile" >/dev/null
  local result
  result="$(curl -fsS -H "$auth" -H 'Content-Type: text/csv' --data-binary "@$csv" "$base/api/import/strong?unit=kg")"
  echo "seeded by import: workouts $(json_field workouts <<<"$result"), sets $(json_field sets <<<"$result")"
  curl -fsS -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"start\":\"$plan_start\",\"weeks\":8,\"days\":\"$plan_days\"}" "$base/api/plans" >/dev/null
  local body n
  body="$(curl -fsS -H "$auth" "$base/api/today")"
  n="$(grep -o '"targetRir"' <<<"$body" | wc -l || true)"
  echo "today ($today): $(json_field dayType <<<"$body") day, $n planned sets"
  [[ "$n" -gt 0 ]] || { echo "today has no sets to log: $body" >&2; exit 1; }
  # The browser's sign-in: the cookie.
  curl -fsS -c "$work/cookies" -o /dev/null -H 'Content-Type: application/json' -d "$creds" "$base/account/login?useCookies=true"
  cookie="$(awk '$6 == "failsafe" {print $7}' "$work/cookies")"
  [[ -n "$cookie" ]] || { echo "the cookie sign-in set no failsafe cookie" >&2; cat "$work/cookies" >&2; exit 1; }
  local page
  page="$(curl -fsS -H "Cookie: failsafe=$cookie" "$base/today")"
  grep -q 'data-module="today"' <<<"$page" || { echo "GET /today with the cookie did not render Today" >&2; exit 1; }
}

declare -a missed=()
run() {
  local provider="$1"
  echo
  echo "== $provider =="
  if [[ "$provider" == postgres ]]; then
    local cs
    cs="$(bash .ci/postgres.sh)"
    pg_admin="$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$cs")"
    pg_db="failsafe_web_$$"
    PGPASSWORD=failsafe psql -X -q -h 127.0.0.1 -U failsafe -d "$pg_admin" -c "CREATE DATABASE \"$pg_db\"" >/dev/null
    start_server "$results/server-$provider.log" "ConnectionStrings__Failsafe=${cs/Database=$pg_admin/Database=$pg_db};SSL Mode=Disable"
  else
    rm -f "$work/web.db"*
    start_server "$results/server-$provider.log" "FAILSAFE_DB=$work/web.db"
  fi
  seed
  # Warm-up: the page rendered a few dozen times, so Lighthouse times a server that has compiled its code.
  for _ in $(seq 1 30); do curl -fsS -o /dev/null -H "Cookie: failsafe=$cookie" "$base/today"; done
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

  echo "Lighthouse on /today ($lh_runs runs):"
  printf '{"Cookie": "failsafe=%s"}\n' "$cookie" >"$work/headers.json"
  local reports=() i
  for i in $(seq 1 "$lh_runs"); do
    local report="$results/lighthouse-$provider-$i.json" attempt ok=0
    # Lighthouse now and then fails to record the trace of a load (NO_NAVSTART, NO_FCP): such a run is run again.
    for attempt in 1 2 3; do
      if CHROME_PATH="$chromium" node "$lh/node_modules/lighthouse/cli/index.js" "$base/today" --quiet \
        --only-categories=performance,accessibility,best-practices --output=json --output-path="$report" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" --extra-headers="$work/headers.json" 2>"$results/lighthouse-$provider-$i.log" &&
        ! grep -q '"runtimeError"' "$report"; then
        ok=1
        break
      fi
      echo "  run $i, attempt $attempt: Lighthouse failed ($(tail -n 1 "$results/lighthouse-$provider-$i.log")); again"
    done
    if [[ "$ok" -ne 1 ]]; then
      echo "Lighthouse failed three times:" >&2
      tail -n 20 "$results/lighthouse-$provider-$i.log" >&2
      exit 1
    fi
    reports+=("$report")
  done
  node "$lh/report.mjs" "${reports[@]}" | tee "$results/lighthouse-$provider.txt"

  dotnet "$bench_dll" web-today "$base" "$email" "$password" "$sets" "$warm" "$results" | tee "$results/web-today-$provider.txt"
  [[ "${PIPESTATUS[0]}" -eq 0 ]] || { echo "web-today failed" >&2; exit 1; }
  mv "$results/today.html" "$results/today-$provider.html" 2>/dev/null || true
  mv "$results/first-visit.tsv" "$results/first-visit-$provider.tsv" 2>/dev/null || true
  mv "$results/sets.tsv" "$results/sets-$provider.tsv" 2>/dev/null || true
  while IFS= read -r line; do missed+=("$provider: $line"); done < <(grep -h 'NOT MET' "$results/lighthouse-$provider.txt" "$results/web-today-$provider.txt" | sed 's/^ *//' || true)
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if grep -qE 'fail|warn|error' "$results/server-$provider.log"; then
    echo "server log (warnings and errors, last 20 lines):"
    tail -n 20 "$results/server-$provider.log" | sed 's/^/    /'
  fi
  cleanup
}

for provider in $providers; do
  run "$provider"
done
echo
echo "budgets: Lighthouse performance >= 90, accessibility 100, best practices >= 95; first visit <= 150 KiB;"
echo "         a logged set shown done <= 100 ms (p95); POST /api/sets round trip <= 50 ms p95"
if [[ "${#missed[@]}" -eq 0 ]]; then
  echo "every budget met"
else
  echo "budgets NOT MET:"
  printf '  %s\n' "${missed[@]}"
fi
machine
echo "results kept in $results"
