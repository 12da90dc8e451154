#!/usr/bin/env bash
# The framework's ceiling for the question page's target: how many requests/s Quarkus REST answers
# with a constant page of the question page's size and no work at all, on a worker thread (where
# every Accord page runs) and on the event loop, against nginx serving the same bytes, all with wrk
# on this machine. Builds a scratch copy of this checkout with bench/ceiling/Ceiling.java added
# (nothing in the repo changes) and needs wrk and nginx. Env: JAVA_OPTS, DURATION (default 10),
# CONNS (default 64), SIZE (page bytes, default 3500).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: apt-get install -y wrk nginx" >&2; exit 1; }
dur=${DURATION:-10}; conns=${CONNS:-64}; size=${SIZE:-3500}
port=18970; nport=18971
work=$(mktemp -d)
app=; ng=
cleanup() { set +e; [ -n "$app" ] && kill "$app"; [ -n "$ng" ] && kill "$ng"; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
echo "building a scratch copy with the constant-page resource (about 2 minutes)"
git ls-files -z | xargs -0 -I{} cp --parents {} "$work/"  # the checkout as it is, without target/ or data/
mkdir -p "$work/src/main/java/org/accord/ceiling" "$work/www" "$work/nginx"
cp bench/ceiling/Ceiling.java "$work/src/main/java/org/accord/ceiling/"
(cd "$work" && mvn -B -q -DskipTests package) > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
head -c "$size" /dev/zero | tr '\0' 'x' > "$work/www/page.html"
chmod 755 "$work" "$work/www"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off; worker_processes auto; error_log $work/nginx/error.log; pid $work/nginx/nginx.pid;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; root $work/www; default_type text/html; } }
CONF
nginx -c "$work/nginx/nginx.conf" & ng=$!
(cd "$work" && ACCORD_DATA_DIR="$work/data" QUARKUS_HTTP_PORT=$port exec java ${JAVA_OPTS:-} -Dceiling.page="$work/www/page.html" \
  -jar target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1) & app=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/ceiling/worker"; do kill -0 $app 2>/dev/null || { cat "$work/app.log"; exit 1; }; sleep 0.1; done
until curl -sf -o /dev/null "http://127.0.0.1:$nport/page.html"; do sleep 0.1; done
for u in worker event-loop; do wrk -t2 -c16 -d5s "http://127.0.0.1:$port/ceiling/$u" > /dev/null; done  # JIT warm-up
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), JAVA_OPTS=${JAVA_OPTS:-}; $size-byte page, wrk -t2 -c$conns -d${dur}s"
declare -A RPS
for name in nginx worker event-loop; do
  [ $name = nginx ] && url="http://127.0.0.1:$nport/page.html" || url="http://127.0.0.1:$port/ceiling/$name"
  sleep 2
  out=$(wrk -t2 -c"$conns" -d"${dur}s" --latency "$url")
  RPS[$name]=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  printf '%-12s %10s req/s   p50 %9s   p99 %9s   vs nginx %s\n' "$name" "${RPS[$name]}" "$(awk '$1 == "50%" {print $2}' <<< "$out")" \
    "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$(awk -v a="${RPS[$name]}" -v n="${RPS[nginx]}" 'BEGIN {printf "%.3f", a / n}')"
done
