#!/usr/bin/env bash
# Cluster load benchmark: the load benchmark (Load.java, as load.sh runs it) on PostgreSQL, first against one node,
# then against two nodes behind HAProxy, everything on this machine: a throw-away PostgreSQL cluster from the
# machine's packages on a free loopback port, the built distribution unpacked twice, HAProxy (apt-get install haproxy)
# with health checks on /api/health. Each run gets an empty database and demo data. On a 2-core machine the two
# nodes share the cores the one node had: the point is what the balancer and a second JVM cost, not a speed-up.
# A benchmark, not a test: it asserts nothing.
#   Build first (mvn install -DskipTests), then: bash tests/benchmarks/cluster-load.sh [seconds]   (default 40)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tarball=$(ls "$root"/karaf-distribution/target/org.gigaplan.distribution-*.tar.gz)
seconds=${1:-40}
work=$(mktemp -d)
# What to stop on exit, after HAProxy and the nodes (the PostgreSQL cluster: postgres.sh).
on_exit=()
cleanup() {
  pkill -f "haproxy -f $work" 2>/dev/null || true
  kill $(pgrep -f "karaf.home=$work") 2>/dev/null || true
  for step in "${on_exit[@]}"; do eval "$step" || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
command -v haproxy > /dev/null || { echo "HAProxy is not installed: apt-get install haproxy"; exit 1; }
source "$root/tests/benchmarks/postgres.sh"
echo "$database"

# node <name> <database>: unpacks a node on the database, prints its HTTP port
node() {
  mkdir -p "$work/$1"; tar -xzf "$tarball" -C "$work/$1"
  local dist; dist=$(ls -d "$work/$1"/*/)
  local port; port=$(free_port)
  sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $port/" "$dist/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort = .*/sshPort = $(free_port)/" "$dist/etc/org.apache.karaf.shell.cfg"
  sed -i 's/^anonymousPerMinute = .*/anonymousPerMinute = 100000000/; s/^anonymousBurst = .*/anonymousBurst = 100000000/' \
    "$dist/etc/org.gigaplan.platform.api.cfg"
  pg_point "$dist" "$2" > /dev/null
  echo "$port"
}
start() { (cd "$(ls -d "$work/$1"/*/)" && GIGAPLAN_DEMO=true nohup bin/karaf server < /dev/null > "$work/$1.out" 2>&1 &); }
ready() {
  for i in $(seq 1 300); do
    curl -s "http://127.0.0.1:$1/api/health" | grep '"ready":true' | grep '"id":"outreach"' | grep -q '"demoFillsPending":0' && return 0
    sleep 1
  done
  echo "not ready after 300 s: $(curl -s "http://127.0.0.1:$1/api/health")"; exit 1
}
rss() { local pid; pid=$(pgrep -f "karaf.home=$work/$1" | head -1); echo $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )); }
stop_all() {
  for d in "$work"/node*/*/; do (cd "$d" && bin/stop > /dev/null 2>&1) || true; done
  while pgrep -f "karaf.home=$work" > /dev/null; do sleep 0.5; done
}

echo "=== one node on PostgreSQL ==="
p1=$(node node1 one); start node1; ready "$p1"
java "$root/tests/benchmarks/Load.java" "$p1" "$seconds" 50 20 20 10 0 0
echo "node RSS after the load: $(rss node1) MB"
stop_all; rm -rf "$work/node1"

echo "=== two nodes on PostgreSQL behind HAProxy ==="
pa=$(node nodea two); pb=$(node nodeb two)
start nodea; start nodeb; ready "$pa"; ready "$pb"
lb=$(free_port)
cat > "$work/haproxy.cfg" <<EOF
global
    maxconn 1024
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    option redispatch
    retry-on conn-failure
frontend gigaplan
    bind 127.0.0.1:$lb
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /api/health
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    server a 127.0.0.1:$pa check
    server b 127.0.0.1:$pb check
EOF
haproxy -f "$work/haproxy.cfg" -db > "$work/haproxy.log" 2>&1 &
sleep 2
java "$root/tests/benchmarks/Load.java" "$lb" "$seconds" 50 20 20 10 0 0
echo "nodes' RSS after the load: $(rss nodea) MB and $(rss nodeb) MB"
stop_all
