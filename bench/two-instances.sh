#!/usr/bin/env bash
# Two instances of the app on one PostgreSQL database, both sent the same answers at once: each
# instance batches its own answers (AnswerWriter), so the two lock the same attempts and learners
# from two connections. Checks that no request failed, that no batch deadlocked or timed out, and,
# with bench/KillCheck.java, that every attempt is whole and every running total equals a
# recomputation from the answers. Builds nothing: needs the PostgreSQL build as APP and a folder
# made by `bench/gen.sh --postgres` (see bench/load.sh); works on a copy of its database
# (accord_bench_two). Needs wrk. Env: DURATION (seconds, default 20), CONNS (per instance, default 32).
# Usage: APP=/tmp/pgapp/quarkus-run.jar bench/two-instances.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${APP:?set APP to the PostgreSQL build (see bench/gen.sh)}
src=${1:?usage: APP=... bench/two-instances.sh DIR   (made by bench/gen.sh --postgres)}
read -r db pgdb < "$src/db"
[ "$db" = postgres ] || { echo "$src is not a PostgreSQL folder: two instances need a shared database" >&2; exit 1; }
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
dur=${DURATION:-20}
conns=${CONNS:-32}
key=bench-session-key-0123456789abcdefghijklmnop
url="jdbc:postgresql://$PGHOST:$PGPORT/accord_bench_two"
work=$(mktemp -d)
pids=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
psql -q -d postgres -c "DROP DATABASE IF EXISTS accord_bench_two" -c "CREATE DATABASE accord_bench_two TEMPLATE $pgdb"
before=$(psql -At -d accord_bench_two -c "select count(*) from answer")

for port in 18951 18952; do
  QUARKUS_PROFILE=postgres ACCORD_DB_URL="$url" ACCORD_DB_USER="$PGUSER" ACCORD_DB_PASSWORD="${PGPASSWORD:-}" \
    ACCORD_SESSION_KEY=$key QUARKUS_HTTP_PORT=$port java ${JAVA_OPTS:-} -jar "$jar" > "$work/app-$port.log" 2>&1 &
  pids+=($!)
done
for port in 18951 18952; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; done
done
csrf=$(curl -s -c - -o /dev/null "http://127.0.0.1:18951/" | awk '$6 == "accord_csrf" {print $7}')

# the same lines, from the same first line, to both: most answers reach both instances at about the same
# moment, so one saves it and the other finds it already answered (both answer 303)
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'): answers to two instances at once, ${conns} connections each, ${dur} s"
loads=()
for port in 18951 18952; do
  ANSWERS="$src/out/answers.tsv" CSRF=$csrf THREADS=2 wrk -t2 -c"$conns" -d"${dur}s" --latency -s bench/answers.lua \
    "http://127.0.0.1:$port" > "$work/wrk-$port.txt" 2>&1 &
  loads+=($!)
done
wait "${loads[@]}"
for port in 18951 18952; do
  printf 'instance %s: %s req/s, p99 %s; %s\n' "$port" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$port.txt")" \
    "$(awk '$1 == "99%" {print $2}' "$work/wrk-$port.txt")" "$(grep "answer lines" "$work/wrk-$port.txt" || echo "no summary")"
done
for p in "${pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
pids=()
echo "answers saved: $(( $(psql -At -d accord_bench_two -c "select count(*) from answer") - before ))"
errors=$(cat "$work"/app-*.log | grep -c -E "ERROR|deadlock" || true)
echo "error lines in the two logs: $errors"
[ "$errors" -eq 0 ] || grep -h -E "ERROR|deadlock" "$work"/app-*.log | head -5
touch "$work/acks"
driver=$(ls "$(dirname "$jar")"/lib/main/org.postgresql.postgresql-*.jar | head -1)
java -cp "$driver" bench/KillCheck.java "$url" "$PGUSER" "${PGPASSWORD:-}" "$work/acks"
