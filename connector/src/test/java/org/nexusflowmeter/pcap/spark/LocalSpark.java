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
        // The status store keeps little history: with Spark's defaults (100,000 tasks retained) the cost of
        // each task end grows as tasks pile up, which more than doubles a read of 14,000 tiny splits.
        .config("spark.ui.retainedTasks", "100")
        .config("spark.ui.retainedStages", "10")
        .config("spark.ui.retainedJobs", "10")
        .config("spark.sql.ui.retainedExecutions", "10")
        .getOrCreate();
  }
}
