#!/usr/bin/env bash
# Request latency and throughput of the built distribution in demo mode: one client after another, then 16
# clients at once, each logged in as the demo board (HTTP Basic). A benchmark, not a test: it prints figures.
#   Build first (mvn install -DskipTests), then: bash tests/benchmarks/requests.sh
#   On PostgreSQL: GIGAPLAN_BENCH_PG_URL=jdbc:postgresql://127.0.0.1:5432/gigaplan_bench GIGAPLAN_BENCH_PG_USER=…
#   GIGAPLAN_BENCH_PG_PASSWORD=… bash tests/benchmarks/requests.sh   (an empty database: the run fills it)
#   Without the connection pool, for comparison: GIGAPLAN_BENCH_UNPOOLED=1
set -euo pipefail
source "$(dirname "$0")/unpack.sh"
ds="$dist/etc/org.ops4j.datasource-gigaplan.cfg"
database=derby
if [ -n "${GIGAPLAN_BENCH_PG_URL:-}" ]; then
  database=postgresql
  sed -i "s|^osgi.jdbc.driver.name = .*|osgi.jdbc.driver.name = PostgreSQL JDBC Driver|; s|^url = .*|url = $GIGAPLAN_BENCH_PG_URL|" "$ds"
  printf 'user = %s\npassword = %s\n' "${GIGAPLAN_BENCH_PG_USER:-gigaplan}" "${GIGAPLAN_BENCH_PG_PASSWORD:-}" >> "$ds"
fi
pooling=pooled
if [ -n "${GIGAPLAN_BENCH_UNPOOLED:-}" ]; then
  pooling=unpooled
  sed -i '/^pool =/d; /^xa =/d; /^hikari\./d' "$ds"
fi

(cd "$dist" && GIGAPLAN_DEMO=true nohup bin/karaf server < /dev/null > "$work/karaf.out" 2>&1 &)
until [ "$(curl -s -o /dev/null -w '%{http_code}' -u demo-board:demo "http://127.0.0.1:$port/api/progress?fiscalYear=2025")" = 200 ]; do
  sleep 1
done
# Demo data is filled in the background after start; measure once every module has filled it.
until curl -s "http://127.0.0.1:$port/api/health" | grep '"id":"outreach"' | grep -q '"demoFillsPending":0'; do
  sleep 1
done
echo "database: $database, connections $pooling"
python3 - "$port" <<'PY'
import base64, http.client, sys, threading, time
from collections import Counter
port = int(sys.argv[1])
# Any type: the year's report answers PDF and CSV, the rest JSON.
headers = {'Accept': '*/*', 'Authorization': 'Basic ' + base64.b64encode(b'demo-board:demo').decode()}

def one_after_another(path, n):
    c = http.client.HTTPConnection('127.0.0.1', port)
    for _ in range(5):
        c.request('GET', path, headers=headers); c.getresponse().read()
    t = time.time()
    for _ in range(n):
        c.request('GET', path, headers=headers); r = c.getresponse(); r.read()
    return (time.time() - t) / n * 1000

def at_once(path, clients, each):
    answers = []
    def client():
        c = http.client.HTTPConnection('127.0.0.1', port)
        for _ in range(each):
            c.request('GET', path, headers=headers); r = c.getresponse(); r.read(); answers.append(r.status)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    t = time.time(); [x.start() for x in threads]; [x.join() for x in threads]
    return dict(Counter(answers)), len(answers) / (time.time() - t)

for path, n in [('/api/schools', 300), ('/api/environment/network/status', 100), ('/api/progress?fiscalYear=2025', 20),
                ('/api/report/csv?fiscalYear=2025', 50), ('/api/report/pdf?fiscalYear=2025', 20)]:
    print('%-36s one after another: %6.1f ms per request' % (path, one_after_another(path, n)))
for path, each in [('/api/schools', 100), ('/api/environment/network/status', 30)]:
    statuses, rate = at_once(path, 16, each)
    print('%-36s 16 clients at once: %6.0f requests/s, answers %s' % (path, rate, statuses))
PY
(cd "$dist" && bin/stop > /dev/null 2>&1) || true
while pgrep -f "karaf.home=${dist%/}" > /dev/null; do sleep 0.5; done
