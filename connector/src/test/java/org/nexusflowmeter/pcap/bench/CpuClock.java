package org.nexusflowmeter.pcap.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time (user + system, all threads: readers, GC, JIT) of this process, so a benchmark can leave out
 * what JVM and Spark start-up cost and report the steady work alone.
 */
final class CpuClock {
  private CpuClock() {}

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Prints the CPU seconds spent since {@code startNanos}, as the benchmark script reads them. */
  static void report(long startNanos) {
    System.out.printf("cpu_s=%.3f%n", (processCpuNanos() - startNanos) / 1e9);
  }
}
