#!/usr/bin/env bash
# Makes a benchmark database: migrated and loaded with the bank by one start of the packaged app,
# then filled by GenData.java while the app is stopped.
# Builds nothing: run `mvn -DskipTests package` first. The database kind is fixed when the jar is
# built, so PostgreSQL needs its own build, given as APP: `mvn -DskipTests -Dquarkus.profile=postgres
# package`, copy target/quarkus-app somewhere, then APP=that/quarkus-run.jar bench/gen.sh --postgres ...
# Usage: bench/gen.sh [--postgres] DIR [TOTAL_ANSWERS] [LEARNERS]   (defaults 1000000 10000)
#   H2:         DIR/data is the database.
#   PostgreSQL: the database is accord_bench (PGDATABASE to change), made again from nothing, on the
#               server psql reaches as PGUSER (default postgres) at PGHOST:PGPORT (default 127.0.0.1:5432).
# DIR/out holds the cookies and answer lines the load run needs; DIR/db says which database it was.
set -euo pipefail
cd "$(dirname "$0")/.."
db=h2
if [ "${1:-}" = "--postgres" ]; then db=postgres; shift; fi
jar=${APP:-target/quarkus-app/quarkus-run.jar}
[ -f "$jar" ] || { echo "no $jar: run 'mvn -DskipTests package' first" >&2; exit 1; }
lib=$(dirname "$jar")/lib/main
dir=${1:?usage: bench/gen.sh [--postgres] DIR [TOTAL_ANSWERS] [LEARNERS]}
total=${2:-1000000}
learners=${3:-10000}
port=${BENCH_PORT:-18937}
key=bench-session-key-0123456789abcdefghijklmnop
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
pgdb=${PGDATABASE:-accord_bench}
[ -e "$dir" ] && { echo "$dir exists; give a new folder" >&2; exit 1; }
mkdir -p "$dir"
! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "port $port is in use; set BENCH_PORT" >&2; exit 1; }
if [ $db = h2 ]; then
  echo "h2" > "$dir/db"
  target="$dir/data"
  driver=$(ls "$lib"/com.h2database.h2-*.jar | head -1)
  echo "migrating and loading the bank into $dir/data"
  ACCORD_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT=$port java -jar "$jar" > "$dir/first-start.log" 2>&1 &
else
  echo "postgres $pgdb" > "$dir/db"
  target="jdbc:postgresql://$PGHOST:$PGPORT/$pgdb"
  driver=$(ls "$lib"/org.postgresql.postgresql-*.jar | head -1)
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $pgdb" -c "CREATE DATABASE $pgdb"
  echo "migrating and loading the bank into PostgreSQL database $pgdb"
  QUARKUS_PROFILE=postgres ACCORD_DB_URL="$target" ACCORD_DB_USER="$PGUSER" ACCORD_DB_PASSWORD="${PGPASSWORD:-}" \
    QUARKUS_HTTP_PORT=$port java -jar "$jar" > "$dir/first-start.log" 2>&1 &
fi
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
  kill -0 $pid 2>/dev/null || { echo "the app exited; see $dir/first-start.log" >&2; exit 1; }
  sleep 0.2
done
kill $pid; wait $pid 2>/dev/null || true
echo "generating $total answers over $learners bulk learners (plus the fixtures)"
java -Xmx4g -cp "$driver" bench/GenData.java "$target" "$dir/out" "$total" "$learners" "$key"
if [ $db = h2 ]; then du -sh "$dir/data"; else psql -At -d "$pgdb" -c "select pg_size_pretty(pg_database_size('$pgdb'))"; fi
