package org.nexusflowmeter.jobs.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The flow table's columns (flow spec section 4) in order. Start and end time are TimestampType, whose value in
 * Spark's row format is the epoch-microsecond long that {@link FlowRowWriter} writes: the rows the fold makes are
 * the table's rows as they are, with no conversion by Spark.
 */
final class FlowColumns {
  static final String START_TIME = "start_time";
  static final String END_TIME = "end_time";
  static final String SOURCE_FILE = "source_file";

  private FlowColumns() {}

  /** The table's schema: spec section 4, {@code source_file} last when files are kept apart. */
  static StructType outputSchema(boolean withSourceFile) {
    List<StructField> fields = new ArrayList<>(List.of(
        field("flow_id", DataTypes.StringType, false),
        field("src_ip", DataTypes.StringType, false),
        field("dst_ip", DataTypes.StringType, false),
        field("src_port", DataTypes.IntegerType, true),
        field("dst_port", DataTypes.IntegerType, true),
        field("protocol", DataTypes.StringType, false),
        field(START_TIME, DataTypes.TimestampType, false),
        field(END_TIME, DataTypes.TimestampType, false),
        field("duration_seconds", DataTypes.DoubleType, false),
        field("total_packets", DataTypes.LongType, false),
        field("forward_packets", DataTypes.LongType, false),
        field("backward_packets", DataTypes.LongType, false),
        field("is_bidirectional", DataTypes.BooleanType, false),
        field("forward_backward_ratio", DataTypes.DoubleType, true),
        field("total_bytes", DataTypes.LongType, false),
        field("forward_bytes", DataTypes.LongType, false),
        field("backward_bytes", DataTypes.LongType, false),
        field("total_payload_bytes", DataTypes.LongType, false),
        field("forward_payload_bytes", DataTypes.LongType, false),
        field("backward_payload_bytes", DataTypes.LongType, false),
        field("packets_per_second", DataTypes.DoubleType, true),
        field("bytes_per_second", DataTypes.DoubleType, true),
        field("min_packet_size", DataTypes.LongType, false),
        field("max_packet_size", DataTypes.LongType, false),
        field("avg_packet_size", DataTypes.DoubleType, false),
        field("avg_inter_arrival_ms", DataTypes.DoubleType, true),
        field("min_inter_arrival_ms", DataTypes.DoubleType, true),
        field("max_inter_arrival_ms", DataTypes.DoubleType, true),
        field("tcp_flags", DataTypes.StringType, true),
        field("syn_count", DataTypes.LongType, false),
        field("fin_count", DataTypes.LongType, false),
        field("rst_count", DataTypes.LongType, false),
        field("ack_count", DataTypes.LongType, false),
        field("connection_state", DataTypes.StringType, false)));
    if (withSourceFile) {
      fields.add(field(SOURCE_FILE, DataTypes.StringType, false));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  /** The last path segment: what spec column 35 calls the file name. */
  static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
