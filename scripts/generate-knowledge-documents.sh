#!/usr/bin/env bash
# Regenerates the PDF and DOCX documents of the sample knowledge corpus (knowledge/**/*.pdf|docx) from their
# Markdown sources in src/corpus/, then verifies the whole corpus with Apache Tika.
#
#   scripts/generate-knowledge-documents.sh            generate, then verify
#   scripts/generate-knowledge-documents.sh verify     verify only (metadata, length, facts.yaml)
#   scripts/generate-knowledge-documents.sh check      fail when a committed PDF/DOCX is stale; no writes
#
# PDFBox, POI, Tika and SnakeYAML come from the project's own dependencies (the Maven wrapper builds the class path);
# the program runs as a single-file Java source on the newest JDK >= 21: $JAVA_HOME when it is one, else the newest
# under /usr/lib/jvm.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { echo "[knowledge-documents] $*" >&2; }

java_major() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -L "$dir" ] && continue
    major="$(java_major "$dir")"
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
  done
  [ -n "$best" ] || { log "no JDK >= 21 found (set JAVA_HOME)"; exit 1; }
  echo "$best"
}

jdk="$(find_jdk)"
classpath_file="target/knowledge-documents.classpath"
mkdir -p target
log "building the class path with the Maven wrapper"
./mvnw -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" >&2
classpath="$(cat "$classpath_file")"
# Tika's parser modules declare tika-core as "provided"; add it when the project does not (same version as the parsers).
if ! grep -q '/tika-core-[0-9.]*\.jar' "$classpath_file"; then
  tika_version="$(tr ':' '\n' < "$classpath_file" | sed -n 's#.*/tika-parsers-standard-package-\([0-9.]*\)\.jar$#\1#p' | head -1)"
  [ -n "$tika_version" ] || { log "tika-parsers-standard-package is not on the project's class path"; exit 1; }
  ./mvnw -q dependency:copy -Dartifact="org.apache.tika:tika-core:$tika_version" \
    -DoutputDirectory=target/knowledge-documents-lib >&2
  classpath="$classpath:target/knowledge-documents-lib/tika-core-$tika_version.jar"
fi
log "running on $jdk"

if [ "$#" -eq 0 ]; then set -- generate verify; fi
exec "$jdk/bin/java" -cp "$classpath" scripts/KnowledgeDocuments.java "$@"
