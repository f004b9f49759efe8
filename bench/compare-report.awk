# Turns bench/compare.sh's TSV (one row per run) into the Markdown tables it prints. Variables: full, full_size,
# tenth_size (capture and sizes), machine, versions, load, command, repeat. See compare.sh for what each run is.
BEGIN { FS = "\t" }
NR == 1 { next }
{
  # a run repeated (REPEAT) gives several rows of one key: the figures are the medians of each column
  key = $1 SUBSEP $2 SUBSEP $3
  runs[key]++
  seen[key] = 1
  # the scan's process reads its capture twice (a warm-up query, then the measured one)
  packets[key] = ($4 == "-") ? 0 : $4 * ($1 == "scan" ? 2 : 1)
  capture_packets[$2] = $4
  flows[key] = $5
  cpus[key, runs[key]] = $6 + $7
  walls[key, runs[key]] = $8
  rsss[key, runs[key]] = $9 / 1024
  program_cpus[key, runs[key]] = $10
  # the JVM's task, compiler and collector threads (bench/thread-cpu.py); absent in TSVs from before them
  task_cpus[key, runs[key]] = $13 == "" ? -1 : $13
  compiler_cpus[key, runs[key]] = $14 == "" ? -1 : $14
  collector_cpus[key, runs[key]] = $15 == "" ? -1 : $15
  if ($11 != 0) failed[key] = 1
  # the speed probe before the run, one figure per processor it was pinned to (compare.sh's probe)
  nprobe = split($12, probe_cpu, "/")
  for (i = 1; i <= nprobe; i++) {
    if (probe_cpu[i] == "") continue
    probes[i - 1, ++probe_runs[i - 1]] = probe_cpu[i]
  }
}

# the median of values[key, 1..n] (the mean of the middle two for an even n)
function median(values, key, n,   i, j, v, x) {
  for (i = 1; i <= n; i++) v[i] = values[key, i]
  for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
  return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}

# "min–max" of values[key, 1..n], each as fmt prints it
function range(values, key, n, fmt,   i, lo, hi) {
  lo = hi = values[key, 1]
  for (i = 2; i <= n; i++) { if (values[key, i] < lo) lo = values[key, i]; if (values[key, i] > hi) hi = values[key, i] }
  return sprintf(fmt "–" fmt, lo, hi)
}

# " (min–max)" of values[key, 1..n] in whole numbers, or "" for a single run
function spread(values, key, n) {
  return n < 2 ? "" : " (" range(values, key, n, "%d") ")"
}

function k(tool, input, cores) { return tool SUBSEP input SUBSEP cores }
function has(tool, input, cores) { return (k(tool, input, cores) in seen) && !failed[k(tool, input, cores)] }
# marginal packets per CPU-second from the tenth to the full capture: every fixed cost cancels out
function steady(tool, cores,   d) {
  if (!has(tool, "tenth", cores) || !has(tool, "full", cores)) return 0
  d = cpu[k(tool, "full", cores)] - cpu[k(tool, "tenth", cores)]
  return d > 0 ? (packets[k(tool, "full", cores)] - packets[k(tool, "tenth", cores)]) / d : 0
}
function rate(r) { return r <= 0 ? "n/a" : r >= 1e6 ? sprintf("%.2f M", r / 1e6) : sprintf("%.0f k", r / 1e3) }
function ratio(a, b) { return (a <= 0 || b <= 0) ? "n/a" : a / b >= 0.1 ? sprintf("%.2f", a / b) : sprintf("%.4f", a / b) }

END {
  for (key in runs) {
    cpu[key] = median(cpus, key, runs[key])
    wall[key] = median(walls, key, runs[key])
    rss[key] = median(rsss, key, runs[key])
    program_cpu[key] = program_cpus[key, 1] == "-" ? "-" : median(program_cpus, key, runs[key])
    task_cpu[key] = median(task_cpus, key, runs[key])
    compiler_cpu[key] = median(compiler_cpus, key, runs[key])
    collector_cpu[key] = median(collector_cpus, key, runs[key])
  }
  split("floor argus tshark cli scan", tools, " ")
  name["floor"] = "record-walk floor (`RecordWalkFloor`, JVM)"
  name["argus"] = "argus (`argus -X -S 3600 -r`)"
  name["tshark"] = "tshark conversations (`-z conv,tcp -z conv,udp`)"
  name["cli"] = "`./nexusflowmeter IN OUT.csv` (embedded Spark)"
  name["scan"] = "`format(\"pcap\")`, 9 header columns to no-op (2 scans a process)"
  floor = steady("floor", 2)
  argus = steady("argus", 2)

  printf "Capture: %s, %d bytes, %d packets (its tenth: %d bytes, %d packets).\n", full, full_size,
      capture_packets["full"], tenth_size, capture_packets["tenth"]
  printf "Machine: %s; %s; %s.\nCommand: `%s`\n", machine, versions, load, command
  printf "Ours (command and scan): each figure is the median of %d runs; the other tools run once.\n\n", repeat

  print "Every tool on the full capture, both cores available. Steady = marginal packets per CPU-second from the tenth"
  print "to the full capture (start-up cancels out); ratios are of steady rates. CPU = user + system of the process tree."
  print ""
  print "| tool | packets per CPU-second, steady | vs floor | vs argus | packets per CPU-second, whole process | CPU s | wall s | peak RSS MB | flows (records) |"
  print "|---|---|---|---|---|---|---|---|---|"
  for (i = 1; i <= 5; i++) {
    t = tools[i]; f = k(t, "full", 2)
    if (!(f in seen)) continue
    if (failed[f]) { printf "| %s | failed | | | | | | | |\n", name[t]; continue }
    s = steady(t, 2)
    printf "| %s | %s | %s | %s | %s | %.2f | %.2f | %d | %s |\n", name[t], rate(s), ratio(s, floor), ratio(s, argus),
        rate(cpu[f] > 0 ? packets[f] / cpu[f] : 0), cpu[f], wall[f], rss[f], flows[f]
  }
  printf "| original NexusFlowMeter (Python): not run, quoted¹ | 3.75 k¹ | %s | %s | 3.75 k¹ | 53.3¹ | 62.5¹ | 1,343¹ | 2,000¹ |\n",
      ratio(3750, floor), ratio(3750, argus)

  print ""
  print "Ours on the tenth and on the full capture (10× the packets):"
  print ""
  print "| run | cores | packets | CPU s | wall s | peak RSS MB (runs' range) | wall ×, full / tenth | peak RSS, full vs tenth |"
  print "|---|---|---|---|---|---|---|---|"
  for (i = 4; i <= 5; i++) {
    for (c = 2; c >= 1; c--) {
      t = tools[i]; a = k(t, "tenth", c); b = k(t, "full", c)
      if (!has(t, "tenth", c) || !has(t, "full", c)) continue
      printf "| %s | %d | %d → %d | %.2f → %.2f | %.2f → %.2f | %d%s → %d%s | %.2f | %+.0f %% |\n", t, c,
          capture_packets["tenth"], capture_packets["full"], cpu[a], cpu[b], wall[a], wall[b],
          rss[a], spread(rsss, a, runs[a]), rss[b], spread(rsss, b, runs[b]), wall[b] / wall[a],
          100 * (rss[b] / rss[a] - 1)
    }
  }

  print ""
  print "Ours on one core (taskset -c 0) and two. Steady speedup = (wall full − wall tenth) on 1 core over the same on 2."
  print ""
  print "| run | wall s, 1 core → 2 cores (full) | speedup, whole run | speedup, steady | packets per CPU-second steady, 1 core → 2 cores |"
  print "|---|---|---|---|---|"
  for (i = 4; i <= 5; i++) {
    t = tools[i]
    if (!has(t, "full", 1) || !has(t, "full", 2)) continue
    d1 = has(t, "tenth", 1) ? wall[k(t, "full", 1)] - wall[k(t, "tenth", 1)] : 0
    d2 = has(t, "tenth", 2) ? wall[k(t, "full", 2)] - wall[k(t, "tenth", 2)] : 0
    printf "| %s | %.2f → %.2f | %s | %s | %s → %s |\n", t, wall[k(t, "full", 1)], wall[k(t, "full", 2)],
        ratio(wall[k(t, "full", 1)], wall[k(t, "full", 2)]), ratio(d1, d2), rate(steady(t, 1)), rate(steady(t, 2))
  }

  print ""
  print "Where ours' CPU goes, by thread (medians; steady = full − tenth): Spark's task threads, the JIT compiler's,"
  print "the collector's, and the rest (driver, Spark's services, start-up). Task threads, steady = the packets"
  print "between the tenth and the full capture over the task threads' CPU between them."
  print ""
  print "| run | cores | CPU s, tenth → full | task threads | compiler | collector | rest | steady: task threads, compiler, collector, rest | task threads, steady |"
  print "|---|---|---|---|---|---|---|---|---|"
  for (i = 4; i <= 5; i++) {
    for (c = 2; c >= 1; c--) {
      t = tools[i]; a = k(t, "tenth", c); b = k(t, "full", c)
      if (!has(t, "tenth", c) || !has(t, "full", c) || task_cpu[a] < 0 || task_cpu[b] < 0) continue
      dt = task_cpu[b] - task_cpu[a]; dc = compiler_cpu[b] - compiler_cpu[a]; dg = collector_cpu[b] - collector_cpu[a]
      printf "| %s | %d | %.2f → %.2f | %.2f → %.2f | %.2f → %.2f | %.2f → %.2f | %.2f → %.2f | %.2f, %.2f, %.2f, %.2f | %s |\n",
          t, c, cpu[a], cpu[b], task_cpu[a], task_cpu[b], compiler_cpu[a], compiler_cpu[b],
          collector_cpu[a], collector_cpu[b], cpu[a] - task_cpu[a] - compiler_cpu[a] - collector_cpu[a],
          cpu[b] - task_cpu[b] - compiler_cpu[b] - collector_cpu[b], dt, dc, dg, (cpu[b] - cpu[a]) - dt - dc - dg,
          rate(dt > 0 ? (packets[b] - packets[a]) / dt : 0)
    }
  }

  print ""
  print "¹ The original cannot be installed here (PyPI is unreachable from this machine). Its figures are quoted from"
  print "../shared/reference/nexusflowmeter-original.md §11: 200,000 packets (2,000 flows, 78 MB) on the same kind of"
  print "machine, single-threaded; it keeps every packet object (about 6.3 kB a packet), so it cannot run this capture."
  f = k("floor", "full", 2)
  if (has("floor", "full", 2) && program_cpu[f] > 0)
    printf "The floor's own figure (CPU from after JVM start-up): %s packets per CPU-second.\n", rate(packets[f] / program_cpu[f])
  f = k("scan", "full", 2)
  if (has("scan", "full", 2) && program_cpu[f] > 0)
    printf "The scan's own figure (CPU of its second, warm query, 2 cores): %s packets per CPU-second.\n", rate(packets[f] / 2 / program_cpu[f])
  for (c = 0; (c, 1) in probes; c++)
    printf "Speed probe on processor %d (CPU-seconds of a fixed awk loop before each run, %d runs): median %.2f, range %s.\n",
        c, probe_runs[c], median(probes, c, probe_runs[c]), range(probes, c, probe_runs[c], "%.2f")
  print "Flows are counted each tool's way: argus records (its own TCP close and idle rules, status records off),"
  print "tshark conversations (no timeout), ours (60 s idle timeout, TCP close rules); they need not be equal."
  for (r in failed) {
    if (!failed[r]) continue
    split(r, part, SUBSEP)
    printf "FAILED: %s on the %s capture, %s core(s) (see the TSV's exit column; it is left out above).\n", part[1], part[2], part[3]
  }
}
