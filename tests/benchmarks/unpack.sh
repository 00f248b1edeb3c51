# Sourced by the benchmarks: unpacks the built distribution into a temporary folder (removed on exit, its Karaf
# stopped) and gives it free loopback ports. Sets $root, $work, $dist and $port (HTTP).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tarball=$(ls "$root"/karaf-distribution/target/org.gigaplan.distribution-*.tar.gz)
work=$(mktemp -d)
trap 'kill $(pgrep -f "karaf.home=$work") 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
dist=$(ls -d "$work"/*/)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); ssh=$(free_port)
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $port/" "$dist/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort = .*/sshPort = $ssh/" "$dist/etc/org.apache.karaf.shell.cfg"
