package org.nexusflowmeter.pcap.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nexusflowmeter.pcap.bench.BenchSpark;

/**
 * The header scan of SparkScanThroughput (9 header columns into the no-op sink, column batches) run ROUNDS
 * times in one JVM, printing per query the process CPU and the CPU of Spark's task threads alone. On a capture
 * of a few million packets each query also costs a few tenths of a CPU-second that do not grow with the
 * capture (planning on the driver, the JIT compiling the planner's code): the task threads' CPU is the part
 * the reader and Spark's rows spend per packet, the part a bigger capture multiplies.
 *
 * <p>Usage: {@code ScanTaskCpu FILE CORES ROUNDS [OPTION=VALUE ...]}, the options the reader's (e.g.
 * {@code columnar=false}).
 */
public final class ScanTaskCpu {
  private static final String TASK_THREAD_PREFIX = "Executor task";

  private ScanTaskCpu() {}

  public static void main(String[] args) {
    SparkSession spark = BenchSpark.start("pcap-scan-task-cpu", args[1]);
    try {
      for (int round = 0; round < Integer.parseInt(args[2]); round++) {
        long process = processCpuNanos();
        long tasks = taskThreadCpuNanos();
        spark.read().format("pcap").options(readOptions(args)).load(args[0]).selectExpr(BenchSpark.HEADER_COLUMNS)
            .write().format("noop").mode("overwrite").save();
        System.out.printf("round=%d process_cpu_s=%.3f task_cpu_s=%.3f%n", round,
            (processCpuNanos() - process) / 1e9, (taskThreadCpuNanos() - tasks) / 1e9);
      }
    } finally {
      spark.stop();
    }
  }

  private static Map<String, String> readOptions(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 3; i < args.length; i++) {
      String[] option = args[i].split("=", 2);
      options.put(option[0], option[1]);
    }
    return options;
  }

  /** CPU time of the task threads alive now (Spark's executor pool keeps its threads between queries). */
  private static long taskThreadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(TASK_THREAD_PREFIX)) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
