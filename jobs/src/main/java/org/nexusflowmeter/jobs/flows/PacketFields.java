package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.nexusflowmeter.flow.PacketView;

/**
 * The packet columns the flow job reads, and the reading of one row of them into a reused {@link PacketView}:
 * which records make flow packets (flow spec section 1: parsed, timed, IP with both addresses and a protocol or
 * IPv4 ARP), then the facts the engine needs (sections 1-3). Rows are Spark's internal rows, read by position with
 * no object per field, but for the two address arrays of a row that is not a {@link DecodedPacketRow}.
 */
final class PacketFields {
  /** What a row is to the flow job. */
  static final int MALFORMED = 0;
  static final int UNTIMED = 1;
  static final int NON_IP = 2;
  static final int UNKEYED = 3;
  static final int FLOW = 4;

  private static final int ETH_TYPE_ARP = 0x0806;

  static final int FILE_PATH = 0;
  static final int FILE_OFFSET = 1;
  static final int TIMESTAMP_NS = 2;
  static final int PARSE_ERROR = 3;
  static final int IP_VERSION = 4;
  static final int ETH_TYPE = 5;
  static final int ARP_OP = 6;
  static final int SRC_IP_BYTES = 7;
  static final int DST_IP_BYTES = 8;
  static final int IP_PROTOCOL = 9;
  static final int SRC_PORT = 10;
  static final int DST_PORT = 11;
  static final int ORIGINAL_LENGTH = 12;
  static final int L4_PAYLOAD_LENGTH = 13;
  static final int TCP_FLAGS = 14;
  static final int FRAGMENT_OFFSET = 15;
  /** The engine's flags are the TCP header's flags byte; the source adds NS as bit 8, which no rule uses. */
  private static final int FLAGS_BYTE = 0xFF;

  /** The columns, in the positions above. */
  static final Column[] COLUMNS = {
      col("file_path"), col("file_offset"), col("timestamp_ns"), col("parse_error"), col("ip_version"),
      col("eth_type"), col("arp_op"), col("src_ip_bytes"), col("dst_ip_bytes"), col("ip_protocol"),
      col("src_port"), col("dst_port"), col("original_length"), col("l4_payload_length"), col("tcp_flags"),
      col("fragment_offset")};

  /** The row last read. */
  private InternalRow last;

  /**
   * Says what the row is and, for a flow packet, fills {@code packet} from it (else {@code packet} is partly
   * filled and must not be used).
   *
   * @return {@link #FLOW} or the reason the row makes no flow
   */
  int read(InternalRow row, PacketView packet) {
    if (!row.isNullAt(PARSE_ERROR)) {
      return MALFORMED;
    }
    if (row.isNullAt(TIMESTAMP_NS)) {
      return UNTIMED;
    }
    boolean ip = !row.isNullAt(IP_VERSION);
    if (ip) {
      packet.protocol = row.isNullAt(IP_PROTOCOL) ? -1 : row.getInt(IP_PROTOCOL);
    } else if (!row.isNullAt(ETH_TYPE) && row.getInt(ETH_TYPE) == ETH_TYPE_ARP
        && !row.isNullAt(ARP_OP)) {
      packet.protocol = PacketView.PROTOCOL_ARP;
    } else {
      return NON_IP;
    }
    if (row.isNullAt(SRC_IP_BYTES) || row.isNullAt(DST_IP_BYTES) || packet.protocol < 0) {
      return UNKEYED;
    }
    last = row;
    if (row instanceof DecodedPacketRow decoded) {
      // the addresses are read where the record holds them, not copied out first
      decoded.addressesTo(packet);
    } else {
      packet.setAddresses(row.getBinary(SRC_IP_BYTES), row.getBinary(DST_IP_BYTES));
    }
    packet.timestampNanos = row.getLong(TIMESTAMP_NS);
    packet.fileOrder = row.getLong(FILE_OFFSET);
    packet.srcPort = row.isNullAt(SRC_PORT) ? PacketView.NO_PORT : row.getInt(SRC_PORT);
    packet.dstPort = row.isNullAt(DST_PORT) ? PacketView.NO_PORT : row.getInt(DST_PORT);
    if (packet.srcPort == PacketView.NO_PORT || packet.dstPort == PacketView.NO_PORT) {
      // a key has both ports or none
      packet.srcPort = PacketView.NO_PORT;
      packet.dstPort = PacketView.NO_PORT;
    }
    packet.wireLength = row.getLong(ORIGINAL_LENGTH);
    // transport payload by spec columns 18-20, which the source applies in l4_payload_length; null only where a
    // header the rule needs was cut off (a TCP header cut by the snaplen, say): counted as 0. ARP carries none.
    packet.payloadLength = ip && !row.isNullAt(L4_PAYLOAD_LENGTH) ? row.getInt(L4_PAYLOAD_LENGTH) : 0;
    packet.tcpFlags = row.isNullAt(TCP_FLAGS) ? PacketView.NO_TCP_FLAGS : row.getInt(TCP_FLAGS) & FLAGS_BYTE;
    packet.nonFirstFragment = !row.isNullAt(FRAGMENT_OFFSET) && row.getInt(FRAGMENT_OFFSET) > 0;
    return FLOW;
  }

  /** The source address of the flow packet last read, as its row holds it (while that row is valid). */
  byte[] srcAddress() {
    return last.getBinary(SRC_IP_BYTES);
  }

  /** The destination address of the flow packet last read, as its row holds it (while that row is valid). */
  byte[] dstAddress() {
    return last.getBinary(DST_IP_BYTES);
  }
}
