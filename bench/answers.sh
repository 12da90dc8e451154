#!/usr/bin/env bash
# Answers alone: the packaged app on a copy of a bench/gen.sh H2 folder, nothing but answer POSTs
# (bench/answers.lua) at 64 connections, in consecutive 10 s rounds. Each round prints the rate, the
# p99, and the app's CPU time per answer split by thread kind (request threads, the C2 compiler, H2's
# serialization thread, ...), so it shows how long the JIT takes to settle on this path and what an
# answer costs once it has. Builds nothing: run `mvn -DskipTests package` first.
# Usage: bench/answers.sh DIR [ROUNDS (default 8)]. Env: APP (the jar), JAVA, JAVA_OPTS (as for load.sh), APP_PORT,
# BEFORE=gradebook (read the gradebook at 64 connections for 10 s first, as load.sh does before its answers).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${APP:-target/quarkus-app/quarkus-run.jar}
[ -f "$jar" ] || { echo "no $jar: run 'mvn -DskipTests package' first" >&2; exit 1; }
src=${1:?usage: bench/answers.sh DIR [ROUNDS]   (DIR made by bench/gen.sh, H2)}
rounds=${2:-8}
[ -d "$src/data" ] && [ -f "$src/out/answers.tsv" ] || { echo "$src is not an H2 bench/gen.sh folder" >&2; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
port=${APP_PORT:-18941}
base=http://127.0.0.1:$port
out=$src/out
work=$(mktemp -d)
app=
cleanup() {
  set +e
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
cp -r "$src/data" "$work/data"
ACCORD_DATA_DIR="$work/data" ACCORD_SESSION_KEY=bench-session-key-0123456789abcdefghijklmnop QUARKUS_HTTP_PORT=$port \
  "${JAVA:-java}" ${JAVA_OPTS:-} -jar "$jar" > "$work/app.log" 2>&1 &
app=$!
until curl -sf -o /dev/null "$base/"; do
  kill -0 $app 2>/dev/null || { echo "the app exited:"; cat "$work/app.log"; exit 1; }
  sleep 0.05
done
curl -s -c "$work/jar" -b "$work/jar" -o /dev/null "$base/"
csrf=$(awk '$6 == "accord_csrf" {print $7}' "$work/jar")
lines=$(grep -c . "$out/answers.tsv")
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("${JAVA:-java}" -version 2>&1 | head -1), ${JAVA_OPTS:-no JAVA_OPTS}"
if [ "${BEFORE:-}" = gradebook ]; then
  wrk -t2 -c64 -d10s -H "Cookie: accord_session=$(cat "$out/teacher.cookie"); accord_csrf=$csrf" \
    "$base/teacher/classes/$(cat "$out/class.id")/gradebook" | awk '/Requests\/sec/ {print "gradebook first:", $2, "req/s"}'
fi

threads() { # "kind ticks" per kind of thread (numbers dropped from the name), summed
  for t in /proc/$app/task/*; do
    local name stat
    name=$({ tr ' ' '_' < "$t/comm"; } 2>/dev/null | sed 's/[-_]*[0-9]*$//') || continue
    [ -n "$name" ] || continue  # a thread that ended meanwhile
    stat=$(sed 's/.*) //' "$t/stat" 2>/dev/null) || continue
    echo "$name $(echo "$stat" | awk '{print $12 + $13}')"
  done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
hz=$(getconf CLK_TCK)
per=$(( lines / rounds ))  # each round answers its own lines, so every answer is a first save
for round in $(seq 1 "$rounds"); do
  threads > "$work/cpu0"
  OFFSET=$(( (round - 1) * per )) ANSWERS="$out/answers.tsv" CSRF=$csrf THREADS=2 \
    wrk -t2 -c64 -d10s --latency -s bench/answers.lua "$base" > "$work/round.wrk" 2>&1
  threads > "$work/cpu1"
  done_=$(awk '/requests in/ {print $1}' "$work/round.wrk")
  sent=$(awk '/requests sent/ {gsub(",", "", $6); print $6}' "$work/round.wrk")
  fresh=$(awk '/fresh answers/ {gsub(",", "", $11); print $11}' "$work/round.wrk")
  printf 'round %d: %8s answers/s  p99 %8s  first saves %s of %s sent;' "$round" "$(awk '/Requests\/sec/ {print $2}' "$work/round.wrk")" \
    "$(awk '$1 == "99%" {print $2}' "$work/round.wrk")" "$fresh" "$sent"
  join "$work/cpu0" "$work/cpu1" | awk -v n="$done_" -v hz="$hz" '
    {d = ($3 - $2) / hz * 1000 / n; total += d; if (d >= 0.05) parts = parts sprintf(" %s %.2f", $1, d)}
    END {printf " app CPU per answer %.2f ms:%s\n", total, parts}'
done
