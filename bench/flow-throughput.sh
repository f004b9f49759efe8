#!/usr/bin/env bash
# Record flow-job throughput (FlowJob.flows, default options, into Spark's no-op sink) on the 1.1 GB benchmark
# capture of bench/reader-throughput.sh and on a 10x smaller capture that is its prefix (same generator and seed,
# stopped earlier), with local[1] and local[2], to show how time and memory grow with the capture. Every run is its
# own JVM under GNU time. The figure is packets per CPU-second (user + system of all threads), counted by the
# program from after start-up over a second, warm run of the job; GNU time adds wall time and peak RSS of the process.
# Usage: bench/flow-throughput.sh [BYTES]   (default 1.1e9; the prefix capture is BYTES/10)
set -euo pipefail
cd "$(dirname "$0")/.."
bytes=${1:-1.1e9}
small_bytes=$(awk -v b="$bytes" 'BEGIN { printf "%.3g", b / 10 }' | sed 's/e+0*/e/')
work=bench/work
mkdir -p "$work"

./mvnw -B -q -pl jobs -am -DskipTests -Dbuild.suffix=-bench test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$work/flow-deps.txt" >"$work/flow-build.log" || { cat "$work/flow-build.log"; exit 1; }
# the project's own modules come from this build's directories, not from a jar in the local repository
deps=$(tr ':' '\n' < "$work/flow-deps.txt" | grep -v 'nexusflowmeter-connector' | paste -sd: -)
cp="jobs/target-bench/test-classes:jobs/target-bench/classes:connector/target-bench/test-classes"
cp="$cp:connector/target-bench/classes:$deps"
java_flags=(-Xmx4g $(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml))

capture() {
  local file="$work/bench-$1-v2.pcap"
  if [ ! -f "$file" ]; then
    java -cp "$cp" org.nexusflowmeter.pcap.bench.CaptureGenerator "$file" "$1" >&2
  fi
  echo "$file"
}
large=$(capture "$bytes")
small=$(capture "$small_bytes")
cmp -n "$(stat -c %s "$small")" "$small" "$large" >/dev/null \
  || { echo "$small is not a prefix of $large" >&2; exit 1; }

# run NAME FILE CORES : prints "NAME cpu_s user sys rss_kb wall steady_wall packets flows"
run() {
  local name=$1 file=$2 cores=$3 out
  cat "$file" > /dev/null # every run reads from the page cache
  out=$(/usr/bin/time -f "TIME %U %S %M %e" java "${java_flags[@]}" -cp "$cp" \
    org.nexusflowmeter.jobs.bench.FlowThroughput "$file" "$cores" 2>&1 \
    | grep -E '^(TIME|cpu_s=|steady_wall_s=|packets=|flows=)' || true)
  echo "$name $(echo "$out" | sed -n 's/^cpu_s=//p') $(echo "$out" | awk '/^TIME/ {print $2, $3, $4, $5}')" \
    "$(echo "$out" | sed -n 's/^steady_wall_s=//p') $(echo "$out" | sed -n 's/^packets=//p')" \
    "$(echo "$out" | sed -n 's/^flows=//p')"
}

export SPARK_LOCAL_IP=127.0.0.1
results="$work/flow-throughput.txt"
{
  run "$(basename "$small") local[1]" "$small" 1
  run "$(basename "$small") local[2]" "$small" 2
  run "$(basename "$large") local[1]" "$large" 1
  run "$(basename "$large") local[2]" "$large" 2
} | tee "$results"

echo
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1); flow job defaults (60 s idle timeout)"
echo "| capture | cores | packets | flows | packets per CPU-second (warm run) | warm-run CPU s | warm-run wall s | process CPU s | process wall s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
awk '{ printf "| %s | %s | %d | %d | %.0f k | %.2f | %.2f | %.2f | %.2f | %d |\n",
         $1, $2, $9, $10, $9 / $3 / 1e3, $3, $8, $4 + $5, $7, $6 / 1024 }' "$results"
