#!/usr/bin/env bash
# Start-up time: from launching the packaged app to its first successful home page, on embedded H2.
# Builds nothing: run `mvn -DskipTests package` first. Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "no $jar: run 'mvn -DskipTests package' first" >&2; exit 1; }
runs=${1:-5}
port=18080
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "runs=$runs jar=$jar cpu=$(nproc) java=$(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  # first run on an empty database (migrations, 1st bank load), later runs on the existing one
  start=$(date +%s%N)
  java -Daccord.data-dir="$work/data" -Dquarkus.http.port=$port -jar "$jar" > "$work/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 $pid 2>/dev/null || { echo "the app exited; see its log:"; cat "$work/log"; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  rss=$(ps -o rss= -p $pid | tr -d ' ')
  echo "run $i: first page after $(( (end - start) / 1000000 )) ms, RSS $(( rss / 1024 )) MB"
  kill $pid; wait $pid 2>/dev/null || true
done
