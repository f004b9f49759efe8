package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nexusflowmeter.flow.PacketView;

/**
 * Packet rows keyed for a whole-key pass: the grouping key of {@link FlowPieces}, the packet's place in capture
 * order (time, file, offset) and what the engine reads. The job uses them only for the keys the per-segment
 * path could not decide.
 */
final class KeyPackets {
  static final int KEY_FILE = 0;
  static final int KEY = 1;
  private static final int TIMESTAMP_NS = 2;
  private static final int FILE_OFFSET = 4;
  private static final int SRC = 5;
  private static final int DST = 6;
  private static final int PROTOCOL = 7;
  private static final int SRC_PORT = 8;
  private static final int DST_PORT = 9;
  private static final int WIRE = 10;
  private static final int PAYLOAD = 11;
  private static final int TCP_FLAGS = 12;
  private static final int NON_FIRST_FRAGMENT = 13;

  static final StructType SCHEMA = new StructType()
      .add(FlowPieces.KEY_FILE, DataTypes.StringType, false)
      .add(FlowPieces.KEY, DataTypes.BinaryType, false)
      .add("timestamp_ns", DataTypes.LongType, false)
      .add("file", DataTypes.StringType, false)
      .add("file_offset", DataTypes.LongType, false)
      .add("src", DataTypes.BinaryType, false)
      .add("dst", DataTypes.BinaryType, false)
      .add("protocol", DataTypes.IntegerType, false)
      .add("src_port", DataTypes.IntegerType, false)
      .add("dst_port", DataTypes.IntegerType, false)
      .add("wire", DataTypes.LongType, false)
      .add("payload", DataTypes.LongType, false)
      .add("tcp_flags", DataTypes.IntegerType, false)
      .add("non_first_fragment", DataTypes.BooleanType, false);

  /** All of a key's packets meet in one task... */
  static final Column[] GROUP = {col(FlowPieces.KEY_FILE), col(FlowPieces.KEY)};
  /** ... in the order one pass over the capture takes them. */
  static final Column[] ORDER = {col(FlowPieces.KEY_FILE), col(FlowPieces.KEY), col("timestamp_ns"), col("file"),
      col("file_offset")};

  private KeyPackets() {}

  static Row toRow(String keyFile, byte[] key, String file, PacketFields fields, PacketView p) {
    return RowFactory.create(keyFile, key, p.timestampNanos, file, p.fileOrder, fields.srcAddress(),
        fields.dstAddress(), p.protocol, p.srcPort, p.dstPort, p.wireLength, p.payloadLength, p.tcpFlags,
        p.nonFirstFragment);
  }

  static void read(Row row, PacketView p) {
    p.timestampNanos = row.getLong(TIMESTAMP_NS);
    p.fileOrder = row.getLong(FILE_OFFSET);
    p.setAddresses((byte[]) row.get(SRC), (byte[]) row.get(DST));
    p.protocol = row.getInt(PROTOCOL);
    p.srcPort = row.getInt(SRC_PORT);
    p.dstPort = row.getInt(DST_PORT);
    p.wireLength = row.getLong(WIRE);
    p.payloadLength = row.getLong(PAYLOAD);
    p.tcpFlags = row.getInt(TCP_FLAGS);
    p.nonFirstFragment = row.getBoolean(NON_FIRST_FRAGMENT);
  }
}
