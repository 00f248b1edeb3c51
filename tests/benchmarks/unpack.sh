# Sourced by the benchmarks: unpacks the built distribution into a temporary folder (removed on exit, its Karaf
# stopped) and gives it free loopback ports. Sets $root, $work, $dist, $port (HTTP) and $database. With
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
tar -xzf "$tarball" -C "$work"
dist=$(ls -d "$work"/*/)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); ssh=$(free_port)
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $port/" "$dist/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort = .*/sshPort = $ssh/" "$dist/etc/org.apache.karaf.shell.cfg"
database="Derby (embedded)"
case "${BENCH_DB:-derby}" in
  derby) ;;
  postgres) source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"; pg_point "$dist" gigaplan ;;
  *) echo "BENCH_DB is derby (the default) or postgres, not ${BENCH_DB}"; exit 1 ;;
esac
