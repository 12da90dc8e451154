#!/usr/bin/env bash
# Load benchmarks of the packaged app on loopback, driven by wrk, with nginx serving a saved copy
# of the question page as the ceiling for those bytes. Builds nothing: run
# `mvn -DskipTests package`, then `bench/gen.sh DIR` once, then `bench/load.sh DIR`. A DIR made by
# `bench/gen.sh --postgres` runs on PostgreSQL, on a copy of its database (accord_bench_run), with
# the PostgreSQL build given as APP (see bench/gen.sh).
# Needs wrk and nginx (`apt-get install -y wrk nginx`). Works on a copy of DIR/data, so DIR can be
# reused. Env: DURATION (wrk seconds, default 10), CONNS (default 64), ANSWER_WARMUP (seconds of answers before
# the measured run, default 90), SPIKE_ONLY=1 (start-up and the start spike alone), APP_PORT, NGINX_PORT, JAVA (the java to run),
# JAVA_OPTS (e.g. -Xmx256m: without it the JVM may take a quarter of RAM as heap); the app's own settings
# pass through, e.g. ACCORD_GRADEBOOK_MAX_AGE=PT0S to time the gradebook rendered on every view.
# Fast start-up (README): APP=the single jar, JAVA=a JDK 25, and -XX:AOTCache=its cache in JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${APP:-target/quarkus-app/quarkus-run.jar}
[ -f "$jar" ] || { echo "no $jar: run 'mvn -DskipTests package' first" >&2; exit 1; }
lib=$(dirname "$jar")/lib/main
src=${1:?usage: bench/load.sh DIR   (made by bench/gen.sh)}
[ -f "$src/db" ] && [ -f "$src/out/answers.tsv" ] || { echo "$src is not a bench/gen.sh folder" >&2; exit 1; }
read -r db pgdb < "$src/db"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: apt-get install -y wrk nginx" >&2; exit 1; }
port=${APP_PORT:-18938}
nport=${NGINX_PORT:-18939}
dur=${DURATION:-10}
conns=${CONNS:-64}
key=bench-session-key-0123456789abcdefghijklmnop
base=http://127.0.0.1:$port
work=$(mktemp -d)
app=; ng=
cleanup() {
  set +e
  cp "$work/app.log" "$src/last-app.log" 2>/dev/null  # kept for the errors behind any non-2xx/3xx
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  [ -n "$ng" ] && kill "$ng" 2>/dev/null && wait "$ng" 2>/dev/null
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
if [ "$db" = h2 ]; then
  cp -r "$src/data" "$work/data"
  size=$(du -sh "$src/data" | cut -f1)
  db_env=(ACCORD_DATA_DIR="$work/data")
else
  psql -q -d postgres -c "DROP DATABASE IF EXISTS accord_bench_run" -c "CREATE DATABASE accord_bench_run TEMPLATE $pgdb"
  size=$(psql -At -d "$pgdb" -c "select pg_size_pretty(pg_database_size('$pgdb'))")
  db_env=(QUARKUS_PROFILE=postgres ACCORD_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/accord_bench_run" ACCORD_DB_USER="$PGUSER"
    ACCORD_DB_PASSWORD="${PGPASSWORD:-}")
fi
out=$src/out
answers=$(grep -c . "$out/answers.tsv")

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $("${JAVA:-java}" -version 2>&1 | head -1)"
echo "== $jar ${JAVA_OPTS:-}"
echo "== data: $src ($db ${pgdb:-}, $size); load before: $(uptime | sed 's/.*load average: //')"

rss() { echo $(( $(ps -o rss= -p "$app" | tr -d ' ') / 1024 )); }

for p in ${port} ${nport:-}; do
  ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo "port $p is in use; set another (see the header)" >&2; exit 1; }
done
# start-up: launch to first successful page, on this (non-empty) database
t0=$(date +%s%N)
env "${db_env[@]}" ACCORD_SESSION_KEY=$key QUARKUS_HTTP_PORT=$port "${JAVA:-java}" ${JAVA_OPTS:-} -jar "$jar" > "$work/app.log" 2>&1 &
app=$!
until curl -sf -o /dev/null "$base/"; do
  kill -0 $app 2>/dev/null || { echo "the app exited:"; cat "$work/app.log"; exit 1; }
  sleep 0.02
done
echo "start-up: first page after $(( ($(date +%s%N) - t0) / 1000000 )) ms; RSS idle $(rss) MB"
if grep -q '\[error *\]\[aot\]' "$work/app.log"; then
  echo "WARNING: the JVM did not use the AOT cache given in JAVA_OPTS (missing, made under other flags, or for another jar):"
  grep -A1 '\]\[aot\]' "$work/app.log" | head -3
fi

# a real guest session and CSRF cookie, then a practice attempt: its first question is scenario 1
curl -s -c "$work/jar" -b "$work/jar" -o "$work/home.html" "$base/"
csrf=$(awk '$6 == "accord_csrf" {print $7}' "$work/jar")
qurl=$(curl -s -c "$work/jar" -b "$work/jar" -o /dev/null -w '%{redirect_url}' -d "topic=founders&count=10&csrf-token=$csrf" "$base/practice")
guest=$(awk '$6 == "accord_guest" {print $7}' "$work/jar")
qpath=${qurl#$base}
curl -sf -b "$work/jar" -o "$work/question.html" "$qurl"

spike() {
  echo "== start spike; load before: $(uptime | sed 's/.*load average: //')"
  # a folder made by gen.sh before it wrote spike.warmup runs the measured spike only, on a cold start path
  APP_PID=$app java bench/Spike.java "$base" "$(cat "$out/spike.assignment")" "$out/spike.cookies" "$csrf" $(cat "$out/spike.warmup" 2>/dev/null || true)
  echo "RSS after the spike: $(rss) MB"
  echo "ERROR lines in the app's log so far: $(grep -c ' ERROR ' "$work/app.log" || true) (kept as $src/last-app.log)"
}
if [ -n "${SPIKE_ONLY:-}" ]; then
  spike
  exit 0
fi

# nginx serves the same bytes
mkdir -p "$work/www" "$work/nginx"
chmod 755 "$work" "$work/www"  # nginx's workers run as nobody
cp "$work/question.html" "$work/www/question.html"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
error_log $work/nginx/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; root $work/www; default_type text/html; }
}
CONF
nginx -c "$work/nginx/nginx.conf" &
ng=$!
until curl -sf -o /dev/null "http://127.0.0.1:$nport/question.html"; do
  kill -0 $ng 2>/dev/null && [ $SECONDS -lt 600 ] || { echo "nginx does not serve the page; see its log:"; cat "$work/nginx/error.log"; exit 1; }
  sleep 0.05
done

# each page is asked for with the cookies a browser sends it: the session (or guest) and the CSRF cookie.
# The learner's pages are then served from the page cache after their first view; the "-rendered" runs
# leave the CSRF cookie out, which makes the app render every view (and hand out a new token).
guestc="accord_guest=$guest"
learnerc="accord_session=$(cat "$out/learner.cookie")"
learner="$learnerc; accord_csrf=$csrf"
teacher="accord_session=$(cat "$out/teacher.cookie"); accord_csrf=$csrf"
# warm-up (JIT) on every read page, not measured
gradebook=/teacher/classes/$(cat "$out/class.id")/gradebook
curl -sf -H "Cookie: $teacher" -o "$work/www/gradebook.html" "$base$gradebook"  # nginx's copy of the same bytes
# (at the measured concurrency for the kept pages, so C2 has compiled their path before the timed run)
wrk -t2 -c$conns -d5s -H "Cookie: $guestc; accord_csrf=$csrf" "$base$qpath" > /dev/null
wrk -t2 -c16 -d5s -H "Cookie: $guestc" "$base$qpath" > /dev/null
wrk -t2 -c$conns -d5s -H "Cookie: $learner" "$base/progress" > /dev/null
wrk -t2 -c4 -d5s -H "Cookie: $learnerc" "$base/progress" > /dev/null
wrk -t2 -c$conns -d5s -H "Cookie: $teacher" "$base$gradebook" > /dev/null
# the kept gradebook is read again only when its class changes, so the warm-up above reads it once or
# twice: its CSV export reads the same grid every time, which compiles that path before the timed runs
wrk -t2 -c4 -d8s -H "Cookie: $teacher" "$base$gradebook.csv" > /dev/null
# answers warm up on lines far from those the measured run uses (OFFSET), so those stay fresh saves. Their path
# (Hibernate, H2) is large: on 2 cores a JFR recording showed C2 still compiling it after a minute of answers, half a
# core's worth, so a shorter warm-up (it was 15 s at 8 connections) measures the compiler as much as the app
OFFSET=$(( answers / 8 )) ANSWERS="$out/answers.tsv" CSRF=$csrf THREADS=2 wrk -t2 -c$conns -d${ANSWER_WARMUP:-90}s -s bench/answers.lua "$base" > /dev/null

declare -A RPS P50 P99
settle() { # waits (up to 30 s) until the app answers its home page quickly: no earlier run still queued
  for _ in $(seq 1 60); do
    awk -v t="$(curl -s -o /dev/null -w '%{time_total}' "$base/")" 'BEGIN {exit !(t < 0.2)}' && return 0
    sleep 0.5
  done
}
run() { # name, then wrk arguments; also prints the app's CPU time per request during the run
  local name=$1; shift
  settle
  local c0; c0=$(awk '{print $14 + $15}' "/proc/$app/stat")
  wrk -t2 -c"$conns" -d"${dur}s" --latency "$@" > "$work/$name.wrk" 2>&1
  local ticks=$(( $(awk '{print $14 + $15}' "/proc/$app/stat") - c0 ))
  RPS[$name]=$(awk '/Requests\/sec/ {print $2}' "$work/$name.wrk")
  P50[$name]=$(awk '$1 == "50%" {print $2}' "$work/$name.wrk")
  P99[$name]=$(awk '$1 == "99%" {print $2}' "$work/$name.wrk")
  local errs; errs=$(grep -E "Non-2xx|Socket errors" "$work/$name.wrk" | tr '\n' ' ' || true)
  local cost=""
  case $name in nginx-*) ;; *) cost=$(awk -v t=$ticks -v hz="$(getconf CLK_TCK)" '/requests in/ {if ($1 > 0) printf "app CPU %.3f ms/req", 1000 * t / hz / $1}' "$work/$name.wrk") ;; esac
  printf '%-24s %10s req/s   p50 %9s   p99 %9s  %s %s\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "$cost" "$errs"
}
# one connection at a time: a page's own cost, the figure to compare between data sizes (before the
# 64-connection runs, which can leave a heavy page's queued requests running for seconds)
for page in question question-rendered dashboard dashboard-rendered gradebook; do
  case $page in
    question) args=(-H "Cookie: $guestc; accord_csrf=$csrf" "$base$qpath") ;;
    question-rendered) args=(-H "Cookie: $guestc" "$base$qpath") ;;
    dashboard) args=(-H "Cookie: $learner" "$base/progress") ;;
    dashboard-rendered) args=(-H "Cookie: $learnerc" "$base/progress") ;;
    gradebook) args=(-H "Cookie: $teacher" "$base$gradebook") ;;
  esac
  wrk -t1 -c1 -d5s --latency "${args[@]}" > "$work/$page-c1.wrk" 2>&1
  printf '%-24s %10s req/s   p50 %9s   p99 %9s\n' "$page (-c1)" "$(awk '/Requests\/sec/ {print $2}' "$work/$page-c1.wrk")" \
    "$(awk '$1 == "50%" {print $2}' "$work/$page-c1.wrk")" "$(awk '$1 == "99%" {print $2}' "$work/$page-c1.wrk")"
done
echo "== wrk -t2 -c$conns -d${dur}s; load before: $(uptime | sed 's/.*load average: //')"
run nginx-question "http://127.0.0.1:$nport/question.html"
run question -H "Cookie: $guestc; accord_csrf=$csrf" "$base$qpath"
rss_load=$(rss)
run dashboard -H "Cookie: $learner" "$base/progress"
run nginx-gradebook "http://127.0.0.1:$nport/gradebook.html"
run gradebook -H "Cookie: $teacher" "$base$gradebook"
ANSWERS="$out/answers.tsv" CSRF=$csrf THREADS=2 run answer-post -s bench/answers.lua "$base"
grep "answer lines" "$work/answer-post.wrk" || true
rss_load=$(( $(rss) > rss_load ? $(rss) : rss_load ))
# last, as they leave the most garbage behind: the same pages rendered on every view
run question-rendered -H "Cookie: $guestc" "$base$qpath"
run dashboard-rendered -H "Cookie: $learnerc" "$base/progress"
rss_load=$(( $(rss) > rss_load ? $(rss) : rss_load ))
echo "question page: $(wc -c < "$work/question.html") bytes; app/nginx = $(awk -v a="${RPS[question]}" -v n="${RPS[nginx-question]}" 'BEGIN {printf "%.3f", a / n}'); rendered every view: $(awk -v a="${RPS[question-rendered]}" -v n="${RPS[nginx-question]}" 'BEGIN {printf "%.3f", a / n}')"
echo "gradebook page: $(wc -c < "$work/www/gradebook.html") bytes; app/nginx = $(awk -v a="${RPS[gradebook]}" -v n="${RPS[nginx-gradebook]}" 'BEGIN {printf "%.3f", a / n}')"
echo "RSS under load (max seen after the question, answer and rendered-page runs): $rss_load MB"

spike
