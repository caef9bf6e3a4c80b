#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine and ends with "N passed, N failed[, N skipped]".
# Needs only the .NET SDK named in global.json; everything else is restored from NuGet.
set -uo pipefail
cd "$(dirname "$0")/.."

results="TestResults"
rm -rf "$results"
dotnet test Orleans.Inference.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

trx="$results/results.trx"
if [[ ! -f "$trx" ]]; then
  echo "0 passed, 1 failed"
  echo "No test results were written (the build or the test host failed)." >&2
  exit 1
fi

counter() { grep -o "<Counters [^>]*" "$trx" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*"; }
passed=$(counter passed); failed=$(counter failed); total=$(counter total); executed=$(counter executed)
skipped=$(( total - executed ))
line="$passed passed, $failed failed"
(( skipped > 0 )) && line="$line, $skipped skipped"
echo "$line"
if (( status == 0 && executed == 0 )); then
  echo "No test ran." >&2
  exit 1
fi
exit $status
