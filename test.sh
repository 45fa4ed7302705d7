#!/usr/bin/env bash
# Runs every test of Hub: builds the solution (and the browser client), runs the xunit tests (which start
# their own PostgreSQL, silos, web nodes and Chromium) and the client's own tests, and ends with one line:
#   tests: N passed, N failed, N skipped
# `./test.sh --fast` is the inner loop (docs/decisions/010-test-tiers.md): it builds the test project only and runs
# the xunit tests marked [Trait("Tier", "Fast")] (pure rules, the text engine, the shared rule cases, grain tests
# on the in-process cluster with SQLite) and the client's tests; it needs neither PostgreSQL nor Chromium, and ends
# with the same line. The benchmarks are in neither tier (bench/Hub.Benchmarks, docs/performance.md).
# On a fresh Debian/Ubuntu machine with the .NET 10 SDK and Node 20 it installs what is missing
# (postgresql, chromium, and caddy for the fault suite's proxy) when run as root, and otherwise says exactly
# what to install.
set -uo pipefail
cd "$(dirname "$0")"

fast=false
case "${1:-}" in
  --fast) fast=true ;;
  "") ;;
  *) echo "usage: ./test.sh [--fast]"; exit 2 ;;
esac

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
command -v caddy >/dev/null || missing+=(caddy)
if [ ${#missing[@]} -gt 0 ] && [ "$fast" = false ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} …"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install ${missing[*]} failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
  else
    echo "Missing: ${missing[*]}. Install them first: sudo apt-get install -y ${missing[*]}"
    echo "tests: 0 passed, 1 failed, 0 skipped"
    exit 1
  fi
fi

results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"

started=$SECONDS
if [ "$fast" = true ]; then built=tests/Hub.Tests/Hub.Tests.csproj; else built=Hub.sln; fi
if ! dotnet build "$built" -c Release -nologo -v quiet; then
  echo "The build failed."
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi
build_seconds=$((SECONDS - started))

# The browser client's own tests (vitest): its reducer and store logic, fast and without a browser.
./web/client/run-tests.sh "$results/client.counts"

# The test project, not the solution: the benchmarks (bench/Hub.Benchmarks) are xunit tests too, run on their own.
filter=()
if [ "$fast" = true ]; then filter=(--filter "Tier=Fast"); fi
dotnet test tests/Hub.Tests/Hub.Tests.csproj -c Release --no-build -nologo "${filter[@]}" \
  --logger "trx;LogFileName=hub.trx" --logger "console;verbosity=normal" --results-directory "$results"
dotnet_status=$?

# Sum the counters of every result file (the .NET tests, and the client tests when they ran).
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done
if [ -f "$results/client.counts" ]; then
  read -r cp cf cs < "$results/client.counts"
  passed=$((passed + cp)); failed=$((failed + cf)); skipped=$((skipped + cs))
fi

# Name what failed just above the summary, so a long log's tail says which test to look at.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | grep -o 'testName="[^"]*"' | sed 's/^testName=/FAILED: /'
done
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the run itself failed (a crash, a build of the tests, a timeout): never report it green
fi
echo "build: ${build_seconds} s, tests: $((SECONDS - started - build_seconds)) s"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
