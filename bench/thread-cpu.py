#!/usr/bin/env python3
"""CPU-seconds of a running process tree's threads, by kind: thread-cpu.py PID OUT

Reads /proc/P/task/T/stat of those threads of PID and its descendants every 0.5 s until PID is gone, keeps
each thread's latest user + system time, and writes one line to OUT:
    tasks=S compiler=S collector=S
(seconds; tasks are Spark's task threads, compiler HotSpot's C1 and C2 threads, collector its GC worker threads
and VM thread, which do the parallel collector's work and G1's pauses; G1's concurrent threads count in the
rest). The rest of the run's CPU (GNU time's total minus these) is the driver's, Spark's and the JVM's
service threads and the process's start.

The figures are a lower bound: a thread's last 0.5 s before it (or the process) ends are not seen, and a
thread that lives less than 0.5 s is not seen at all; what this misses counts as the rest. Run beside the
measured command, not inside its timed tree, so that its own CPU (a fraction of a millisecond a sample, each
thread's name read once) is not counted.
"""
import os
import sys
import time

INTERVAL_S = 0.5
TICKS = os.sysconf("SC_CLK_TCK")


def kind(name):
    if name.startswith("Executor task"):
        return "tasks"
    if "CompilerThre" in name:
        return "compiler"
    if name.startswith("GC Thread") or name == "VM Thread":
        return "collector"
    return "other"


def tree(root):
    """root and its descendants started by their main threads (as time, taskset, shells and a JVM's launcher
    start them), through /proc/P/task/P/children"""
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def sample(root, kinds, latest):
    """latest[(pid, tid)] = (kind, CPU ticks) of the threads of a kind other than "other"; a thread's kind is read
    once, from its name (which HotSpot and Spark set when the thread starts)"""
    for pid in tree(root):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            key = (pid, int(tid))
            if key not in kinds:
                name = read(f"/proc/{pid}/task/{tid}/comm")
                if name is None:
                    continue
                kinds[key] = kind(name.rstrip("\n"))
            if kinds[key] == "other":
                continue
            stat = read(f"/proc/{pid}/task/{tid}/stat")
            if stat is None:
                continue
            # the name in parentheses may hold spaces; the fields after it are plain
            fields = stat[stat.rindex(")") + 2:].split()
            latest[key] = (kinds[key], int(fields[11]) + int(fields[12]))  # utime, stime: fields 14, 15


def main():
    root, out = int(sys.argv[1]), sys.argv[2]
    kinds, latest = {}, {}
    while os.path.exists(f"/proc/{root}"):
        sample(root, kinds, latest)
        time.sleep(INTERVAL_S)
    sums = {"tasks": 0, "compiler": 0, "collector": 0}
    for kind_, cpu in latest.values():
        sums[kind_] += cpu
    with open(out, "w") as f:
        f.write(" ".join(f"{k}={v / TICKS:.2f}" for k, v in sums.items()) + "\n")


if __name__ == "__main__":
    main()
