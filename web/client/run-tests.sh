#!/usr/bin/env bash
# Runs the client's unit tests (vitest) and writes "passed failed skipped" to the file given as $1
# (test.sh reads TestResults/client.counts). Installs node_modules first when they are missing or stale.
set -uo pipefail
cd "$(dirname "$0")"
counts="${1:?usage: run-tests.sh COUNTS_FILE}"
mkdir -p "$(dirname "$counts")"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >/dev/null || { echo "client: npm ci failed"; echo "0 1 0" > "$counts"; exit 1; }
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
status=$?

if [ -s "$report" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
    let failed = r.numFailedTests || 0;
    if (r.success === false && failed === 0) failed = 1; // a suite that failed to load counts as a failure
    console.log(`${r.numPassedTests || 0} ${failed} ${skipped}`);
  ' "$report" > "$counts"
else
  echo "0 1 0" > "$counts"
  status=1
fi
read -r p f s < "$counts"
echo "client: $p passed, $f failed, $s skipped"
[ "$status" -eq 0 ] && [ "$f" -eq 0 ]
