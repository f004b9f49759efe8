package org.nexusflowmeter.pcap.spark;

import java.lang.management.ManagementFactory;
import org.apache.spark.sql.SparkSession;
import org.nexusflowmeter.pcap.bench.BenchSpark;

/**
 * The header scan of SparkScanThroughput (9 header columns into the no-op sink) through the row and the
 * columnar path in one JVM: each path runs once to warm up, then the two are measured in turns, so both
 * see the same machine. Prints the process CPU seconds of each measured run.
 *
 * <p>Usage: {@code ColumnarScanThroughput FILE CORES ROUNDS [row|columnar]}; the last argument measures one
 * path alone, for a profile of it.
 */
public final class ColumnarScanThroughput {

  private ColumnarScanThroughput() {}

  public static void main(String[] args) {
    SparkSession spark = BenchSpark.start("pcap-columnar-scan-benchmark", args[1]);
    int rounds = Integer.parseInt(args[2]);
    boolean[] paths = args.length < 4 ? new boolean[] {false, true} : new boolean[] {args[3].equals("columnar")};
    try {
      for (boolean columnar : paths) {
        scan(spark, args[0], columnar);
      }
      for (int round = 0; round < rounds; round++) {
        for (boolean columnar : paths) {
          long start = processCpuNanos();
          long wallStart = System.nanoTime();
          scan(spark, args[0], columnar);
          System.out.printf("%s cores=%s cpu_s=%.3f wall_s=%.3f%n", columnar ? "columnar" : "row", args[1],
              (processCpuNanos() - start) / 1e9, (System.nanoTime() - wallStart) / 1e9);
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static void scan(SparkSession spark, String file, boolean columnar) {
    spark.read().format("pcap").option("columnar", Boolean.toString(columnar)).load(file)
        .selectExpr(BenchSpark.HEADER_COLUMNS).write().format("noop").mode("overwrite").save();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
