#!/usr/bin/env bash
# Makes an ahead-of-time cache (JDK 25+, JEP 483/514/515) for the single-jar build of the app, so that
# it starts in about half the time (README, "Fast start-up"). The cache holds every class the app
# loads, already parsed and linked, and the profiles of the methods a training run used.
#
#   mvn -DskipTests -Dquarkus.package.jar.type=uber-jar package     (add -Dquarkus.profile=postgres for PostgreSQL)
#   JAVA=/path/to/jdk-25/bin/java ops/aot-train.sh [--postgres] target/accord-0.1.0-SNAPSHOT-runner.jar
#   /path/to/jdk-25/bin/java -XX:AOTCache=target/accord-0.1.0-SNAPSHOT-runner.aot -jar target/accord-0.1.0-SNAPSHOT-runner.jar
#
# The training run starts the jar on a scratch database (H2 in a temporary folder, or with --postgres,
# for a jar built with the postgres profile, the database accord_aot_training, made and dropped
# here, on the server psql reaches as PGUSER at PGHOST:PGPORT), opens the home page, signs up, starts a
# practice quiz, answers its first question, finishes it, and stops. Run the app later with the same java and the same
# JAVA_OPTS as the training (give them here too): the JVM ignores a cache made under other settings,
# with a warning, and starts the slow way. Make the cache again whenever the jar is built again.
# Env: JAVA (default java), JAVA_OPTS, PORT (default 18490), OUT (default: the jar's name with .aot).
set -euo pipefail
db=h2
if [ "${1:-}" = "--postgres" ]; then db=postgres; shift; fi
jar=${1:?usage: ops/aot-train.sh [--postgres] path/to/accord-...-runner.jar   (see the header)}
[ -f "$jar" ] || { echo "no $jar: build it with mvn -DskipTests -Dquarkus.package.jar.type=uber-jar package" >&2; exit 1; }
unzip -l "$jar" 'org/accord/*' >/dev/null 2>&1 || {
  echo "$jar holds no application classes: give the single jar (quarkus.package.jar.type=uber-jar); the" >&2
  echo "default quarkus-run.jar loads the app through Quarkus's own class loader, which the JVM cannot cache" >&2
  exit 1; }
java=${JAVA:-java}
feature=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
[ "${feature:-0}" -ge 25 ] || { echo "$java is Java ${feature:-?}: an AOT cache needs Java 25 or later (set JAVA)" >&2; exit 1; }
out=${OUT:-${jar%.jar}.aot}
port=${PORT:-18490}
base=http://127.0.0.1:$port
work=$(mktemp -d)
app=
pgdb=
cleanup() {
  set +e
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  [ -n "$pgdb" ] && psql -q -d postgres -c "DROP DATABASE IF EXISTS $pgdb"
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "port $port is in use; set PORT" >&2; exit 1; }

db_env=(ACCORD_DATA_DIR="$work/data")
if [ $db = postgres ]; then
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  pgdb=accord_aot_training
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $pgdb" -c "CREATE DATABASE $pgdb"
  db_env=(QUARKUS_PROFILE=postgres ACCORD_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$pgdb" ACCORD_DB_USER="$PGUSER" ACCORD_DB_PASSWORD="${PGPASSWORD:-}")
fi

rm -f "$out"
echo "training $jar with $("$java" -version 2>&1 | head -1) ${JAVA_OPTS:-}"
env "${db_env[@]}" QUARKUS_HTTP_PORT=$port "$java" ${JAVA_OPTS:-} -XX:AOTCacheOutput="$out" -jar "$jar" > "$work/app.log" 2>&1 &
app=$!
until curl -sf -o /dev/null "$base/"; do
  kill -0 $app 2>/dev/null || { echo "the app exited:"; cat "$work/app.log"; exit 1; }
  sleep 0.1
done
c=(-s -c "$work/jar" -b "$work/jar")
trained=()
visit() { # $1 = what, then curl arguments; records the status
  local status
  status=$(curl "${c[@]}" -o "$work/page.html" -w '%{http_code} %{redirect_url}' "${@:2}")
  trained+=("$1 ${status%% *}")
  next=${status#* }
}
visit home "$base/"
csrf=$(awk '$6 == "accord_csrf" {print $7}' "$work/jar")
# signed in, so that the progress page at the end is rendered rather than redirected to sign-in
visit signup --data-urlencode "displayName=AOT Training" -d "username=aot.training&role=learner&csrf-token=$csrf" \
  --data-urlencode "password=training run only" "$base/signup"
visit practice -d "topic=founders&count=5&csrf-token=$csrf" "$base/practice"
question=$next
[ -n "$question" ] || { echo "starting a practice quiz failed (${trained[*]}); the app's log:"; cat "$work/app.log"; exit 1; }
visit question "$question"
# the first choice offered, or a year where the question asks for a number or a text (the field is empty);
# a type that takes neither (ordering, matching) may get a 422, which trains that path instead
field=$(grep -o 'name="\(choice\|answer\)" value="[^"][^"]*"' "$work/page.html" | head -1 |
  sed 's/name="\([a-z]*\)" value="\([^"]*\)"/\1=\2/' || true)
visit answer --data-urlencode "${field:-answer=1949}" -d "csrf-token=$csrf" "$question"
[ -n "$next" ] && visit feedback "$next"
visit finish -d "csrf-token=$csrf" "${question%/questions/*}/finish"
[ -n "$next" ] && visit result "$next"
visit progress "$base/progress"
echo "trained on: ${trained[*]}"

# the JVM writes the cache as it shuts down, before the process ends
kill "$app"
wait "$app" 2>/dev/null || true
app=
[ -s "$out" ] || { echo "no cache was written; the end of the app's log (the JVM's own [aot] lines say why):"
  tail -20 "$work/app.log"; exit 1; }
echo "wrote $out ($(du -h "$out" | cut -f1)); run the jar with: $java ${JAVA_OPTS:-} -XX:AOTCache=$out -jar $jar"
