#!/usr/bin/env bash
# Cluster load benchmark: the load benchmark (Load.java, as load.sh runs it) on PostgreSQL, first against one node,
# then against two nodes behind HAProxy, everything on this machine: a throw-away PostgreSQL cluster from the
# machine's packages on a free loopback port, the built distribution unpacked twice, HAProxy (apt-get install haproxy)
# with health checks on /api/health. Each run gets an empty database and demo data. On a 2-core machine the two
# nodes share the cores the one node had: the point is what the balancer and a second JVM cost, not a speed-up.
# A benchmark, not a test: it asserts nothing.
#   Build first (mvn install -DskipTests), then: bash tests/benchmarks/cluster-load.sh [seconds]   (default 40)
set -euo pipefail
command -v haproxy > /dev/null || { echo "HAProxy is not installed: apt-get install haproxy"; exit 1; }
BENCH_DB=postgres
source "$(dirname "$0")/unpack.sh"
seconds=${1:-40}
on_exit+=("pkill -f 'haproxy -f $work' 2>/dev/null")
echo "$database"

# node <folder> <database>: a node unpacked in $work/<folder> on its own ports and that database; sets $dist and
# $node_port (HTTP).
node() {
  node_port=$(free_port)
  unpack_distribution "$work/$1" "$2" "$node_port" "$(free_port)"
  lift_anonymous_limit "$dist"
}
start() { (cd "$1" && GIGAPLAN_DEMO=true nohup bin/karaf server < /dev/null > "$1/karaf.out" 2>&1 &); }
rss() {
  local pid; pid=$(pgrep -f "karaf.home=${1%/}" | head -1)
  echo $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
}
stop_all() {
  for d in "$@"; do (cd "$d" && bin/stop > /dev/null 2>&1) || true; done
  while pgrep -f "karaf.home=$work" > /dev/null; do sleep 0.5; done
}

echo "=== one node on PostgreSQL ==="
one=$dist
lift_anonymous_limit "$one"
start "$one"; await_demo_filled "$port"
java "$root/tests/benchmarks/Load.java" "$port" "$seconds" 50 20 20 10 0 0
echo "node RSS after the load: $(rss "$one") MB"
stop_all "$one"

echo "=== two nodes on PostgreSQL behind HAProxy ==="
node nodea two; a=$dist; pa=$node_port
node nodeb two; b=$dist; pb=$node_port
start "$a"; start "$b"; await_demo_filled "$pa"; await_demo_filled "$pb"
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
echo "nodes' RSS after the load: $(rss "$a") MB and $(rss "$b") MB"
stop_all "$a" "$b"
