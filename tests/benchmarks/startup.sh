#!/usr/bin/env bash
# Startup benchmark: a bare Apache Karaf 4.4.10 (its own distribution, remote repositories off, the same JVM) and
# ours, one after the other on this machine, in rounds. Each round unpacks both afresh and prints the bare Karaf's
# first start to its SSH console, ours to ready (/api/health answering 200: the database answers and every endpoint
# registered for /api is served) from a fresh unpack, restarted with data kept and after kill -9, each with its ratio to
# that round's bare Karaf (goal ≤ 1.0); then the medians over the rounds, the verdict (one run moves by a tenth to a
# third here). The first round also prints the size on disk and the resident memory once ready (goal ≤ 250 MB: 5 s
# after ready, and settled 20-30 s after). A benchmark, not a test: it prints figures and asserts nothing.
# BENCH_DB=postgres starts ours on a throw-away PostgreSQL instead of its embedded Derby (see unpack.sh): the cold
# start then migrates an empty database's schema, as a first start on PostgreSQL does.
#   Build first (mvn install -DskipTests), then: bash tests/benchmarks/startup.sh [rounds]   (default 3)
set -euo pipefail
source "$(dirname "$0")/unpack.sh"
rounds=${1:-3}

seconds_since() { awk -v ns=$(( $(date +%s%N) - $1 )) 'BEGIN { printf "%.1f", ns / 1e9 }'; }
rss_of() { echo $(( $(awk '/VmRSS/ {print $2}' /proc/$1/status) / 1024 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# The bare Karaf, from the Maven repository (already there when our distribution was built).
mvn -q -o dependency:copy -Dartifact=org.apache.karaf:apache-karaf:4.4.10:zip -DoutputDirectory="$work/bare-zip" \
  > /dev/null 2>&1 || mvn -q dependency:copy -Dartifact=org.apache.karaf:apache-karaf:4.4.10:zip \
  -DoutputDirectory="$work/bare-zip" > /dev/null
bare_ssh=$(free_port); bare_rmi=$(free_port); bare_rmi2=$(free_port)
# A fresh bare Karaf in $work/bare: sets $bare.
unpack_bare() {
  rm -rf "$work/bare"; mkdir -p "$work/bare"
  (cd "$work/bare" && unzip -q "$work/bare-zip/apache-karaf-4.4.10.zip")
  bare="$work/bare/apache-karaf-4.4.10"
  sed -i "s/^sshPort = .*/sshPort = $bare_ssh/" "$bare/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort *= .*/rmiRegistryPort = $bare_rmi/; s/^rmiServerPort *= .*/rmiServerPort = $bare_rmi2/" \
    "$bare/etc/org.apache.karaf.management.cfg"
  sed -i "s|^org.ops4j.pax.url.mvn.repositories *=.*|org.ops4j.pax.url.mvn.repositories =|" \
    "$bare/etc/org.ops4j.pax.url.mvn.cfg"
}
# The bare Karaf's first start to its SSH console: sets $elapsed; leaves it running.
start_bare() {
  local t0=$(date +%s%N)
  (cd "$bare" && nohup bin/karaf server < /dev/null > "$work/bare.out" 2>&1 &)
  until (exec 3<>"/dev/tcp/127.0.0.1/$bare_ssh") 2>/dev/null; do sleep 0.1; done
  elapsed=$(seconds_since "$t0")
}
stop_bare() {
  (cd "$bare" && bin/stop > /dev/null 2>&1) || true
  while pgrep -f "karaf.home=$bare" > /dev/null; do sleep 0.5; done
}
# Ours. Sets $elapsed; not called through $(...), which would wait on the server holding the pipe.
start() {
  local t0=$(date +%s%N)
  (cd "$dist" && nohup bin/karaf server < /dev/null > "$work/karaf.out" 2>&1 &)
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/health"; do sleep 0.1; done
  elapsed=$(seconds_since "$t0")
}
stop() {
  (cd "$dist" && bin/stop > /dev/null 2>&1) || true
  while pgrep -f "karaf.home=${dist%/}" > /dev/null; do sleep 0.5; done
}

echo "ours on $database; $rounds rounds, each the bare Karaf's first start, then ours cold, restarted, after kill -9"
echo "distribution: $(du -sh "$tarball" | cut -f1) packed, $(du -sh "$dist" | cut -f1) unpacked"
bare_times=(); cold=(); restart=(); killed=()
for round in $(seq 1 "$rounds"); do
  unpack_bare
  start_bare
  bare_start=$elapsed
  if [ "$round" = 1 ]; then
    sleep 5
    bare_rss=$(rss_of "$(pgrep -f "karaf.home=$bare" | head -1)")
  fi
  stop_bare
  if [ "$round" -gt 1 ]; then
    rm -rf "$work/ours"
    unpack_distribution "$work/ours" "gigaplan_$round"
  fi
  start
  cold_start=$elapsed
  if [ "$round" = 1 ]; then
    pid=$(pgrep -f "karaf.home=${dist%/}" | head -1)
    # Resident memory swings by some 20 MB while the JVM gives freed native memory back (every 5 s): sampled each
    # second, it is printed 5 s after ready (as for the bare Karaf) and settled (the median of 20-30 s after ready).
    samples=()
    for i in $(seq 1 30); do sleep 1; samples+=("$(rss_of "$pid")"); done
    echo "ours, RSS 5 s after ready: ${samples[4]} MB; settled (median 20-30 s after ready):" \
      "$(median "${samples[@]:19:11}") MB (goal ≤ 250 MB; the bare Karaf 5 s after its console: $bare_rss MB)"
    echo "GET /api/plan: $(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/plan") s"
    # The classes the JVM mapped from its class-data archive (bin/setenv) instead of loading them: 0 says it ran
    # without one (another JDK than the build's, GIGAPLAN_CDS=off, or an archive the JVM refused).
    counters=$(jcmd "$pid" PerfCounter.print 2> /dev/null || true)
    echo "ours, classes mapped from the class-data archive:" \
      "$(sed -n 's/^java.cls.sharedLoadedClasses=//p' <<< "$counters"), loaded otherwise:" \
      "$(sed -n 's/^java.cls.loadedClasses=//p' <<< "$counters") (the JDK's own archive alone maps ~1,200)"
  fi
  # Stopped and killed settled: a node stopped while it still fills its sample data (in the background after its first
  # start) takes that up again at its next start, on the same two cores as the boot: the demo's cost, not a restart's.
  await_demo_filled "$port"
  stop
  start
  restart_start=$elapsed
  await_demo_filled "$port"
  pid=$(pgrep -f "karaf.home=${dist%/}" | head -1)
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  start
  killed_start=$elapsed
  stop
  bare_times+=("$bare_start"); cold+=("$(ratio "$cold_start" "$bare_start")")
  restart+=("$(ratio "$restart_start" "$bare_start")"); killed+=("$(ratio "$killed_start" "$bare_start")")
  echo "round $round: bare Karaf $bare_start s to its console; ours cold $cold_start s = ${cold[-1]}, restart" \
    "$restart_start s = ${restart[-1]}, after kill -9 $killed_start s = ${killed[-1]} of the bare Karaf"
done
echo "median of $rounds rounds (bare Karaf $(median "${bare_times[@]}") s): ours cold $(median "${cold[@]}"), restart" \
  "$(median "${restart[@]}"), after kill -9 $(median "${killed[@]}") of the bare Karaf (goal ≤ 1.0)"
