#!/usr/bin/env bash
# Publishes the command line exactly as README.md tells users to install it (self-contained, ReadyToRun
# composite: the app and the .NET runtime precompiled together, so almost nothing is JIT-compiled at start-up)
# into DIR (default: a folder under $TMPDIR) and prints the path of the `failsafe` executable.
# The benchmarks time this build, the one users run.  Usage: bash bench/published.sh [DIR]   (RID=linux-x64 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-${TMPDIR:-/tmp}/failsafe-published}"
rid="${RID:-linux-x64}"
dotnet publish src/Failsafe.Cli -c Release -r "$rid" --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$dir" -v quiet -nologo > /dev/null
echo "$dir/failsafe"
