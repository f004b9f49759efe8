#!/usr/bin/env bash
# Record reader throughput on a capture of at least 1 GB that this script builds (reproducibly, from a
# seed), against a record-walk floor measured in the same invocation. Every run is its own JVM under
# GNU time. The figure is packets per CPU-second (user + system of all the process's threads), counted
# by the program itself from after start-up (JVM, Spark session) to the end of the read, so it does not
# depend on how many cores a run used; GNU time adds the whole process's CPU, wall time and peak RSS.
# Usage: bench/reader-throughput.sh [BYTES]   (default 1.1e9; JMH=0 skips the JMH part)
set -euo pipefail
cd "$(dirname "$0")/.."
bytes=${1:-1.1e9}
work=bench/work
mkdir -p "$work"

./mvnw -B -q -pl connector -DskipTests -Dbuild.suffix=-bench test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$work/deps.txt" >/dev/null
cp="connector/target-bench/test-classes:connector/target-bench/classes:$(cat "$work/deps.txt")"
java_flags=(-Xmx4g $(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml))

capture="$work/bench-${bytes}-v2.pcap"
if [ ! -f "$capture" ]; then
  java -cp "$cp" org.nexusflowmeter.pcap.bench.CaptureGenerator "$capture" "$bytes"
fi

# run NAME MAIN ARGS... : prints "NAME steady_cpu_s process_user process_sys rss_kb wall" and the program's output
run() {
  local name=$1; shift
  local out
  out=$(/usr/bin/time -f "TIME %U %S %M %e" java "${java_flags[@]}" -cp "$cp" "$@" 2>&1 | grep -E '^(TIME|packets=|cpu_s=)' || true)
  echo "$name $(echo "$out" | sed -n 's/^cpu_s=//p') $(echo "$out" | awk '/^TIME/ {print $2, $3, $4, $5}') $(echo "$out" | grep '^packets=' | tr '\n' ' ')"
}

# every run reads from the page cache, the first as much as the last
cat "$capture" > /dev/null

export SPARK_LOCAL_IP=127.0.0.1
results="$work/reader-throughput.txt"
{
  run floor org.nexusflowmeter.pcap.bench.RecordWalkFloor "$capture"
  run reader-records org.nexusflowmeter.pcap.bench.ReaderThroughput "$capture" records
  run reader-records-128m-splits org.nexusflowmeter.pcap.bench.ReaderThroughput "$capture" records 134217728
  run reader-decode org.nexusflowmeter.pcap.bench.ReaderThroughput "$capture" decode
  run spark-count-1core org.nexusflowmeter.pcap.bench.SparkScanThroughput "$capture" count 1
  run spark-headers-1core org.nexusflowmeter.pcap.bench.SparkScanThroughput "$capture" headers 1
  run spark-headers-2cores org.nexusflowmeter.pcap.bench.SparkScanThroughput "$capture" headers 2
} | tee "$results"

packets=$(sed -n 's/.*packets=\([0-9]*\).*/\1/p' "$results" | head -1)
echo
echo "capture: $capture ($(stat -c %s "$capture") bytes, $packets packets); machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1)"
echo "| run | packets per CPU-second (steady) | vs floor | steady CPU s | process CPU s | wall s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
awk -v n="$packets" '
  { rate = n / $2; if (NR == 1) floor = rate
    printf "| %s | %.2f M | %.2f | %.2f | %.2f | %.2f | %d |\n", $1, rate / 1e6, rate / floor, $2, $3 + $4, $6, $5 / 1024 }' "$results"

# The same reader in memory under JMH (floor, records, records + decode), for a steadier per-packet view.
if [ "${JMH:-1}" = 1 ]; then
  echo
  java "${java_flags[@]}" -cp "$cp" org.openjdk.jmh.Main ReaderBenchmark 2>&1 | grep -oE '(capture: .*|^Benchmark .*|^ReaderBenchmark.*)' | sort -u
fi
