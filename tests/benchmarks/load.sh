#!/usr/bin/env bash
# Load benchmark: starts the built distribution in demo mode and runs clients at once for a fixed time, mixing
# anonymous public reads (the city's progress roll-up, by two URLs, and the plan), the sample schools' weekly
# check-ins (one class-week a request, posted as the board), speed-test agents' single results (a key per school, made
# at the start) and the board's views; prints throughput and p50/p95/p99 per endpoint, failures, the goals' ratios
# (0 failures; check-in p99 ≤ 100 ms and a single-record write p99 ≤ 20 ms while the anonymous clients hammer the
# public endpoints), the CPU time the server and the clients took in the counted window, and the server's memory after
# it. The clients run on the same machine as the server.
# A benchmark, not a test: it asserts nothing.
#   Build first (mvn install -DskipTests), then:
#     bash tests/benchmarks/load.sh [seconds] [anonymous] [schools] [agents] [board] [writes/s a writer] [views/s a board client]
#   Defaults: 60 s, 50 anonymous, 20 school, 20 agent and 10 board clients (100 in all). The anonymous clients call as
#   fast as they are answered; each writer sends 2 writes a second (80 in all: a city of 185 schools checking in every
#   class within ten minutes makes about 9) and each board client opens 1 view a second, each timed from when it was
#   due. A pace of 0 makes those clients call as fast as they are answered too (everything hammering). The first 5 s
#   run but are not counted (the server compiling its hot paths).
# BENCH_DB=postgres runs the same on a throw-away PostgreSQL (see unpack.sh), for the figures beside Derby's.
# Every client here comes from 127.0.0.1, so the per-address limit on anonymous calls is lifted for the run
# (lift_anonymous_limit in unpack.sh); real anonymous clients come from many addresses.
set -euo pipefail
source "$(dirname "$0")/unpack.sh"
seconds=${1:-60}; anonymous=${2:-50}; schools=${3:-20}; agents=${4:-20}; board=${5:-10}; pace=${6:-2}; views=${7:-1}
lift_anonymous_limit "$dist"

(cd "$dist" && GIGAPLAN_DEMO=true nohup bin/karaf server < /dev/null > "$work/karaf.out" 2>&1 &)
await_demo_filled "$port"
pid=$(pgrep -f "karaf.home=${dist%/}" | head -1)
echo "database: $database"
echo "server ready, demo data filled; RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"

java -Dload.serverPid="$pid" -Dload.databasePid="$(head -1 "$work/pg/data/postmaster.pid" 2>/dev/null || true)" \
  -Dload.clockTicks="$(getconf CLK_TCK)" "$(dirname "$0")/Load.java" \
  "$port" "$seconds" "$anonymous" "$schools" "$agents" "$board" "$pace" "$views"
echo "server RSS after the load: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB (peak $(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 )) MB)"
if grep -q "OutOfMemoryError" "$dist"/data/log/*.log "$work/karaf.out" 2>/dev/null; then
  echo "OUT OF MEMORY during the run (see data/log)"
else
  echo "no out-of-memory error in the server's log"
fi
(cd "$dist" && bin/stop > /dev/null 2>&1) || true
while pgrep -f "karaf.home=${dist%/}" > /dev/null; do sleep 0.5; done
