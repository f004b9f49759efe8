package org.nexusflowmeter.pcap.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark.read.format("pcap")} on embedded Spark: either {@code count()} (record headers only) or
 * the header columns a flow job needs, every row materialised into Spark's no-op sink. The query runs
 * twice and the second run is measured: the first pays for class loading and code generation, about
 * ten CPU-seconds whatever the input, which is start-up, not reading.
 *
 * <p>Usage: {@code SparkScanThroughput FILE (count|headers) CORES}
 */
public final class SparkScanThroughput {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder()
        .master("local[" + args[2] + "]")
        .appName("pcap-scan-benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      Dataset<Row> packets = spark.read().format("pcap").load(args[0]);
      boolean countOnly = args[1].equals("count");
      run(packets, countOnly);
      long cpuStart = CpuClock.processCpuNanos();
      long count = run(packets, countOnly);
      CpuClock.report(cpuStart);
      if (countOnly) {
        System.out.println("packets=" + count);
      }
    } finally {
      spark.stop();
    }
  }

  private static long run(Dataset<Row> packets, boolean countOnly) {
    if (countOnly) {
      return packets.count();
    }
    packets.select("timestamp_ns", "original_length", "src_ip", "dst_ip", "ip_protocol", "src_port",
            "dst_port", "tcp_flags", "l4_payload_length")
        .write().format("noop").mode("overwrite").save();
    return -1;
  }
}
