package org.nexusflowmeter.pcap.spark;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.decode.PacketDecoder;
import org.nexusflowmeter.pcap.format.PacketRecord;

/**
 * Writes the selected columns of one record into one reused row. Only selected values are computed: the
 * decoder runs only when a decoded column is selected, frame bytes are copied only for {@code data}, strings
 * are built only for selected string columns. Primitive values go into the row's typed slots, unboxed.
 * Reusing the row is safe: Spark's scan node projects each row into an UnsafeRow before asking for the next.
 */
final class PcapRowWriter {
  private static final int ABSENT = -1;
  private static final byte[] NO_BYTES = new byte[0];
  private static final UnsafeArrayData EMPTY_INT_ARRAY = UnsafeArrayData.fromPrimitiveArray(new int[0]);

  private final PcapColumn[] columns;
  private final SpecificInternalRow row;
  private final boolean decodes;
  private final DecodedPacket decoded = new DecodedPacket();
  private final AddressTextCache addressText = new AddressTextCache();
  private UTF8String filePath;

  long packetsDecoded;
  long dataBytesCopied;

  PcapRowWriter(StructType requiredSchema) {
    this.columns = PcapSchema.columnsOf(requiredSchema);
    this.row = new SpecificInternalRow(requiredSchema);
    this.decodes = Arrays.stream(columns).anyMatch(c -> c.decoded);
  }

  /** The file_path value of the rows that follow; set once per split, not per row. */
  void startFile(String path) {
    filePath = UTF8String.fromString(path);
  }

  SpecificInternalRow write(PacketRecord record) {
    // a malformed record of which nothing could be read may come without a buffer
    byte[] data = record.data == null ? NO_BYTES : record.data;
    int offset = record.data == null ? 0 : record.dataOffset;
    int length = record.data == null ? 0 : record.capturedLength;
    if (decodes) {
      PacketDecoder.decode(data, offset, length, record.linkType, decoded);
      packetsDecoded++;
    }
    for (int i = 0; i < columns.length; i++) {
      writeColumn(i, columns[i], record, data, offset, length);
    }
    return row;
  }

  private void writeColumn(int i, PcapColumn column, PacketRecord record, byte[] data,
      int offset, int length) {
    DecodedPacket d = decoded;
    switch (column) {
      case FILE_PATH:
        row.update(i, filePath);
        break;
      case FILE_OFFSET:
        row.setLong(i, record.fileOffset);
        break;
      case TIMESTAMP:
        if (record.hasTimestamp) {
          row.setLong(i, Math.floorDiv(record.timestampNs, 1000L));
        } else {
          row.setNullAt(i);
        }
        break;
      case TIMESTAMP_NS:
        if (record.hasTimestamp) {
          row.setLong(i, record.timestampNs);
        } else {
          row.setNullAt(i);
        }
        break;
      case INTERFACE_ID:
        row.setInt(i, record.interfaceId);
        break;
      case LINK_TYPE:
        row.setInt(i, record.linkType);
        break;
      case CAPTURED_LENGTH:
        row.setInt(i, record.capturedLength);
        break;
      case ORIGINAL_LENGTH:
        row.setLong(i, record.originalLength);
        break;
      case SRC_MAC:
        writeMac(i, d.srcMacOffset);
        break;
      case DST_MAC:
        writeMac(i, d.dstMacOffset);
        break;
      case ETH_TYPE:
        writeInt(i, d.ethType);
        break;
      case VLAN_IDS:
        writeTags(i, d.vlanIds, d.vlanCount);
        break;
      case MPLS_LABELS:
        writeTags(i, d.mplsLabels, d.mplsCount);
        break;
      case IP_VERSION:
        if (d.ipVersion == 0) {
          row.setNullAt(i);
        } else {
          row.setInt(i, d.ipVersion);
        }
        break;
      case SRC_IP:
        writeAddress(i, d.srcAddrOffset);
        break;
      case DST_IP:
        writeAddress(i, d.dstAddrOffset);
        break;
      case SRC_IP_BYTES:
        writeAddressBytes(i, d.srcAddrOffset);
        break;
      case DST_IP_BYTES:
        writeAddressBytes(i, d.dstAddrOffset);
        break;
      case IP_PROTOCOL:
        writeInt(i, d.ipProtocol);
        break;
      case IP_HEADER_LENGTH:
        writeInt(i, d.ipHeaderLength);
        break;
      case IP_DSFIELD:
        writeInt(i, d.ipDsField);
        break;
      case TTL:
        writeInt(i, d.ttl);
        break;
      case IP_ID:
        writeLong(i, d.ipId);
        break;
      case DONT_FRAGMENT:
        writeFlag(i, d.dontFragment);
        break;
      case MORE_FRAGMENTS:
        writeFlag(i, d.moreFragments);
        break;
      case FRAGMENT_OFFSET:
        writeInt(i, d.fragmentOffset);
        break;
      case SRC_PORT:
        writeInt(i, d.srcPort);
        break;
      case DST_PORT:
        writeInt(i, d.dstPort);
        break;
      case TCP_FLAGS:
        writeInt(i, d.tcpFlags);
        break;
      case TCP_SEQ:
        writeLong(i, d.tcpSeq);
        break;
      case TCP_ACK:
        writeLong(i, d.tcpAck);
        break;
      case TCP_WINDOW:
        writeInt(i, d.tcpWindow);
        break;
      case TCP_HEADER_LENGTH:
        writeInt(i, d.tcpHeaderLength);
        break;
      case IP_PAYLOAD_LENGTH:
        writeInt(i, d.ipPayloadLength);
        break;
      case L4_PAYLOAD_LENGTH:
        writeInt(i, d.l4PayloadLength);
        break;
      case ICMP_TYPE:
        writeInt(i, d.icmpType);
        break;
      case ICMP_CODE:
        writeInt(i, d.icmpCode);
        break;
      case ARP_OP:
        writeInt(i, d.arpOp);
        break;
      case DATA:
        row.update(i, Arrays.copyOfRange(data, offset, offset + length));
        dataBytesCopied += length;
        break;
      case PARSE_ERROR:
        row.update(i, record.error == null ? null : UTF8String.fromString(record.error));
        break;
      default:
        throw new IllegalStateException("no writer for column " + column);
    }
  }

  private void writeInt(int i, int value) {
    if (value == ABSENT) {
      row.setNullAt(i);
    } else {
      row.setInt(i, value);
    }
  }

  private void writeLong(int i, long value) {
    if (value == ABSENT) {
      row.setNullAt(i);
    } else {
      row.setLong(i, value);
    }
  }

  private void writeMac(int i, int offset) {
    row.update(i, offset == ABSENT
        ? null : UTF8String.fromBytes(addressText.text(decoded.buf, offset, AddressTextCache.MAC_LENGTH)));
  }

  private void writeAddress(int i, int offset) {
    row.update(i, decoded.addrLength == 0 || offset == ABSENT
        ? null : UTF8String.fromBytes(addressText.text(decoded.buf, offset, decoded.addrLength)));
  }

  /** The address as it is in the header: what a program compares and hashes without parsing text. */
  private void writeAddressBytes(int i, int offset) {
    row.update(i, decoded.addrLength == 0 || offset == ABSENT
        ? null : Arrays.copyOfRange(decoded.buf, offset, offset + decoded.addrLength));
  }

  /** IPv4 always has the flags; IPv6 only when a fragment header was walked (it carries the id). */
  private void writeFlag(int i, boolean value) {
    boolean present = decoded.ipVersion == 4 || (decoded.ipVersion == 6 && decoded.ipId != ABSENT);
    if (present) {
      row.setBoolean(i, value);
    } else {
      row.setNullAt(i);
    }
  }

  /** Empty when the link header was decoded and held no tags; null when no link header was decoded. */
  private void writeTags(int i, int[] values, int count) {
    if (decoded.ethType == ABSENT) {
      row.update(i, null);
    } else if (count == 0) {
      row.update(i, EMPTY_INT_ARRAY);
    } else {
      row.update(i, UnsafeArrayData.fromPrimitiveArray(values, Platform.INT_ARRAY_OFFSET,
          Math.min(count, DecodedPacket.MAX_TAGS), Integer.BYTES));
    }
  }
}
