#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh into a data folder, with the app STOPPED.
# Refuses to overwrite an existing database: move the old one aside first (or restore elsewhere
# and point ACCORD_DATA_DIR at the new folder).
# Usage: ops/restore.sh BACKUP.zip DATA_DIR
# The H2 jar is taken from the packaged app (target/quarkus-app/lib/main), so the database file
# format is the app's own; H2_JAR=path/to/h2.jar overrides it.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BACKUP.zip DATA_DIR" >&2; exit 2; }
backup=$1
dir=$2
[ -f "$backup" ] || { echo "no backup file $backup" >&2; exit 2; }
if [ -e "$dir/accord.mv.db" ]; then
  echo "$dir/accord.mv.db exists; stop the app and move it aside before restoring" >&2
  exit 1
fi
jar=${H2_JAR:-$(ls "$(dirname "$0")"/../target/quarkus-app/lib/main/com.h2database.h2-*.jar 2>/dev/null | head -1)}
[ -n "$jar" ] && [ -f "$jar" ] || { echo "no H2 jar: run 'mvn -DskipTests package' or set H2_JAR" >&2; exit 2; }
mkdir -p "$dir"
java -cp "$jar" org.h2.tools.Restore -file "$backup" -dir "$dir" -db accord
echo "restored $backup into $dir; start the app with ACCORD_DATA_DIR=$dir"
