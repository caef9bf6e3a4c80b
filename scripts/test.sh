#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine and ends with "N passed, N failed[, N skipped]".
# Needs only the .NET SDK named in global.json; everything else is restored from NuGet, except Debian's chromium and
# chromium-driver for the dashboard's browser test and redis-server for the cluster tests, installed here (as root) when missing.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the suite needs: chromium and chromium-driver (the dashboard's browser test), redis-server (the cluster tests).
packages=()
command -v chromium >/dev/null && command -v chromedriver >/dev/null || packages+=(chromium chromium-driver)
command -v redis-server >/dev/null || packages+=(redis-server)
if (( ${#packages[@]} > 0 )); then
  apt_log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    echo "Could not install ${packages[*]}: the tests that need them will fail." >&2
  fi
  rm -f "$apt_log"
fi

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
