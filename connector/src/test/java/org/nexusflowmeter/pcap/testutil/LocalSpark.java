package org.nexusflowmeter.pcap.testutil;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark sessions of the tests, in both modules: the driver and every port on 127.0.0.1, no UI, few
 * shuffle partitions, UTC session time zone, little retained history.
 */
public final class LocalSpark {
  private LocalSpark() {}

  /** A local[2] session for one test class; the class stops it. */
  public static SparkSession start(String appName) {
    return builder("local[2]", appName).getOrCreate();
  }

  public static SparkSession.Builder builder(String master, String appName) {
    return SparkSession.builder()
        .master(master)
        .appName(appName)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        // The status store keeps little history: with Spark's defaults (100,000 tasks retained) the cost of
        // each task end grows as tasks pile up, which more than doubles a read of 14,000 tiny splits.
        .config("spark.ui.retainedTasks", "100")
        .config("spark.ui.retainedStages", "10")
        .config("spark.ui.retainedJobs", "10")
        .config("spark.sql.ui.retainedExecutions", "10");
  }
}
