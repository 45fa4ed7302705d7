#!/usr/bin/env bash
# Measures embedded start-up: from launching a command to /health/ready answering 200, on an empty data
# directory, a few times. The numbers in docs/performance.md ("Start-up") come from it.
#
#   bench/startup.sh [runs]        (from anywhere; build first: dotnet build web && dotnet build Hub.sln -c Release)
#
# It measures `dotnet run --project web` (data in web/data) and `dotnet web/bin/Release/net10.0/Hub.Web.dll`
# started from the repository root (data in ./data). Both data folders are deleted before each run. The
# processes listen on port 5100 and silo ports 11200/30200, so that a Hub already running on the defaults
# is left alone.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
url=http://127.0.0.1:5100/health/ready

measure() {
  local label=$1 data=$2; shift 2
  rm -rf "$data"
  local load start pid result=timeout
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  setsid env ASPNETCORE_URLS=http://127.0.0.1:5100 Hub__Silo__Port=11200 Hub__Silo__GatewayPort=30200 "$@" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url")" = 200 ]; then
      result=$(echo "$(date +%s.%N) - $start" | bc); break
    fi
    sleep 0.05
  done
  # SIGTERM, not SIGINT: a background job of a script starts with SIGINT ignored.
  kill -TERM -- "-$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  printf '%-50s %8.2f s   (load average before: %s)\n' "$label" "$result" "$load"
  rm -rf "$data"
}

for _ in $(seq 1 "$runs"); do
  measure "dotnet run --project web" web/data dotnet run --project web
  measure "dotnet web/bin/Release/net10.0/Hub.Web.dll" data dotnet web/bin/Release/net10.0/Hub.Web.dll
done
