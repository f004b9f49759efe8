package org.nexusflowmeter.jobs.flows;

import org.apache.spark.sql.Row;
import org.nexusflowmeter.flow.PacketView;

/** Fills one reused {@link PacketView} from a row of {@link FlowPackets#keyed}, by column position. */
final class PacketRowReader {
  static final int KEY_FILE = 0;
  static final int KEY_PROTOCOL = 1;
  static final int KEY_LOW = 2;
  static final int KEY_HIGH = 3;
  private static final int TIMESTAMP_NS = 4;
  static final int FILE_PATH = 5;
  private static final int FILE_OFFSET = 6;
  private static final int SRC_IP = 7;
  private static final int DST_IP = 8;
  private static final int SRC_PORT = 9;
  private static final int DST_PORT = 10;
  private static final int ORIGINAL_LENGTH = 11;
  private static final int PAYLOAD_LENGTH = 12;
  private static final int TCP_FLAGS = 13;
  private static final int FRAGMENT_OFFSET = 14;
  /** The engine's flags are the TCP header's flags byte; the source adds NS as bit 8, which no rule uses. */
  private static final int FLAGS_BYTE = 0xFF;

  private PacketRowReader() {}

  /**
   * @throws IllegalArgumentException when an address is not the text the pcap source writes
   */
  static void read(Row row, PacketView packet) {
    packet.timestampNanos = row.getLong(TIMESTAMP_NS);
    packet.fileOrder = row.getLong(FILE_OFFSET);
    packet.protocol = row.getInt(KEY_PROTOCOL);
    String src = row.getString(SRC_IP);
    String dst = row.getString(DST_IP);
    if (!AddressTextParser.parseInto(src, packet, true)) {
      throw new IllegalArgumentException("not an address: " + src);
    }
    int srcLength = packet.addressLength;
    if (!AddressTextParser.parseInto(dst, packet, false) || packet.addressLength != srcLength) {
      throw new IllegalArgumentException("not an address of the source's family: " + dst);
    }
    packet.srcPort = row.isNullAt(SRC_PORT) ? PacketView.NO_PORT : row.getInt(SRC_PORT);
    packet.dstPort = row.isNullAt(DST_PORT) ? PacketView.NO_PORT : row.getInt(DST_PORT);
    if (packet.srcPort == PacketView.NO_PORT || packet.dstPort == PacketView.NO_PORT) {
      // a key has both ports or none
      packet.srcPort = PacketView.NO_PORT;
      packet.dstPort = PacketView.NO_PORT;
    }
    packet.wireLength = row.getLong(ORIGINAL_LENGTH);
    packet.payloadLength = row.getLong(PAYLOAD_LENGTH);
    packet.tcpFlags = row.isNullAt(TCP_FLAGS) ? PacketView.NO_TCP_FLAGS : row.getInt(TCP_FLAGS) & FLAGS_BYTE;
    packet.nonFirstFragment = row.getInt(FRAGMENT_OFFSET) > 0;
  }
}
