package org.nexusflowmeter.jobs.flows;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame over rows the job made in Spark's own format. Spark's public {@code createDataFrame} takes Java
 * rows and converts every value through an encoder, an object per value on the way; the classic session's {@code internalCreateDataFrame}, public in the bytecode though meant for Spark's own
 * code, takes them as they are. The job's RDD operations need the classic session anyway.
 */
final class SparkRows {
  private SparkRows() {}

  static Dataset<Row> frame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /** The rows of {@code frame} in Spark's format, without converting them to Java rows. */
  static JavaRDD<InternalRow> of(Dataset<Row> frame) {
    return frame.queryExecution().toRdd().toJavaRDD();
  }
}
