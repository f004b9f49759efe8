#!/usr/bin/env bash
# Compares the flow job with the tools a user would pick instead, on the same captures in one invocation.
#
# Builds a small-packet capture from a fixed seed (CaptureGenerator's small-packets mix: many short concurrent
# flows, a few elephants crossing the whole file, about 94 bytes a record; at SCALE=1 1.9 GB and 20.3 million
# packets) and its prefix of a tenth of the size, then runs one after another, each as its own process tree under
# GNU time, on the tenth and on the full capture:
#   floor     RecordWalkFloor: a JVM that reads every 16-byte record header and jumps over the data
#   argus     argus -X -S 3600 -r FILE -w OUT (Debian argus-server; as ../shared/oracle/argus_flows.sh runs it)
#   tshark    tshark -n -q -r FILE -z conv,tcp -z conv,udp (conversation tables to a file)
#   cli       ./nexusflowmeter FILE OUT.csv (the launcher, embedded Spark, default options, both JIT compilers)
#   scan      SparkScanThroughput FILE headers 2: spark.read.format("pcap"), 9 header columns to the no-op sink,
#             the query run twice in the process (the program times the second, warm run itself)
# ours (cli, scan) pinned to two cores (taskset -c 0,1) and again to one (taskset -c 0; the scan with local[1]),
# each REPEAT times, in rounds that take every capture and core count once: a JVM's run varies more from run to
# run than argus' or tshark's (when the compiler threads run, how the collector sizes the heap), so ours are the
# medians of those runs. Before every run a fixed loop is timed on each processor the run gets (the TSV's probe_s);
# while one of them is in a slow spell of the host (more than 1.4 times the invocation's fastest), the run waits.
#
# Figures: CPU = user + system of the whole process tree (GNU time), wall time, peak RSS (of the largest process);
# for the JVMs also the CPU of their Spark task threads, JIT compiler threads and collector threads
# (bench/thread-cpu.py, sampling /proc beside the run).
# Packets per CPU-second are given twice: over the whole process (start-up included), and "steady", the
# marginal rate from the tenth to the full capture, (packets_full - packets_tenth) / (cpu_full - cpu_tenth),
# which leaves out every fixed cost (JVM and Spark start-up, code generation) the same way for every tool.
# The scan's process reads its capture twice, so its packets count twice. Ratios are of steady rates.
#
# Output: Markdown tables on stdout; one TSV row per run in bench/work/compare.tsv.
# Usage: bench/compare.sh   Environment: SCALE (default 1; 0.02 = 38 MB, 407,191 packets, a check of the script);
#        TOOLS (default "floor argus tshark cli scan": the runs to make, e.g. TOOLS="floor cli" while tuning ours);
#        REPEAT (default 3: runs of ours per capture and core count; the tables give each figure's median);
#        MIX (default small-packets; small-packets-eNN gives the elephants NN % of the packets instead of 16 %,
#        so the same packets make fewer, longer flows: speed against flow length, README "Performance");
#        CORES (default "2 1": the core counts ours runs on);
#        SPELL_WAIT (default 180: seconds a run waits at most, in 20 s steps, for its processors' slow spell to end);
#        NEXUSFLOWMETER_MEMORY (the launcher's heap, default 2g; also used for the other JVMs here).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${SCALE:-1}
work=bench/work
tmp=$work/compare-tmp
mkdir -p "$work"
rm -rf "$tmp"
mkdir -p "$tmp"
memory=${NEXUSFLOWMETER_MEMORY:-2g}
repeat=${REPEAT:-3}
mix=${MIX:-small-packets}
core_counts=${CORES:-2 1}
spell_wait=${SPELL_WAIT:-180}
tools=" ${TOOLS:-floor argus tshark cli scan} "
want() { [[ $tools == *" $1 "* ]]; }

need() { # need COMMAND PACKAGES... : installs the Debian packages when the command is missing and we may
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "compare.sh: installing ${*:2}" >&2
    apt-get install -y --no-install-recommends "${@:2}" >&2 \
      || { apt-get update >&2 && apt-get install -y --no-install-recommends "${@:2}" >&2; }
  fi
  command -v "$1" >/dev/null
}
if want argus; then
  need argus argus-server argus-client || echo "compare.sh: no argus; its rows are skipped" >&2
  need ra argus-client || true
fi
if want tshark; then
  need tshark tshark || echo "compare.sh: no tshark; its rows are skipped" >&2
fi
command -v taskset >/dev/null || { echo "compare.sh: taskset (util-linux) is needed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }

# One build into its own directories: the connector's test classes for the generator, the floor and the scan.
# Offline first (a warm ~/.m2 needs no network), then online.
build=(-B -q -pl jobs -am -DskipTests -Dbuild.suffix=-compare test-compile dependency:build-classpath
       -Dmdep.includeScope=compile "-Dmdep.outputFile=$PWD/$work/compare-classpath.txt")
./mvnw -o "${build[@]}" >"$work/compare-build.log" 2>&1 || ./mvnw "${build[@]}" >"$work/compare-build.log" 2>&1 \
  || { cat "$work/compare-build.log"; exit 1; }
deps=$(tr ':' '\n' < "$work/compare-classpath.txt" | grep -v '/test-classes$' | paste -sd: -)
# The launcher as a user runs it, on its own build in the same directories: its jars, classpath and class
# archive are made here, untimed, by a first call. Both JIT compilers on both captures, as the launcher runs
# the full one: on the tenth (under 512 MiB) it would run C1 alone, a third less CPU there (README "What makes
# it fast"), and the steady rate, a difference between the two captures' runs, would mix two configurations.
launcher=(env NEXUSFLOWMETER_BUILD_SUFFIX=-compare NEXUSFLOWMETER_JIT=tiered ./nexusflowmeter)
"${launcher[@]}" --help >/dev/null 2>"$work/compare-launcher-build.log" \
  || { cat "$work/compare-launcher-build.log"; exit 1; }
bench_cp="$PWD/connector/target-compare/test-classes:$deps"
read -r -a java_flags <<< "-Xmx$memory $(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)"

full_bytes=$(awk -v s="$scale" 'BEGIN { printf "%.0f", 1.9e9 * s }')
tenth_bytes=$((full_bytes / 10))
capture() { # capture BYTES : the mix's capture of that size (generated once, kept)
  local file="$work/compare-$mix-v1-$1.pcap" # v1: bump when the mix changes
  if [ ! -f "$file" ]; then
    java -cp "$bench_cp" org.nexusflowmeter.pcap.bench.CaptureGenerator "$file.part" "$1" 20261127 "$mix" >&2
    mv "$file.part" "$file"
  fi
  echo "$file"
}
full=$(capture "$full_bytes")
tenth=$(capture "$tenth_bytes")
cmp -n "$(stat -c %s "$tenth")" "$tenth" "$full" >/dev/null || { echo "$tenth is not a prefix of $full" >&2; exit 1; }

tsv=$work/compare.tsv
printf 'tool\tinput\tcores\tpackets\tflows\tuser_s\tsys_s\twall_s\trss_kb\tprogram_steady_cpu_s\texit\tprobe_s\ttasks_s\tcompiler_s\tcollector_s\n' \
  > "$tsv"

# measure TOOL INPUT CORES FILE COMMAND... : runs COMMAND under GNU time (output in $tmp/out), appends a TSV row
# whose packets and flows columns are filled in by the caller's count_TOOL function afterwards.
measure() {
  local tool=$1 input=$2 cores=$3 file=$4 rc=0
  shift 4
  cat "$file" > /dev/null # every run reads from the page cache
  echo "compare.sh: $tool on the $input capture, $cores core(s)" >&2
  quiet "$cores"
  /usr/bin/time -o "$tmp/time" -f '%U %S %e %M' "$@" >"$tmp/out" 2>"$tmp/err" &
  local pid=$!
  bench/thread-cpu.py "$pid" "$tmp/threads" &
  local sampler=$!
  wait "$pid" || rc=$?
  wait "$sampler"
  [ "$rc" = 0 ] || { echo "compare.sh: $tool failed ($rc):" >&2; tail -5 "$tmp/err" >&2; }
  read -r user sys wall rss < <(tail -1 "$tmp/time")
  local tasks compiler collector
  read -r tasks compiler collector < <(sed 's/[a-z]*=//g' "$tmp/threads")
  local steady
  steady=$(sed -n 's/^cpu_s=//p' "$tmp/out" | tail -1)
  if [ "$tool" = floor ]; then
    packet_count[$file]=$(sed -n 's/^packets=\([0-9]*\).*/\1/p' "$tmp/out")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$input" "$cores" \
    "${packet_count[$file]:--}" "$(flows_of "$tool")" "$user" "$sys" "$wall" "$rss" "${steady:--}" "$rc" "$probes" \
    "$tasks" "$compiler" "$collector" >> "$tsv"
  # the flows, argus' records and whatever reports the launcher wrote beside its output
  find "$tmp" -mindepth 1 -maxdepth 1 ! -name out ! -name err ! -name time ! -name threads -exec rm -rf {} +
}

# probe CORES : CPU-seconds of a fixed loop on each of the first CORES processors ("0.21/0.30"), taken before every
# run. The processors of a virtual machine change speed with what its host runs beside it (here a loop's time
# has varied by 1.8x on one processor within minutes, and the two processors by up to 2x): the probes
# say how fast the machine was around each run.
probe() {
  local cpu out=()
  for ((cpu = 0; cpu < $1; cpu++)); do
    out+=("$( { /usr/bin/time -f '%U %S' taskset -c "$cpu" awk 'BEGIN { for (i = 0; i < 5e7; i++) x += i * i }'; } 2>&1 \
      | awk '{ printf "%.2f", $1 + $2 }')")
  done
  (IFS=/; echo "${out[*]}")
}

# quiet CORES : sets probes to the probe of the first CORES processors, taken again every 20 s while one of them is
# more than 1.4 times slower than the fastest probe of the invocation so far, for SPELL_WAIT seconds at most: a
# slow spell lasts minutes, and a run started in one is slower by up to two times (a quiet probe has ranged 0.93 to
# 1.25 s, a slow one 1.4 to 2.2). A run that still starts in a spell is marked by its probe.
fastest_probe=
quiet() {
  local waited=0 slow
  while :; do
    probes=$(probe "$1")
    fastest_probe=$(tr / '\n' <<< "$probes${fastest_probe:+/$fastest_probe}" | sort -g | head -1)
    slow=$(tr / '\n' <<< "$probes" | awk -v f="$fastest_probe" '$1 > 1.4 * f { print; exit }')
    if [ -z "$slow" ] || (( waited >= spell_wait )); then
      break
    fi
    echo "compare.sh: a processor is slow (loop $slow s against $fastest_probe s): waiting" >&2
    sleep 20
    waited=$((waited + 20))
  done
}

# the packet count of each capture, as the floor (which runs first on it) counts it
declare -A packet_count

flows_of() { # the flow or record count each tool reported, from its output in $tmp
  case $1 in
    floor) echo - ;;
    argus) [ -s "$tmp/out.argus" ] && ra -r "$tmp/out.argus" -n -L -1 -s proto - not man 2>/dev/null | wc -l || echo - ;;
    tshark) grep -c '<->' "$tmp/out" || true ;;
    cli) [ -s "$tmp/flows.csv" ] && echo $(( $(wc -l < "$tmp/flows.csv") - 1 )) || echo - ;;
    scan) echo - ;;
  esac
}

export SPARK_LOCAL_IP=127.0.0.1
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for input in tenth full; do
  file=${!input}
  # the floor always runs first: its count is every row's packet count
  measure floor "$input" 2 "$file" java "-Xmx$memory" -cp "$bench_cp" org.nexusflowmeter.pcap.bench.RecordWalkFloor "$file"
  if want argus && command -v argus >/dev/null; then
    measure argus "$input" 2 "$file" argus -X -S 3600 -r "$file" -w "$tmp/out.argus"
  fi
  if want tshark && command -v tshark >/dev/null; then
    measure tshark "$input" 2 "$file" tshark -n -q -r "$file" -z conv,tcp -z conv,udp
  fi
done
# Ours in rounds, each round every capture and core count once, so that a slow spell of the host falls on all of
# them alike instead of on one capture or core count (whose medians the steady rates and speedups divide).
for ((run = 1; run <= repeat; run++)); do
  for input in tenth full; do
    file=${!input}
    for cores in $core_counts; do
      pin=(taskset -c "$(seq -s, 0 $((cores - 1)))")
      if want cli; then
        measure cli "$input" "$cores" "$file" "${pin[@]}" "${launcher[@]}" "$file" "$tmp/flows.csv"
      fi
      if want scan; then
        measure scan "$input" "$cores" "$file" "${pin[@]}" java "${java_flags[@]}" -cp "$bench_cp" \
          org.nexusflowmeter.pcap.bench.SparkScanThroughput "$file" headers "$cores"
      fi
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$tmp"

awk -f bench/compare-report.awk -v full="$full" -v full_size="$(stat -L -c %s "$full")" -v tenth_size="$(stat -L -c %s "$tenth")" -v repeat="$repeat" \
  -v machine="$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)" \
  -v versions="$(argus -h 2>&1 | sed -n 's/^Argus Version/argus/p' | head -1); $(tshark -v 2>/dev/null | head -1); heap $memory" \
  -v load="load average $load_start at the start, $load_end at the end" \
  -v command="SCALE=$scale REPEAT=$repeat${TOOLS:+ TOOLS=\"$TOOLS\"}${MIX:+ MIX=$MIX}${CORES:+ CORES=\"$CORES\"} bench/compare.sh" "$tsv"
