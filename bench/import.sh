#!/usr/bin/env bash
# Import benchmark: generates an export of SETS sets (default 1,000,000) in LAYOUT — Strong's comma, semicolon or
# quoted (default comma), imported with `failsafe import strong`; or another app's (hevy, fitnotes, fitbod, liftosaur,
# stronglifts, jefit), imported with `failsafe import` as detected — into a fresh, already-migrated database, and
# prints sets/s (whole process: start-up, detection, parse, write, index build, commit) and peak resident memory.
#   bench/import.sh [SETS] [LAYOUT]        RUNS=3 by default; the median run is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
sets="${1:-1000000}"
layout="${2:-comma}"
runs="${RUNS:-3}"
work="${TMPDIR:-/tmp}/failsafe-bench-import"
mkdir -p "$work"
csv="$work/export-$layout-$sets.csv"
db="$work/import.db"
empty="$work/empty.db"

# The installed build (bench/published.sh, as README.md installs it).
cli="${FAILSAFE_BIN:-$(bash bench/published.sh "$work/app")}"  # FAILSAFE_BIN: an already published failsafe
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo > /dev/null
command=(import strong)
case "$layout" in
  comma|semicolon|quoted) generate=(strong-csv "$csv" "$sets" "$layout") ;;
  *) generate=(app-export "$csv" "$sets" "$layout"); command=(import) ;;
esac
if [[ ! -s "$csv" ]]; then
  dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- "${generate[@]}"
fi
unit=()
[[ "$layout" == comma ]] && unit=(--unit kg)

# An empty log, created and migrated once (by importing the header alone), copied fresh for every run.
rm -f "$empty" "$empty-wal" "$empty-shm"
printf 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n' > "$work/header.csv"
"$cli" import strong "$work/header.csv" --db "$empty" > /dev/null
cat "$csv" > /dev/null # warm the file cache

# Runs the import once; prints "milliseconds peak-kB".
run_once() {
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$empty" "$db"
  local start end peak
  start=$(date +%s%N)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$work/time.txt" "$cli" "${command[@]}" "$csv" "${unit[@]}" --db "$db" > "$work/summary.txt"
    end=$(date +%s%N)
    peak=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")
  else
    # No GNU time: poll the process's high-water mark (VmHWM) in /proc until it exits.
    "$cli" "${command[@]}" "$csv" "${unit[@]}" --db "$db" > "$work/summary.txt" &
    local pid=$! hwm
    peak=0
    while kill -0 "$pid" 2> /dev/null; do
      hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2> /dev/null || echo 0)
      [[ -n "$hwm" && "$hwm" -gt "$peak" ]] && peak=$hwm
      sleep 0.02
    done
    wait "$pid"
    end=$(date +%s%N)
  fi
  echo "$(( (end - start) / 1000000 )) $peak"
}

results=()
for i in $(seq 1 "$runs"); do
  r=$(run_once)
  results+=("$r")
  read -r ms kb <<< "$r"
  echo "run $i: $ms ms, peak $(( kb / 1024 )) MB"
done
head -n 1 "$work/summary.txt"
read -r ms kb <<< "$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
imported=$(grep -oE '[0-9,]+ sets?' "$work/summary.txt" | head -n 1 | tr -dc '0-9')
echo "failsafe ${command[*]} ($layout layout, $imported sets, median of $runs): ${ms} ms, $(( imported * 1000 / (ms > 0 ? ms : 1) )) sets/s, peak RSS $(( kb / 1024 )) MB"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null || uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo '?')"
