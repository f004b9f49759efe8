package org.nexusflowmeter.jobs.export;

import org.apache.spark.sql.SparkSession;

/** The exporter tests' local Spark: two cores, loopback only, no UI. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start(String appName) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(appName)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }
}
