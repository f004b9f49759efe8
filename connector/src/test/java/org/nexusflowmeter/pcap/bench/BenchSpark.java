package org.nexusflowmeter.pcap.bench;

import org.apache.spark.sql.SparkSession;

/**
 * The benchmark mains' embedded Spark (both modules): {@code local[CORES]}, no UI, the driver on 127.0.0.1,
 * Spark's own log at WARN; and the header columns the scan benchmarks select.
 */
public final class BenchSpark {
  /** The 9 header columns of the scan benchmarks, as `bench/compare.sh` describes its scan. */
  public static final String[] HEADER_COLUMNS = {"timestamp_ns", "original_length", "src_ip", "dst_ip",
      "ip_protocol", "src_port", "dst_port", "tcp_flags", "l4_payload_length"};

  private BenchSpark() {}

  /** A session builder of {@code cores} task threads, to add settings to before {@link #start}. */
  public static SparkSession.Builder builder(String appName, String cores) {
    return SparkSession.builder()
        .master("local[" + cores + "]")
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
  }

  public static SparkSession start(SparkSession.Builder builder) {
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  public static SparkSession start(String appName, String cores) {
    return start(builder(appName, cores));
  }
}
