#!/usr/bin/env bash
# Times the everyday commands on a training log as ten years of use leave it: publishes the command line as
# README.md installs it (bench/published.sh: self-contained, ReadyToRun composite), generates the
# database (bench/Failsafe.Benchmarks `daily-db FILE [YEARS]`: ~1,560 sessions, ~39,000 sets, a year of
# check-ins, an active plan from 2026-11-23), then runs each command RUNS times as a whole process and prints
# min / median / max wall time. `failsafe --help` is the floor: runtime start and command-line parsing.
# `log` runs on a fresh copy of the database each time, so every run sees the same log.
# Usage: bash bench/daily.sh [RUNS]   (default 10; run on an idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
work="$(mktemp -d "${TMPDIR:-/tmp}/failsafe-daily.XXXXXX")"
trap 'rm -rf "$work"' EXIT
db="$work/daily.db"
scratch="$work/scratch.db"

echo "publishing the installed build (a few minutes)..."
cli="${FAILSAFE_BIN:-$(bash bench/published.sh "$work/app")}"  # FAILSAFE_BIN: an already published failsafe
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo
start=$(date +%s%N)
dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- daily-db "$db"
echo "generated in $(( ($(date +%s%N) - start) / 1000000 )) ms"
if [[ ! -s "$db" ]]; then
  echo "daily.sh: $db was not written; does bench/Failsafe.Benchmarks/Program.cs dispatch 'daily-db'?" >&2
  exit 1
fi

fresh() { rm -f "$scratch" "$scratch-wal" "$scratch-shm"; cp "$db" "$scratch"; }

# time_cmd LABEL PREPARE -- COMMAND...: runs PREPARE (untimed) then COMMAND, RUNS times after one warm-up run.
time_cmd() {
  local label="$1" prepare="$2"
  shift 3
  local times=() t0 t1
  $prepare
  "$@" > /dev/null   # warm the file cache; also checks that the command succeeds
  for _ in $(seq 1 "$runs"); do
    $prepare
    t0=$(date +%s%N)
    "$@" > /dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-58s min %5d ms   median %5d ms   max %5d ms\n' "$label" "${sorted[0]}" "${sorted[$(( runs / 2 ))]}" "${sorted[$(( runs - 1 ))]}"
}

echo
echo "$runs runs each, whole process, the installed (published) build; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
time_cmd "failsafe --help" true -- "$cli" --help
time_cmd "failsafe history --days 7 --json (open + query, no engine)" true -- "$cli" history --days 7 --json --db "$db"
time_cmd "failsafe today --date 2026-11-23" true -- "$cli" today --date 2026-11-23 --db "$db"
time_cmd "failsafe today --date 2026-11-23 --json" true -- "$cli" today --date 2026-11-23 --json --db "$db"
time_cmd "failsafe log \"leg press\" 150x10@8 --date 2026-11-23" fresh -- "$cli" log "leg press" 150x10@8 --date 2026-11-23 --db "$scratch"
time_cmd "failsafe status --date 2026-11-23 --json" true -- "$cli" status --date 2026-11-23 --json --db "$db"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
