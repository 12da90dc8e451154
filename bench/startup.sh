#!/usr/bin/env bash
# Start-up time: from launching the packaged app to its first successful home page, on embedded H2.
# Builds nothing: run `mvn -DskipTests package` first. Usage: bench/startup.sh [runs]
# The first run starts on an empty database (migrations, first bank load), later runs on that one.
# Env: APP (the jar, default target/quarkus-app/quarkus-run.jar), JAVA (default java), JAVA_OPTS (JVM
# flags for every start). With a JDK of 25 or later (e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java):
# AOT_CACHE=file times starts with a cache made by ops/aot-train.sh (give the single jar it was made
# for as APP), or AOT=1 first makes a cache in a training start (not timed) and times starts with it.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${APP:-target/quarkus-app/quarkus-run.jar}
[ -f "$jar" ] || { echo "no $jar: run 'mvn -DskipTests package' first" >&2; exit 1; }
runs=${1:-5}
java=${JAVA:-java}
port=18080
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=()
echo "runs=$runs jar=$jar cpu=$(nproc) java=$("$java" -version 2>&1 | head -1)${AOT:+ with an AOT cache}${AOT_CACHE:+ with AOT cache $AOT_CACHE} ${JAVA_OPTS:-}"

first_page() { # $1 = data dir, then JVM flags; prints ms and RSS of one start
  local data=$1; shift
  local start end pid rss
  start=$(date +%s%N)
  "$java" ${JAVA_OPTS:-} "$@" -Daccord.data-dir="$data" -Dquarkus.http.port=$port -jar "$jar" > "$work/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 $pid 2>/dev/null || { echo "the app exited; see its log:"; cat "$work/log"; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  rss=$(ps -o rss= -p $pid | tr -d ' ')
  if grep -q '\[error *\]\[aot\]' "$work/log"; then
    echo "WARNING: the JVM did not use the AOT cache (missing, made under other flags, or for another jar):" >&2
    grep -A1 '\]\[aot\]' "$work/log" | head -3 >&2
  fi
  kill $pid; wait $pid 2>/dev/null || true
  echo "first page after $(( (end - start) / 1000000 )) ms, RSS $(( rss / 1024 )) MB"
}

if [ -n "${AOT_CACHE:-}" ]; then
  [ -s "$AOT_CACHE" ] || { echo "no AOT cache at $AOT_CACHE: make it with ops/aot-train.sh" >&2; exit 1; }
  flags=(-XX:AOTCache="$AOT_CACHE")
elif [ -n "${AOT:-}" ]; then
  echo "training start (not timed): $(first_page "$work/training" -XX:AOTCacheOutput="$work/app.aot")"
  flags=(-XX:AOTCache="$work/app.aot")
fi
for i in $(seq 1 "$runs"); do
  echo "run $i: $(first_page "$work/data" "${flags[@]}")"
done
