package org.nexusflowmeter.jobs.flows;

import java.util.IdentityHashMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.flow.FlowRecord;
import org.nexusflowmeter.flow.FlowTexts;

/**
 * Writes flows as Spark's own rows of the table's schema ({@link FlowColumns#outputSchema}), times as the
 * epoch-microsecond longs that are TimestampType's values. Written field by field into buffers reused from fill
 * to fill ({@link FillRows}), so a flow costs no row object, no boxed value and no conversion by an encoder.
 * Nanoseconds become microseconds rounding down (toward the past). The id and the addresses are written from their
 * ASCII bytes ({@link FlowTexts}), not from Strings.
 */
final class FlowRowWriter {
  /** Texts whose bytes are kept: more than the names there are, less than a file name per key would make. */
  private static final int TEXTS_KEPT = 1024;
  private final boolean withSourceFile;
  private final FillRows rows;
  private final FlowTexts texts = new FlowTexts();
  /**
   * The UTF-8 bytes of the texts written, by the String's identity: the protocol, flag and state names are a few
   * Strings made once ({@code ProtocolNames}, {@code TcpFlagNames}, {@code ZeekConnState}), each encoded once here.
   */
  private final IdentityHashMap<String, UTF8String> utf8 = new IdentityHashMap<>();
  /** The row being written. */
  private UnsafeRowWriter row;

  FlowRowWriter(boolean withSourceFile) {
    this.withSourceFile = withSourceFile;
    this.rows = new FillRows(FlowColumns.outputSchema(withSourceFile).size(), 256);
  }

  /** Starts a fill of the iterator that emits the rows: the rows made before are handed on ({@link FillRows}). */
  void reuse() {
    rows.reuse();
  }

  /** The flow's row, valid until {@link #reuse}. */
  InternalRow flow(FlowRecord f) {
    row = rows.next();
    f.texts(texts);
    byte[] bytes = texts.bytes();
    row.write(0, bytes, texts.dstIpEnd(), texts.flowIdEnd() - texts.dstIpEnd());
    row.write(1, bytes, 0, texts.srcIpEnd());
    row.write(2, bytes, texts.srcIpEnd(), texts.dstIpEnd() - texts.srcIpEnd());
    port(3, f.getSrcPort());
    port(4, f.getDstPort());
    text(5, f.getProtocol());
    row.write(6, Math.floorDiv(f.getStartTimeNanos(), 1000L));
    row.write(7, Math.floorDiv(f.getEndTimeNanos(), 1000L));
    row.write(8, f.getDurationSeconds());
    row.write(9, f.getTotalPackets());
    row.write(10, f.getForwardPackets());
    row.write(11, f.getBackwardPackets());
    row.write(12, f.isBidirectional());
    optional(13, f.getForwardBackwardRatio());
    row.write(14, f.getTotalBytes());
    row.write(15, f.getForwardBytes());
    row.write(16, f.getBackwardBytes());
    row.write(17, f.getTotalPayloadBytes());
    row.write(18, f.getForwardPayloadBytes());
    row.write(19, f.getBackwardPayloadBytes());
    optional(20, f.getPacketsPerSecond());
    optional(21, f.getBytesPerSecond());
    row.write(22, f.getMinPacketSize());
    row.write(23, f.getMaxPacketSize());
    row.write(24, f.getAvgPacketSize());
    optional(25, f.getAvgInterArrivalMs());
    optional(26, f.getMinInterArrivalMs());
    optional(27, f.getMaxInterArrivalMs());
    text(28, f.getTcpFlags());
    row.write(29, f.getSynCount());
    row.write(30, f.getFinCount());
    row.write(31, f.getRstCount());
    row.write(32, f.getAckCount());
    text(33, f.getConnectionState());
    if (withSourceFile) {
      text(34, f.getSourceFile());
    }
    return row.getRow();
  }

  private void text(int i, String value) {
    if (value == null) {
      row.setNullAt(i);
      return;
    }
    UTF8String bytes = utf8.get(value);
    if (bytes == null) {
      bytes = UTF8String.fromString(value);
      if (utf8.size() < TEXTS_KEPT) {
        utf8.put(value, bytes);
      }
    }
    row.write(i, bytes);
  }

  private void port(int i, Integer value) {
    if (value == null) {
      row.setNullAt(i);
    } else {
      row.write(i, value.intValue());
    }
  }

  private void optional(int i, Double value) {
    if (value == null) {
      row.setNullAt(i);
    } else {
      row.write(i, value.doubleValue());
    }
  }
}
