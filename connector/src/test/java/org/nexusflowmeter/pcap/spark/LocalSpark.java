package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.SparkSession;

/** The local Spark session of one test class: two cores, loopback only, no UI. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start(String appName) {
    return SparkSession.builder()
        .appName(appName)
        .master("local[2]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }
}
