#!/usr/bin/env bash
# The coach's budgets (issue 17), against /athletes of a coach with ATHLETES athletes, each with a year of history
# (a generated Strong export imported through POST /api/import/strong, ~HISTORY sets), a profile and a check-in, on a
# published Release server on 127.0.0.1 with PostgreSQL (PROVIDERS="sqlite" or "sqlite postgres" for others):
#   Server render: GET /athletes with the coach's cookie (the list of all ATHLETES ordered, its first page of 50 shown),
#     WARM requests untimed, then REQUESTS timed one after the other by curl (time to the last byte, on the same
#     machine): p95 <= 150 ms. The first request of a day reads and decides every athlete (printed apart); later ones
#     re-read only athletes whose log changed (SummaryCache, keyed by the log's revision).
#   Lighthouse 13 (bench/lighthouse; mobile preset, simulated throttling), LH_RUNS runs on /athletes signed in by the
#     cookie: performance >= 90, accessibility 100 (bench/lighthouse/report.mjs prints the median run and the budgets).
# A missed budget is reported as "NOT MET", not as a failure; the script fails when the server cannot be built,
# started or seeded.
# Usage: bash bench/coach.sh   (run on an idle machine; seeding 200 athletes takes a few minutes)
# Environment: PROVIDERS="postgres" (default), ATHLETES=200, HISTORY=4000, REQUESTS=100, WARM=10, LH_RUNS=3, PORT=5189,
# FAILSAFE_CHROMIUM=/usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
providers="${PROVIDERS:-postgres}"
athletes="${ATHLETES:-200}"
history="${HISTORY:-4000}"
requests="${REQUESTS:-100}"
warm="${WARM:-10}"
lh_runs="${LH_RUNS:-3}"
port="${PORT:-5189}"
chromium="${FAILSAFE_CHROMIUM:-/usr/bin/chromium}"
base="http://127.0.0.1:$port"

results="$(mktemp -d "${TMPDIR:-/tmp}/failsafe-coach.XXXXXX")"
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
cleanup_server_only() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

for tool in curl node npm dotnet; do
  command -v "$tool" >/dev/null || { echo "coach.sh: $tool is not installed" >&2; exit 1; }
done
[[ -x "$chromium" ]] || { echo "coach.sh: no Chromium at $chromium (apt-get install -y chromium)" >&2; exit 1; }

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}'), node $(node --version), $("$chromium" --version 2>/dev/null | head -n1)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine
echo "results: $results"

lh=bench/lighthouse
if [[ ! -f "$lh/node_modules/.package-lock.json" || "$lh/package-lock.json" -nt "$lh/node_modules/.package-lock.json" ]]; then
  echo "installing Lighthouse (npm ci --prefix $lh) …"
  npm ci --prefix "$lh" --no-audit --no-fund --loglevel=error >/dev/null
fi

echo "building Release …"
dotnet publish src/Failsafe.Server/Failsafe.Server.csproj -c Release -o "$work/server" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo >/dev/null
bench_dll="bench/Failsafe.Benchmarks/bin/Release/net10.0/Failsafe.Benchmarks.dll"
today="$(date -u +%F)"
csv="$work/history.csv"
# A year up to a few days ago, one workout every ~2 days: the same log for every athlete (what the list reads does
# not depend on which sets they are, only on how many).
dotnet "$bench_dll" strong-csv "$csv" "$history" comma "$(date -u -d '-365 days' +%F)" 2.05

json_field() { grep -o "\"$1\": *\"\\{0,1\\}[^\",}]*" | head -n1 | sed 's/.*: *"\{0,1\}//' || true; }

start_server() {
  local log="$1"
  shift
  (cd "$work/server" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Failsafe__SignInPerMinute=100000 dotnet Failsafe.Server.dll --urls "$base") >"$log" 2>&1 &
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

# token EMAIL PASSWORD: registers the account and prints a bearer token.
token() {
  local creds="{\"email\":\"$1\",\"password\":\"$2\"}"
  curl -fsS -H 'Content-Type: application/json' -d "$creds" "$base/account/register" >/dev/null
  curl -fsS -H 'Content-Type: application/json' -d "$creds" "$base/account/login" | json_field accessToken
}

# seed: the coach, then each athlete (profile, a year of history, a check-in; invited and accepted); sets $cookie.
seed() {
  local password="Coach-bench-1234" coach_token
  local coach_email="coach-$RANDOM@example.com"
  coach_token="$(token "$coach_email" "$password")"
  local started=$SECONDS i
  for i in $(seq 1 "$athletes"); do
    local email="athlete-$i-$RANDOM@example.com" t auth
    t="$(token "$email" "$password")"
    auth="Authorization: Bearer $t"
    curl -fsS -X PUT -H "$auth" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Athlete $i\",\"trainingYears\":$((i % 6)),\"formUnderFatigue\":\"good\",\"sleepHours\":8,\"stress\":\"low\",\"goal\":\"hypertrophy\",\"unit\":\"kg\",\"trainingDays\":\"mon,wed,fri\",\"bodyweightKg\":80}" \
      "$base/api/profile" >/dev/null
    curl -fsS -H "$auth" -H 'Content-Type: text/csv' --data-binary "@$csv" "$base/api/import/strong?unit=kg" >/dev/null
    curl -fsS -X PUT -H "$auth" -H 'Content-Type: application/json' -d "{\"fatigue\":$((1 + i % 5)),\"sleepHours\":$((5 + i % 4))}" "$base/api/checkins/$today" >/dev/null
    curl -fsS -H "Authorization: Bearer $coach_token" -H 'Content-Type: application/json' -d "{\"email\":\"$email\"}" "$base/api/coaching/invitations" >/dev/null
    local invitation
    invitation="$(curl -fsS -H "$auth" "$base/api/coaching/invitations" | json_field id)"
    curl -fsS -X POST -H "$auth" "$base/api/coaching/invitations/$invitation/accept" >/dev/null
    if (( i % 25 == 0 )); then echo "  seeded $i athletes ($((SECONDS - started)) s)"; fi
  done
  local n
  n="$(curl -fsS -H "Authorization: Bearer $coach_token" "$base/api/coaching/athletes" | grep -o '"athleteId"' | wc -l)"
  echo "the coach has $n athletes"
  [[ "$n" -eq "$athletes" ]] || { echo "expected $athletes athletes" >&2; exit 1; }
  curl -fsS -c "$work/cookies" -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$coach_email\",\"password\":\"$password\"}" "$base/account/login?useCookies=true"
  cookie="$(awk '$6 == "failsafe" {print $7}' "$work/cookies")"
  [[ -n "$cookie" ]] || { echo "the cookie sign-in set no failsafe cookie" >&2; exit 1; }
  local page cards
  page="$(curl -fsS -H "Cookie: failsafe=$cookie" "$base/athletes")"
  cards="$(grep -o 'class="card athlete' <<<"$page" | wc -l)"
  echo "GET /athletes: $(grep -o '[0-9]* athletes, who needs attention first[^.]*' <<<"$page" | head -n1); $cards cards on the first page"
  grep -q "$athletes athletes, who needs attention first" <<<"$page" || { echo "the page does not count $athletes athletes" >&2; exit 1; }
}

declare -a missed=()
run() {
  local provider="$1"
  echo
  echo "== $provider =="
  if [[ "$provider" == postgres ]]; then
    cs="$(bash .ci/postgres.sh)"
    pg_admin="$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$cs")"
    pg_db="failsafe_coach_$$"
    PGPASSWORD=failsafe psql -X -q -h 127.0.0.1 -U failsafe -d "$pg_admin" -c "CREATE DATABASE \"$pg_db\"" >/dev/null
    start_server "$results/server-$provider.log" "ConnectionStrings__Failsafe=${cs/Database=$pg_admin/Database=$pg_db};SSL Mode=Disable"
  else
    rm -f "$work/coach.db"*
    start_server "$results/server-$provider.log" "FAILSAFE_DB=$work/coach.db"
  fi
  seed
  # The first view after a restart reads and decides every athlete: timed on its own, after a restart.
  cleanup_server_only
  if [[ "$provider" == postgres ]]; then
    start_server "$results/server-$provider-2.log" "ConnectionStrings__Failsafe=${cs/Database=$pg_admin/Database=$pg_db};SSL Mode=Disable"
  else
    start_server "$results/server-$provider-2.log" "FAILSAFE_DB=$work/coach.db"
  fi
  echo "first GET /athletes after a restart (every athlete read and decided): $(curl -fsS -o /dev/null -w '%{time_total}' -H "Cookie: failsafe=$cookie" "$base/athletes") s"
  for _ in $(seq 1 "$warm"); do curl -fsS -o /dev/null -H "Cookie: failsafe=$cookie" "$base/athletes"; done
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local times="$results/render-$provider.txt"
  : >"$times"
  for _ in $(seq 1 "$requests"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H "Cookie: failsafe=$cookie" "$base/athletes" >>"$times"
  done
  local size
  size="$(curl -fsS -H "Cookie: failsafe=$cookie" -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$base/athletes")"
  sort -n "$times" | awk -v n="$requests" -v size="$size" '
    { t[NR] = $1 * 1000 }
    END {
      p50 = t[int(n * 0.50 + 0.5)]; p95 = t[int(n * 0.95 + 0.5)]; max = t[n]
      printf "GET /athletes, %d requests: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d bytes as sent) — budget p95 <= 150 ms: %s\n", n, p50, p95, max, size, (p95 <= 150 ? "met" : "NOT MET")
    }' | tee "$results/render-$provider-summary.txt"

  echo "Lighthouse on /athletes ($lh_runs runs):"
  printf '{"Cookie": "failsafe=%s"}\n' "$cookie" >"$work/headers.json"
  local reports=() i
  for i in $(seq 1 "$lh_runs"); do
    local report="$results/lighthouse-$provider-$i.json" attempt ok=0
    for attempt in 1 2 3; do
      if CHROME_PATH="$chromium" node "$lh/node_modules/lighthouse/cli/index.js" "$base/athletes" --quiet \
        --only-categories=performance,accessibility,best-practices --output=json --output-path="$report" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" --extra-headers="$work/headers.json" 2>"$results/lighthouse-$provider-$i.log" &&
        ! grep -q '"runtimeError"' "$report"; then
        ok=1
        break
      fi
      echo "  run $i, attempt $attempt: Lighthouse failed; again"
    done
    [[ "$ok" -eq 1 ]] || { echo "Lighthouse failed three times" >&2; tail -n 20 "$results/lighthouse-$provider-$i.log" >&2; exit 1; }
    reports+=("$report")
  done
  node "$lh/report.mjs" "${reports[@]}" | tee "$results/lighthouse-$provider.txt"
  while IFS= read -r line; do missed+=("$provider: $line"); done < <(grep -h 'NOT MET' "$results/lighthouse-$provider.txt" "$results/render-$provider-summary.txt" | sed 's/^ *//' || true)
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  cleanup
}

for provider in $providers; do
  run "$provider"
done
echo
echo "budgets: GET /athletes (200 athletes) p95 <= 150 ms; Lighthouse performance >= 90, accessibility 100"
if [[ "${#missed[@]}" -eq 0 ]]; then
  echo "every budget met"
else
  echo "budgets NOT MET:"
  printf '  %s\n' "${missed[@]}"
fi
machine
echo "results kept in $results"
