package org.nexusflowmeter.jobs.cli;

import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;

/** What the reports say about the Spark a run used: its master and the largest split size captures are read in. */
final class SparkFacts {
  private SparkFacts() {}

  static String master(SparkSession spark) {
    return spark.sparkContext().master();
  }

  static long splitBytes(SparkSession spark) {
    // a size with or without a unit ("134217728", "128MB"), as Spark reads it
    return JavaUtils.byteStringAsBytes(spark.conf().get(SQLConf.FILES_MAX_PARTITION_BYTES().key(),
        SQLConf.FILES_MAX_PARTITION_BYTES().defaultValueString()));
  }
}
