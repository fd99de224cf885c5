#!/usr/bin/env bash
# Highest sustained open-model rate of microsim's embedded Gatling vs wrk's maximum, same server,
# same run. Needs wrk (Debian package "wrk"); installs it with apt-get when run as root.
# Usage: load/bench/open-rate.sh [START_RATE]   (default 1000/s, rising by 1.4x)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) >&2
  else
    echo "open-rate.sh: wrk is required: sudo apt-get install -y wrk" >&2; exit 2
  fi
fi
cd "$root"
./mvnw -q -B -pl load -am install -DskipTests >&2
./mvnw -q -B -pl load test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/load/target/bench.classpath" >&2
cp="load/target/test-classes:load/target/classes:$(cat load/target/bench.classpath)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$cp" dev.microsim.load.bench.OpenRateBenchmark "$@"
