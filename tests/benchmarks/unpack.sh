# Sourced by the benchmarks: unpacks the built distribution into a temporary folder (removed on exit, its Karaf
# stopped) and gives it free loopback ports. Sets $root, $work, $dist, $port (HTTP) and $database, and defines
# unpack_distribution (another copy), lift_anonymous_limit and await_demo_filled for the benchmarks. With
# BENCH_DB=postgres the distribution runs on a throw-away PostgreSQL (postgres.sh), as -Dbench.db=postgres does for the
# Maven benchmarks; by default on its embedded Derby.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tarball=$(ls "$root"/karaf-distribution/target/org.gigaplan.distribution-*.tar.gz)
work=$(mktemp -d)
# What else to stop on exit, after the Karafs and before the folder goes (a database server).
on_exit=()
cleanup() {
  kill $(pgrep -f "karaf.home=$work") 2>/dev/null || true
  for i in $(seq 1 100); do pgrep -f "karaf.home=$work" > /dev/null || break; sleep 0.2; done
  kill -9 $(pgrep -f "karaf.home=$work") 2>/dev/null || true
  for step in "${on_exit[@]}"; do eval "$step" || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); ssh=$(free_port)
database="Derby (embedded)"
case "${BENCH_DB:-derby}" in
  derby) ;;
  postgres) source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh" ;;
  *) echo "BENCH_DB is derby (the default) or postgres, not ${BENCH_DB}"; exit 1 ;;
esac

# unpack_distribution <folder> <database name> [HTTP port] [SSH port]: a fresh copy of the distribution in the folder
# (made), on $port and $ssh unless given; on PostgreSQL on the database of that name. Sets $dist to its home.
unpack_distribution() {
  mkdir -p "$1"
  tar -xzf "$tarball" -C "$1"
  dist=$(ls -d "$1"/org.gigaplan.distribution-*/)
  sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = ${3:-$port}/" \
    "$dist/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort = .*/sshPort = ${4:-$ssh}/" "$dist/etc/org.apache.karaf.shell.cfg"
  if [ "${BENCH_DB:-derby}" = postgres ]; then
    pg_point "$dist" "$2"
  fi
}

# lift_anonymous_limit <distribution>: every client of a load run comes from 127.0.0.1, so the per-address limit on
# anonymous calls (anonymousPerMinute in etc/org.gigaplan.platform.api.cfg) is lifted; real clients come from many.
lift_anonymous_limit() {
  sed -i -e 's/^anonymousPerMinute = .*/anonymousPerMinute = 100000000/' \
    -e 's/^anonymousBurst = .*/anonymousBurst = 100000000/' "$1/etc/org.gigaplan.platform.api.cfg"
}

# await_demo_filled <HTTP port>: until the node is ready and every module's demo data is filled (in the background
# after start); gives up after five minutes.
await_demo_filled() {
  for i in $(seq 1 300); do
    curl -s "http://127.0.0.1:$1/api/health" | grep '"ready":true' | grep '"id":"outreach"' \
      | grep -q '"demoFillsPending":0' && return 0
    sleep 1
  done
  echo "not ready after 300 s: $(curl -s "http://127.0.0.1:$1/api/health")"; exit 1
}

unpack_distribution "$work" gigaplan
