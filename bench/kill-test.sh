#!/usr/bin/env bash
# Crash test: 64 guests answer questions while the app is killed with `kill -9` at a random moment
# 1-5 s after the first answer is acknowledged; the app is restarted on the same data and every
# answer the app acknowledged (its POST answered 303) must be there, with no attempt half-written.
#
# Builds nothing. Usage:
#   bench/kill-test.sh [ROUNDS] [CLIENTS]               embedded H2 (fresh data dir each round)
#       needs: mvn -DskipTests package
#   bench/kill-test.sh --postgres [ROUNDS] [CLIENTS]    PostgreSQL (fresh database accord_kill each round)
#       needs: mvn -DskipTests -Dquarkus.profile=postgres package, and a PostgreSQL server reachable
#       with psql as PGUSER (default postgres) at PGHOST:PGPORT (default 127.0.0.1:5432)
# Environment: APP=path/to/quarkus-run.jar (default target/quarkus-app/quarkus-run.jar), PORT (18480),
#   H2_URL_OPTIONS to try other H2 settings (e.g. ";WRITE_DELAY=0"), APP_PROPS for other app settings
#   (e.g. "-Daccord.h2.group-commit=false" to see what H2's delayed writes lose without the group commit).
# Prints one line per round and a verdict; exits 1 on any lost answer or damaged attempt.
set -euo pipefail
cd "$(dirname "$0")/.."
db=h2
if [ "${1:-}" = "--postgres" ]; then db=postgres; shift; fi
rounds=${1:-20}
clients=${2:-64}
app=${APP:-target/quarkus-app/quarkus-run.jar}
port=${PORT:-18480}
[ -f "$app" ] || { echo "no $app: build it first (see the top of $0)" >&2; exit 2; }
lib=$(dirname "$app")/lib/main
if [ $db = h2 ]; then driver=$(ls "$lib"/com.h2database.h2-*.jar); else driver=$(ls "$lib"/org.postgresql.postgresql-*.jar); fi
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
work=$(mktemp -d)
app_pid=
keep=
cleanup() {
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
  if [ -n "$keep" ]; then echo "kept for inspection: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

start_app() { # $1 = log file; fails (1) when the app cannot start
  if [ $db = h2 ]; then
    java ${APP_PROPS:-} -Daccord.data-dir="$work/data" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port \
      ${H2_URL_OPTIONS:+"-Dquarkus.datasource.jdbc.url=jdbc:h2:file:$work/data/accord;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=8192$H2_URL_OPTIONS"} \
      -jar "$app" > "$1" 2>&1 &
  else
    QUARKUS_PROFILE=postgres ACCORD_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/accord_kill" ACCORD_DB_USER=$PGUSER ACCORD_DB_PASSWORD= \
      java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port -jar "$app" > "$1" 2>&1 &
  fi
  app_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 $app_pid 2>/dev/null || { app_pid=; echo "the app exited; its log: $1"; grep -E 'ERROR|Exception:' "$1" | head -5; return 1; }
    sleep 0.1
  done
}

mkdir "$work/classes"
javac -d "$work/classes" bench/KillClient.java bench/KillCheck.java
echo "kill test: $db, $rounds rounds, $clients guests, app $app, $(nproc) CPUs"
total_acked=0; total_lost=0; failed=0
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/data"
  if [ $db = postgres ]; then
    psql -q -d postgres -c "DROP DATABASE IF EXISTS accord_kill" -c "CREATE DATABASE accord_kill"
  fi
  rm -f "$work/client.out" "$work/acks"
  start_app "$work/app-$round.log" || exit 2
  java -cp "$work/classes" KillClient "http://127.0.0.1:$port" "$clients" "$work/acks" 60 > "$work/client.out" 2>&1 &
  client_pid=$!
  # the kill is timed from the first acknowledged answer: on a busy machine a cold app may take
  # seconds to start 64 quizzes, and a kill before any answer would prove nothing
  until grep -qs 'answers acknowledged' "$work/client.out"; do
    kill -0 $client_pid 2>/dev/null || { echo "the load client ended before any answer:"; cat "$work/client.out"; exit 2; }
    sleep 0.05
  done
  delay_ms=$(( 1000 + RANDOM % 4001 ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
  wait "$client_pid" || { echo "the load client failed:"; cat "$work/client.out"; exit 2; }
  # restart on the same data (recovery must succeed), then stop cleanly so the database can be read
  if ! start_app "$work/restart-$round.log"; then
    echo "round $round: THE APP DID NOT START AGAIN after the kill: the database could not be opened"
    failed=$((failed + 1)); keep=1
    mkdir -p "$work/failed-$round"; mv "$work/data" "$work/failed-$round/" 2>/dev/null || true
    continue
  fi
  kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
  if [ $db = h2 ]; then
    url="jdbc:h2:file:$work/data/accord;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"; user=accord; password=accord
  else
    url="jdbc:postgresql://$PGHOST:$PGPORT/accord_kill"; user=$PGUSER; password=
  fi
  if ! grep -q '^Q ' "$work/acks"; then
    echo "round $round: no answer was acknowledged before the kill, so it proves nothing (is the machine overloaded?)"
    failed=$((failed + 1)); continue
  fi
  if check=$(java -cp "$driver:$work/classes" KillCheck "$url" "$user" "$password" "$work/acks" 2>&1); then verdict=ok; else verdict=LOSS; failed=$((failed + 1)); keep=1; mkdir -p "$work/failed-$round"; cp -r "$work/data" "$work/acks" "$work/failed-$round/" 2>/dev/null || true; fi
  acked=$(grep -c '^Q ' "$work/acks" || true)
  lost=$(sed -n 's/.*acked answers [0-9]* (lost \([0-9]*\)).*/\1/p' <<< "$check")
  total_acked=$((total_acked + acked)); total_lost=$((total_lost + ${lost:-0}))
  printf 'round %2d: killed after %5d ms; %s -> %s\n' "$round" "$delay_ms" "$check" "$verdict"
  # guests normally end on a refused or cut connection when the app dies; show anything else
  grep 'guests ended' "$work/client.out" | grep -v -E 'ConnectException|header parser received no bytes|Connection reset|EOF reached' || true
done
echo "total: $total_acked acknowledged answers, $total_lost lost, $failed of $rounds rounds failed (loss, damage, no restart or no load)"
if [ "$failed" -gt 0 ]; then echo "VERDICT: FAIL"; exit 1; fi
echo "VERDICT: PASS (nothing acknowledged was lost)"
