#!/usr/bin/env bash
# Runs ADL's LRS conformance test suite (github adlnet/lrs-conformance-test-suite, a public repository kept out of
# ours) against the built distribution, with the LRS keeping Statements whole (xapiIdentities = encrypted, or what
# XAPI_IDENTITIES says), as a school's agent key by HTTP Basic. Prints the suite's summary and leaves its full log in
# target/.
#
#   [XAPI_IDENTITIES=pseudonym] tests/lrs-conformance/run.sh <suite folder, npm-installed> [xAPI version, default
#   1.0.3] [extra suite options]
#
# Needs the distribution built (mvn install -DskipTests), Node 18+ and the suite's `npm install` done.
set -euo pipefail
suite=$(cd "${1:?the suite folder}" && pwd)
version=${2:-1.0.3}
shift $(( $# > 1 ? 2 : 1 ))
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$here/target"
rm -rf "$work" && mkdir -p "$work"
tar -xzf "$root"/karaf-distribution/target/*.tar.gz -C "$work"
karaf=$(ls -d "$work"/*/ | head -1)
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Sets key = value in a .cfg file: the line replaced, or added.
setprop() {
  python3 - "$1" "$2" "$3" <<'PY'
import re, sys
path, key, value = sys.argv[1:]
lines = open(path, encoding="latin-1").read().splitlines()
line = f"{key} = {value}"
hit = [i for i, l in enumerate(lines) if re.match(r"\s*" + re.escape(key) + r"\s*[=:]", l)]
for i in hit:
    lines[i] = line
if not hit:
    lines.append(line)
open(path, "w", encoding="latin-1").write("\n".join(lines) + "\n")
PY
}
port=$(free)
setprop "$karaf/etc/org.ops4j.pax.web.cfg" org.ops4j.pax.web.listening.addresses 127.0.0.1
setprop "$karaf/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$port"
setprop "$karaf/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
setprop "$karaf/etc/org.apache.karaf.shell.cfg" sshPort "$(free)"
echo "xapiIdentities = ${XAPI_IDENTITIES:-encrypted}" >> "$karaf/etc/org.gigaplan.environment.cfg"
# The version an answer names when the request names none: the suite's own (its versioning tests ask so).
echo "xapiVersion = $version" >> "$karaf/etc/org.gigaplan.environment.cfg"
# A board user for making the key; the suite itself uses the key.
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "lrs-board = $password, board" >> "$karaf/etc/users.properties"
"$karaf/bin/start"
trap '"$karaf/bin/stop" >/dev/null 2>&1 || true' EXIT
api="http://127.0.0.1:$port/api"
for i in $(seq 1 180); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/health")" = 200 ] && break
  sleep 1
done
key=$(curl -sf -u "lrs-board:$password" -H 'Content-Type: application/json' \
  -d '{"schoolId":"S-E01","label":"ADL LRS conformance suite"}' "$api/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
user=${key:0:20}
secret=${key:21}
cd "$suite"
set +e
node bin/console_runner.js -e "$api/environment/xapi" -a -u "$user" -p "$secret" -x "$version" "$@" \
  > "$work/suite.log" 2>&1
set -e
grep -E "^\s*(passing|failing|pending)|[0-9]+ (passing|failing|pending)" "$work/suite.log" | tail -5 || true
tail -20 "$work/suite.log"
