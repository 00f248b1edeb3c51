# Sourced by the benchmarks, after $work, free_port and the on_exit list are set (unpack.sh sets them): a throw-away
# PostgreSQL cluster from the machine's packages (apt-get install postgresql) in $work, on a free loopback port, fsync
# off, stopped on exit; and pg_point, which points an unpacked distribution at a database of it (made empty when new),
# as an operator does (etc/org.ops4j.datasource-gigaplan.cfg; the schema is migrated at the distribution's start). Sets
# $database to what the benchmark runs on, for its report.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { echo "PostgreSQL is not installed: apt-get install postgresql"; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown postgres "$work" "$work/pg"
pgport=$(free_port)
as_pg "$pgbin/initdb" -D "$work/pg/data" -U gigaplan -A trust -E UTF8 --no-sync > /dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -w -l "$work/pg/log" -o "-p $pgport -h 127.0.0.1 -k $work/pg -F" start \
  > /dev/null
on_exit+=("as_pg '$pgbin/pg_ctl' -D '$work/pg/data' -m immediate -w stop > /dev/null 2>&1")
database="PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') (port $pgport, fsync off)"

# pg_point <distribution folder> <database name>: the database made when it is not there yet (nodes share one)
pg_point() {
  as_pg "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U gigaplan -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$2'" | grep -q 1 \
    || as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U gigaplan "$2"
  sed -i "s#^osgi.jdbc.driver.name = .*#osgi.jdbc.driver.name = PostgreSQL JDBC Driver#; \
    s#^url = .*#url = jdbc:postgresql://127.0.0.1:$pgport/$2?reWriteBatchedInserts=true\nuser = gigaplan\npassword =#" \
    "$1/etc/org.ops4j.datasource-gigaplan.cfg"
}
