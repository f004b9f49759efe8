package org.nexusflowmeter.jobs.flows;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
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
  /**
   * The rows of the tables the job keeps ({@link #keptFrame}), by table. Reading a DataFrame through Spark copies
   * every row into a new one (a projection, even of all columns unchanged); the job's own readers of a kept table
   * take its rows as they are. Weak keys: a table nothing uses any more does not stay for this.
   */
  private static final Map<Dataset<Row>, JavaRDD<InternalRow>> KEPT =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SparkRows() {}

  static Dataset<Row> frame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /** {@link #frame}, whose rows {@link #of} gives as they are: rows of exactly {@code schema}, in Spark's format. */
  static Dataset<Row> keptFrame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    Dataset<Row> frame = frame(spark, rows, schema);
    KEPT.put(frame, rows);
    return frame;
  }

  /** The rows of two kept tables of one schema, as one kept table. */
  static Dataset<Row> keptUnion(Dataset<Row> one, Dataset<Row> other) {
    Dataset<Row> union = one.union(other);
    KEPT.put(union, of(one).union(of(other)));
    return union;
  }

  /** The rows of {@code frame} in Spark's format, without converting them to Java rows. */
  static JavaRDD<InternalRow> of(Dataset<Row> frame) {
    JavaRDD<InternalRow> kept = KEPT.get(frame);
    return kept != null ? kept : frame.queryExecution().toRdd().toJavaRDD();
  }
}
