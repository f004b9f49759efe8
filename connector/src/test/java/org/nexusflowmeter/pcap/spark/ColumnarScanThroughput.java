package org.nexusflowmeter.pcap.spark;

import java.lang.management.ManagementFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The header scan of SparkScanThroughput (9 header columns into the no-op sink) through the row and the
 * columnar path in one JVM: each path runs once to warm up, then the two are measured in turns, so both
 * see the same machine. Prints the process CPU seconds of each measured run.
 *
 * <p>Usage: {@code ColumnarScanThroughput FILE CORES ROUNDS [row|columnar]}; the last argument measures one
 * path alone, for a profile of it.
 */
public final class ColumnarScanThroughput {
  private static final String[] HEADER_COLUMNS = {"timestamp_ns", "original_length", "src_ip", "dst_ip",
      "ip_protocol", "src_port", "dst_port", "tcp_flags", "l4_payload_length"};

  private ColumnarScanThroughput() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder()
        .master("local[" + args[1] + "]")
        .appName("pcap-columnar-scan-benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
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
        .selectExpr(HEADER_COLUMNS).write().format("noop").mode("overwrite").save();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
