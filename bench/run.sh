#!/usr/bin/env bash
# Prints the figures in bench/README.md: the engine in-process (BenchmarkDotNet) and the whole
# `failsafe evaluate` process on a generated 10-year scenario. Run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${TMPDIR:-/tmp}/failsafe-bench-10y.json"

dotnet build -c Release src/Failsafe.Cli/Failsafe.Cli.csproj -v quiet -nologo
dotnet build -c Release bench/Failsafe.Benchmarks/Failsafe.Benchmarks.csproj -v quiet -nologo
dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- generate "$scenario"

cli=src/Failsafe.Cli/bin/Release/net10.0/failsafe.dll
dotnet "$cli" evaluate "$scenario" --json > /dev/null   # warm the file cache
times=()
for _ in $(seq 1 10); do
  start=$(date +%s%N)
  dotnet "$cli" evaluate "$scenario" --json > /dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "failsafe evaluate (whole process, 10 runs): median ${sorted[5]} ms, min ${sorted[0]} ms, max ${sorted[9]} ms"

dotnet run -c Release --no-build --project bench/Failsafe.Benchmarks -- --filter '*' "$@"
