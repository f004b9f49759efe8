package org.nexusflowmeter.jobs.flows;

import org.apache.spark.sql.SparkSession;

/** The embedded Spark session of the flow job tests: two cores, loopback only, no UI. */
final class SparkForTests {
  private SparkForTests() {}

  static SparkSession start(String appName) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(appName)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }
}
