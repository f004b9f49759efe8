package org.nexusflowmeter.pcap.spark.it;

import org.apache.spark.sql.SparkSession;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/** SparkSession builders that keep the driver, its UI and every port on 127.0.0.1. */
final class LoopbackSpark {
  private LoopbackSpark() {}

  static SparkSession.Builder builder(String master, String appName) {
    return LocalSpark.builder(master, appName);
  }

  /**
   * A fresh session from builder. Only one SparkContext can live in a JVM, so a session another test class
   * left open is stopped first; the caller stops the returned one.
   */
  static SparkSession fresh(SparkSession.Builder builder) {
    SparkSession.getActiveSession().foreach(session -> { session.stop(); return null; });
    SparkSession.getDefaultSession().foreach(session -> { session.stop(); return null; });
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    return builder.getOrCreate();
  }
}
