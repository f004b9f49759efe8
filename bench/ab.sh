#!/usr/bin/env bash
# Compares the CPU time of two builds of the command on one capture, each run on one processor of its own, both
# at the same time, the processors swapped every second pair.
#
#   bench/ab.sh DIR_A DIR_B [ROUNDS]       # DIR_x: a checkout (a git worktree) whose ./nexusflowmeter runs
#
# Env: CAPTURE (default: the comparison's full capture, bench/work/compare-small-packets-v1-1900000000.pcap),
# OPTS_A, OPTS_B (extra JVM flags for that side, through JAVA_TOOL_OPTIONS).
#
# Why: on this machine kind (2 vCPUs of a Firecracker VM) a processor's speed changes with what the host runs
# beside it, by up to 1.8x within minutes, and the two processors differ at times by up to 2x; runs one after
# another differ by up to a quarter in CPU. Two runs at the same moment see the same minutes of the host, and
# swapping the processors cancels a steady difference between them: each round is two pairs, A on processor 0
# with B on 1, then A on 1 with B on 0, and its figure is the mean of the two differences. What it cannot cancel
# is a spell that starts or ends within a round. On runs of about 31 CPU-s, an A/A invocation (the same build on
# both sides) on a quiet host gave rounds of -0.99 and +0.60 CPU-s; two builds compared during a slow spell of
# processor 1 (its runs 1.5 times processor 0's) gave rounds from -5.1 to +3.1. Read the rows before the mean.
#
# Prints each run (side, processor, user + system s, user, system, wall, peak RSS KB, the CSV's md5 prefix, and
# the CPU-s of its Spark task threads, compiler threads and collector threads, from bench/thread-cpu.py), then
# each round's B - A (all threads, task threads, compiler threads) and their mean. The task threads' figure
# leaves out the compiler's and the collector's own variation from run to run, not the host's: it moves with a
# slow processor as the whole does. Build each side once before (a first run builds the launcher and its class
# archive), and leave both checkouts unedited while it runs (the launcher rebuilds when a source is newer).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,8p' "$0" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
dir_a=$(cd "$1" && pwd)
dir_b=$(cd "$2" && pwd)
rounds=${3:-4}
capture=${CAPTURE:-$root/bench/work/compare-small-packets-v1-1900000000.pcap}
[[ -r "$capture" ]] || { echo "ab.sh: no capture $capture (bench/compare.sh builds it)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SPARK_LOCAL_IP=127.0.0.1

run() { # side processor
  local side=$1 cpu=$2 dir opts
  if [[ $side == A ]]; then dir=$dir_a opts=${OPTS_A:-}; else dir=$dir_b opts=${OPTS_B:-}; fi
  rm -rf "${work:?}/$side"
  mkdir -p "$work/$side"
  (cd "$dir" && JAVA_TOOL_OPTIONS="$opts" exec /usr/bin/time -o "$work/$side.time" -f '%U %S %e %M' \
    taskset -c "$cpu" ./nexusflowmeter "$capture" "$work/$side/flows.csv" > "$work/$side.log" 2>&1) &
  local pid=$!
  "$root/bench/thread-cpu.py" "$pid" "$work/$side.threads" &
  local sampler=$!
  wait "$pid" || { echo "ab.sh: side $side failed, see its log:" >&2; tail -5 "$work/$side.log" >&2; return 1; }
  wait "$sampler"
  local user sys wall rss tasks compiler collector
  read -r user sys wall rss < "$work/$side.time"
  read -r tasks compiler collector < <(sed 's/[a-z]*=//g' "$work/$side.threads")
  echo "$side $cpu $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $user $sys $wall $rss" \
    "$(md5sum < "$work/$side/flows.csv" | cut -c1-8) $tasks $compiler $collector"
}

cat "$capture" > /dev/null
for ((round = 1; round <= rounds; round++)); do
  for order in "0 1" "1 0"; do
    read -r cpu_a cpu_b <<< "$order"
    run A "$cpu_a" > "$work/a.row" & pid_a=$!
    run B "$cpu_b" > "$work/b.row" & pid_b=$!
    wait "$pid_a" && wait "$pid_b"
    cat "$work/a.row" "$work/b.row" | tee -a "$work/rows"
  done
done
awk '
  { cpu[NR] = $3; side[NR] = $1; md5[$1] = $8; tasks[NR] = $9; compiler[NR] = $10 }
  # B - A of values[] in round i: the mean of its two pairs
  function diff(values, i) { return (values[i + 1] - values[i] + values[i + 3] - values[i + 2]) / 2 }
  END {
    for (i = 1; i + 3 <= NR; i += 4) {
      d = diff(cpu, i); t = diff(tasks, i); c = diff(compiler, i)
      rounds++; sum += d; sum_tasks += t; sum_compiler += c
      printf "round %d: B - A = %+.2f CPU-s (A %.2f, %.2f; B %.2f, %.2f); task threads %+.2f, compiler %+.2f\n",
        rounds, d, cpu[i], cpu[i + 2], cpu[i + 1], cpu[i + 3], t, c
    }
    printf "mean of %d rounds: B - A = %+.2f CPU-s, task threads %+.2f, compiler %+.2f; outputs %s\n", rounds,
      sum / rounds, sum_tasks / rounds, sum_compiler / rounds, md5["A"] == md5["B"] ? "identical" : "DIFFER"
  }' "$work/rows"
