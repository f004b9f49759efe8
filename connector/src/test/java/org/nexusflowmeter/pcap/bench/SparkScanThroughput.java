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
    SparkSession spark = BenchSpark.start("pcap-scan-benchmark", args[2]);
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
    packets.selectExpr(BenchSpark.HEADER_COLUMNS).write().format("noop").mode("overwrite").save();
    return -1;
  }
}
