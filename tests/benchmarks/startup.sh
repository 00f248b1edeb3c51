#!/usr/bin/env bash
# Measures the built distribution: size on disk, cold start to /api ready, restart with data kept,
# and resident memory once ready. A benchmark, not a test: it prints figures and asserts nothing.
#   Build first (mvn install -DskipTests), then: bash tests/benchmarks/startup.sh
set -euo pipefail
source "$(dirname "$0")/unpack.sh"

# Sets $elapsed; not called through $(...), which would wait on the server holding the pipe.
start() {
  local t0=$(date +%s%N)
  (cd "$dist" && nohup bin/karaf server < /dev/null > "$work/karaf.out" 2>&1 &)
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/plan"; do sleep 0.2; done
  elapsed=$(awk -v ns=$(( $(date +%s%N) - t0 )) 'BEGIN { printf "%.1f", ns / 1e9 }')
}
stop() {
  (cd "$dist" && bin/stop > /dev/null 2>&1) || true
  while pgrep -f "karaf.home=${dist%/}" > /dev/null; do sleep 0.5; done
}

echo "distribution: $(du -sh "$tarball" | cut -f1) packed, $(du -sh "$dist" | cut -f1) unpacked"
start
echo "cold start to /api ready: $elapsed s"
sleep 5
pid=$(pgrep -f "karaf.home=${dist%/}" | head -1)
echo "RSS after start: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
echo "GET /api/plan: $(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/plan") s"
stop
start
echo "restart with data kept to /api ready: $elapsed s"
stop
