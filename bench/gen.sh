#!/usr/bin/env bash
# Makes a benchmark database: a fresh H2 data dir, migrated and loaded with the bank by one start of
# the packaged app, then filled by GenData.java while the app is stopped.
# Builds nothing: run `mvn -DskipTests package` first.
# Usage: bench/gen.sh DIR [TOTAL_ANSWERS] [LEARNERS]   (defaults 1000000 10000)
# DIR/data is the database, DIR/out the cookies and answer lines the load run needs.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "no $jar: run 'mvn -DskipTests package' first" >&2; exit 1; }
h2=$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar | head -1)
dir=${1:?usage: bench/gen.sh DIR [TOTAL_ANSWERS] [LEARNERS]}
total=${2:-1000000}
learners=${3:-10000}
port=${BENCH_PORT:-18937}
key=bench-session-key-0123456789abcdefghijklmnop
[ -e "$dir" ] && { echo "$dir exists; give a new folder" >&2; exit 1; }
mkdir -p "$dir"
! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "port $port is in use; set BENCH_PORT" >&2; exit 1; }
echo "migrating and loading the bank into $dir/data"
ACCORD_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT=$port java -jar "$jar" > "$dir/first-start.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
  kill -0 $pid 2>/dev/null || { echo "the app exited; see $dir/first-start.log" >&2; exit 1; }
  sleep 0.2
done
kill $pid; wait $pid 2>/dev/null || true
echo "generating $total answers over $learners bulk learners (plus the fixtures)"
java -Xmx4g -cp "$h2" bench/GenData.java "$dir/data" "$dir/out" "$total" "$learners" "$key"
du -sh "$dir/data"
