package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The flow table's columns (flow spec section 4) in order. The engine's rows leave the tasks with start and end
 * time as epoch microseconds (a plain long needs no encoder setting for time types) and become TimestampType in
 * {@link #finalColumns}.
 */
final class FlowColumns {
  static final String START_TIME = "start_time";
  static final String END_TIME = "end_time";
  static final String SOURCE_FILE = "source_file";

  private FlowColumns() {}

  /** The schema of the rows {@link FlowRowWriter} makes: timestamps as epoch-microsecond longs. */
  static StructType engineSchema(boolean withSourceFile) {
    return schema(withSourceFile, DataTypes.LongType);
  }

  /** The output schema: spec section 4 with TimestampType times, {@code source_file} last when files are apart. */
  static StructType outputSchema(boolean withSourceFile) {
    return schema(withSourceFile, DataTypes.TimestampType);
  }

  private static StructType schema(boolean withSourceFile, DataType timeType) {
    List<StructField> fields = new ArrayList<>(List.of(
        field("flow_id", DataTypes.StringType, false),
        field("src_ip", DataTypes.StringType, false),
        field("dst_ip", DataTypes.StringType, false),
        field("src_port", DataTypes.IntegerType, true),
        field("dst_port", DataTypes.IntegerType, true),
        field("protocol", DataTypes.StringType, false),
        field(START_TIME, timeType, false),
        field(END_TIME, timeType, false),
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

  /** Every column of the engine schema, the two times turned into timestamps. */
  static Column[] finalColumns(StructType engineSchema) {
    StructField[] fields = engineSchema.fields();
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      boolean time = name.equals(START_TIME) || name.equals(END_TIME);
      columns[i] = time ? timestamp_micros(col(name)).as(name) : col(name);
    }
    return columns;
  }

  /** The last path segment: what spec column 35 calls the file name. */
  static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
