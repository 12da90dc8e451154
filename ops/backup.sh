#!/usr/bin/env bash
# Online backup of the embedded H2 database while the app runs: asks the app (POST /admin/backup)
# to write a consistent snapshot into its backup folder (accord.backup.dir, default ./backups,
# relative to where the app was started) and prints the file's path.
# The app must run with ACCORD_ADMIN_TOKEN set; pass the same token here.
# Usage: ACCORD_ADMIN_TOKEN=... ops/backup.sh [BASE_URL]     (default http://127.0.0.1:8080)
set -euo pipefail
: "${ACCORD_ADMIN_TOKEN:?set ACCORD_ADMIN_TOKEN to the app's admin token}"
base=${1:-http://127.0.0.1:8080}
# Every POST to the app carries a CSRF token: take one (and its cookie) from the home page first.
# The admin token goes in a header read from stdin, so it never shows in the process list.
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
csrf=$(curl -sS --fail -c "$jar" "$base/" | grep -o 'name="csrf-token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || { echo "could not read a CSRF token from $base/" >&2; exit 1; }
curl -sS --fail-with-body -b "$jar" -X POST --data-urlencode "csrf-token=$csrf" -H @- "$base/admin/backup" \
  <<< "X-Accord-Admin-Token: $ACCORD_ADMIN_TOKEN"
