package org.nexusflowmeter.jobs.flows;

import org.apache.spark.sql.SparkSession;

/**
 * The serializer a flow job's session should use: Kryo, since the flow table's checkpoint is read back several
 * times (written, reported on) and Java serialization reads Spark's rows several times slower; without
 * reference tracking, since nothing the job moves refers to itself (rows, flow parts, task results) and
 * tracking clears an identity table before every row read back (a tenth of a report pass's CPU).
 */
public final class FlowJobSerializer {
  private FlowJobSerializer() {}

  public static SparkSession.Builder configure(SparkSession.Builder builder) {
    return builder.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.referenceTracking", "false");
  }
}
