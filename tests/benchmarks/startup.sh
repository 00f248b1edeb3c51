#!/usr/bin/env bash
# Startup benchmark: a bare Apache Karaf 4.4.10 (its own distribution, remote repositories off, the same JVM) and
# ours, one after the other on this machine. Prints the bare Karaf's start to its SSH console, ours to ready
# (/api/health answering 200: the database answers and every endpoint registered for /api is served), the ratio
# (goal ≤ 1.0), ours restarted with data kept and after kill -9, the size on disk and resident memory once ready
# (goal ≤ 250 MB: 5 s after ready, and settled 20-30 s after). A benchmark, not a test: it prints figures and asserts
# nothing. BENCH_DB=postgres starts ours on a throw-away PostgreSQL instead of its embedded Derby (see unpack.sh):
# the cold start then migrates the empty database's schema, as a first start on PostgreSQL does.
#   Build first (mvn install -DskipTests), then: bash tests/benchmarks/startup.sh
set -euo pipefail
source "$(dirname "$0")/unpack.sh"

seconds_since() { awk -v ns=$(( $(date +%s%N) - $1 )) 'BEGIN { printf "%.1f", ns / 1e9 }'; }
rss_of() { echo $(( $(awk '/VmRSS/ {print $2}' /proc/$1/status) / 1024 )); }

# The bare Karaf, from the Maven repository (already there when our distribution was built).
mvn -q -o dependency:copy -Dartifact=org.apache.karaf:apache-karaf:4.4.10:zip -DoutputDirectory="$work/bare-zip" \
  > /dev/null 2>&1 || mvn -q dependency:copy -Dartifact=org.apache.karaf:apache-karaf:4.4.10:zip \
  -DoutputDirectory="$work/bare-zip" > /dev/null
(cd "$work" && unzip -q bare-zip/apache-karaf-4.4.10.zip)
bare="$work/apache-karaf-4.4.10"
bare_ssh=$(free_port); bare_http=$(free_port); bare_rmi=$(free_port); bare_rmi2=$(free_port)
sed -i "s/^sshPort = .*/sshPort = $bare_ssh/" "$bare/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *= .*/rmiRegistryPort = $bare_rmi/; s/^rmiServerPort *= .*/rmiServerPort = $bare_rmi2/" \
  "$bare/etc/org.apache.karaf.management.cfg"
sed -i "s|^org.ops4j.pax.url.mvn.repositories *=.*|org.ops4j.pax.url.mvn.repositories =|" "$bare/etc/org.ops4j.pax.url.mvn.cfg"
t0=$(date +%s%N)
(cd "$bare" && nohup bin/karaf server < /dev/null > "$work/bare.out" 2>&1 &)
until (exec 3<>"/dev/tcp/127.0.0.1/$bare_ssh") 2>/dev/null; do sleep 0.1; done
bare_start=$(seconds_since "$t0")
sleep 5
bare_pid=$(pgrep -f "karaf.home=$bare" | head -1)
bare_rss=$(rss_of "$bare_pid")
(cd "$bare" && bin/stop > /dev/null 2>&1) || true
while pgrep -f "karaf.home=$bare" > /dev/null; do sleep 0.5; done

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
ratio() { awk -v a="$1" -v b="$bare_start" 'BEGIN { printf "%.2f", a / b }'; }

echo "ours on $database"
echo "distribution: $(du -sh "$tarball" | cut -f1) packed, $(du -sh "$dist" | cut -f1) unpacked"
echo "bare Apache Karaf 4.4.10, start to its SSH console: $bare_start s; RSS 5 s later: $bare_rss MB"
start
echo "ours, cold start to ready (/api/health 200): $elapsed s = $(ratio "$elapsed") of the bare Karaf (goal ≤ 1.0)"
pid=$(pgrep -f "karaf.home=${dist%/}" | head -1)
# Resident memory swings by some 20 MB while the JVM gives freed native memory back (every 5 s): sampled each second,
# it is printed 5 s after ready (as for the bare Karaf) and settled (the median of the samples 20-30 s after ready).
samples=()
for i in $(seq 1 30); do sleep 1; samples+=("$(rss_of "$pid")"); done
settled=$(printf '%s\n' "${samples[@]:19:11}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "ours, RSS 5 s after ready: ${samples[4]} MB; settled (median 20-30 s after ready): $settled MB" \
  "(goal ≤ 250 MB; the bare Karaf 5 s after its console: $bare_rss MB)"
echo "GET /api/plan: $(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/plan") s"
stop
start
echo "ours, restart with data kept to ready: $elapsed s = $(ratio "$elapsed") of the bare Karaf"
pid=$(pgrep -f "karaf.home=${dist%/}" | head -1)
kill -9 "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
start
echo "ours, restart after kill -9 to ready: $elapsed s = $(ratio "$elapsed") of the bare Karaf"
stop
