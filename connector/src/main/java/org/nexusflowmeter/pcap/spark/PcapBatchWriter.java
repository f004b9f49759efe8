package org.nexusflowmeter.pcap.spark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.decode.PacketDecoder;
import org.nexusflowmeter.pcap.format.PacketRecord;

/**
 * Writes the selected columns of records into one reused column batch, a row at a time (the row reader hands
 * out the same batches' rows). Only selected values are computed: the decoder runs only when a decoded column is
 * selected, frame bytes are copied only for {@code data}. file_path is one constant vector, since a batch
 * never spans two splits. The address text columns (src_mac, dst_mac, src_ip, dst_ip) are dictionary-encoded:
 * a row holds the id of its text in the batch's {@link AddressTextCache#dictionary()}, whose arrays the rows
 * of a batch share, instead of a copy. A batch is full at its row capacity or once the string and binary
 * values it copied pass the byte limit, so big frames make batches of fewer rows rather than huge ones.
 */
final class PcapBatchWriter implements AutoCloseable {
  private static final int ABSENT = -1;
  private static final byte[] NO_BYTES = new byte[0];

  private final PcapColumn[] columns;
  /** The vector of each column; null for file_path, which {@link #filePath} holds. */
  private final WritableColumnVector[] vectors;
  /** The dictionary ids of each address text column's vector; null for the other columns. */
  private final WritableColumnVector[] addressIds;
  private final ConstantColumnVector filePath;
  private final ColumnarBatch batch;
  private final boolean decodes;
  private final DecodedPacket decoded = new DecodedPacket();
  private final AddressTextCache addressText = new AddressTextCache();
  private final int capacity;
  private final long byteLimit;
  private String filePathValue;
  private int rows;
  private long bytes;

  long packetsDecoded;
  long dataBytesCopied;

  PcapBatchWriter(StructType requiredSchema, int capacity, long byteLimit) {
    this.columns = PcapSchema.columnsOf(requiredSchema);
    this.capacity = capacity;
    this.byteLimit = byteLimit;
    this.vectors = new WritableColumnVector[columns.length];
    this.addressIds = new WritableColumnVector[columns.length];
    ColumnVector[] all = new ColumnVector[columns.length];
    ConstantColumnVector path = null;
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == PcapColumn.FILE_PATH) {
        path = new ConstantColumnVector(capacity, DataTypes.StringType);
        all[i] = path;
      } else {
        vectors[i] = new OnHeapColumnVector(capacity, columns[i].type);
        all[i] = vectors[i];
        if (isAddressText(columns[i])) {
          addressIds[i] = vectors[i].reserveDictionaryIds(capacity);
          vectors[i].setDictionary(addressText.dictionary());
        }
      }
    }
    this.filePath = path;
    this.batch = new ColumnarBatch(all);
    this.decodes = Arrays.stream(columns).anyMatch(c -> c.decoded);
  }

  private static boolean isAddressText(PcapColumn column) {
    return column == PcapColumn.SRC_MAC || column == PcapColumn.DST_MAC || column == PcapColumn.SRC_IP
        || column == PcapColumn.DST_IP;
  }

  /** Empties the batch for the records of the split of {@code path} that follow. */
  void startBatch(String path) {
    for (WritableColumnVector vector : vectors) {
      if (vector != null) {
        vector.reset();
      }
    }
    if (filePath != null && !path.equals(filePathValue)) {
      filePath.setUtf8String(UTF8String.fromString(path));
    }
    filePathValue = path;
    addressText.startBatch();
    rows = 0;
    bytes = 0;
  }

  boolean isFull() {
    return rows == capacity || bytes >= byteLimit;
  }

  boolean isEmpty() {
    return rows == 0;
  }

  /** The rows written since {@link #startBatch}; valid until it is called again. */
  ColumnarBatch batch() {
    batch.setNumRows(rows);
    return batch;
  }

  void write(PacketRecord record) {
    // a malformed record of which nothing could be read may come without a buffer
    byte[] data = record.data == null ? NO_BYTES : record.data;
    int offset = record.data == null ? 0 : record.dataOffset;
    int length = record.data == null ? 0 : record.capturedLength;
    if (decodes) {
      PacketDecoder.decode(data, offset, length, record.linkType, decoded);
      packetsDecoded++;
    }
    for (int i = 0; i < columns.length; i++) {
      writeColumn(vectors[i], addressIds[i], columns[i], record, data, offset, length);
    }
    rows++;
  }

  private void writeColumn(WritableColumnVector v, WritableColumnVector ids, PcapColumn column,
      PacketRecord record, byte[] data, int offset, int length) {
    DecodedPacket d = decoded;
    int row = rows;
    switch (column) {
      case FILE_PATH:
        break;
      case FILE_OFFSET:
        v.putLong(row, record.fileOffset);
        break;
      case TIMESTAMP:
        if (record.hasTimestamp) {
          v.putLong(row, Math.floorDiv(record.timestampNs, 1000L));
        } else {
          v.putNull(row);
        }
        break;
      case TIMESTAMP_NS:
        if (record.hasTimestamp) {
          v.putLong(row, record.timestampNs);
        } else {
          v.putNull(row);
        }
        break;
      case INTERFACE_ID:
        v.putInt(row, record.interfaceId);
        break;
      case LINK_TYPE:
        v.putInt(row, record.linkType);
        break;
      case CAPTURED_LENGTH:
        v.putInt(row, record.capturedLength);
        break;
      case ORIGINAL_LENGTH:
        v.putLong(row, record.originalLength);
        break;
      case SRC_MAC:
        writeAddressText(v, ids, row, d.srcMacOffset, AddressTextCache.MAC_LENGTH);
        break;
      case DST_MAC:
        writeAddressText(v, ids, row, d.dstMacOffset, AddressTextCache.MAC_LENGTH);
        break;
      case ETH_TYPE:
        writeInt(v, row, d.ethType);
        break;
      case VLAN_IDS:
        writeTags(v, row, d.vlanIds, d.vlanCount);
        break;
      case MPLS_LABELS:
        writeTags(v, row, d.mplsLabels, d.mplsCount);
        break;
      case IP_VERSION:
        if (d.ipVersion == 0) {
          v.putNull(row);
        } else {
          v.putInt(row, d.ipVersion);
        }
        break;
      case SRC_IP:
        writeAddressText(v, ids, row, d.srcAddrOffset, d.addrLength);
        break;
      case DST_IP:
        writeAddressText(v, ids, row, d.dstAddrOffset, d.addrLength);
        break;
      case SRC_IP_BYTES:
        writeAddressBytes(v, row, d.srcAddrOffset);
        break;
      case DST_IP_BYTES:
        writeAddressBytes(v, row, d.dstAddrOffset);
        break;
      case IP_PROTOCOL:
        writeInt(v, row, d.ipProtocol);
        break;
      case IP_HEADER_LENGTH:
        writeInt(v, row, d.ipHeaderLength);
        break;
      case IP_DSFIELD:
        writeInt(v, row, d.ipDsField);
        break;
      case TTL:
        writeInt(v, row, d.ttl);
        break;
      case IP_ID:
        writeLong(v, row, d.ipId);
        break;
      case DONT_FRAGMENT:
        writeFlag(v, row, d.dontFragment);
        break;
      case MORE_FRAGMENTS:
        writeFlag(v, row, d.moreFragments);
        break;
      case FRAGMENT_OFFSET:
        writeInt(v, row, d.fragmentOffset);
        break;
      case SRC_PORT:
        writeInt(v, row, d.srcPort);
        break;
      case DST_PORT:
        writeInt(v, row, d.dstPort);
        break;
      case TCP_FLAGS:
        writeInt(v, row, d.tcpFlags);
        break;
      case TCP_SEQ:
        writeLong(v, row, d.tcpSeq);
        break;
      case TCP_ACK:
        writeLong(v, row, d.tcpAck);
        break;
      case TCP_WINDOW:
        writeInt(v, row, d.tcpWindow);
        break;
      case TCP_HEADER_LENGTH:
        writeInt(v, row, d.tcpHeaderLength);
        break;
      case IP_PAYLOAD_LENGTH:
        writeInt(v, row, d.ipPayloadLength);
        break;
      case L4_PAYLOAD_LENGTH:
        writeInt(v, row, d.l4PayloadLength);
        break;
      case ICMP_TYPE:
        writeInt(v, row, d.icmpType);
        break;
      case ICMP_CODE:
        writeInt(v, row, d.icmpCode);
        break;
      case ARP_OP:
        writeInt(v, row, d.arpOp);
        break;
      case DATA:
        writeBytes(v, row, data, offset, length);
        dataBytesCopied += length;
        break;
      case PARSE_ERROR:
        if (record.error == null) {
          v.putNull(row);
        } else {
          writeBytes(v, row, record.error.getBytes(StandardCharsets.UTF_8));
        }
        break;
      default:
        throw new IllegalStateException("no writer for column " + column);
    }
  }

  private static void writeInt(WritableColumnVector v, int row, int value) {
    if (value == ABSENT) {
      v.putNull(row);
    } else {
      v.putInt(row, value);
    }
  }

  private static void writeLong(WritableColumnVector v, int row, long value) {
    if (value == ABSENT) {
      v.putNull(row);
    } else {
      v.putLong(row, value);
    }
  }

  private void writeBytes(WritableColumnVector v, int row, byte[] value) {
    writeBytes(v, row, value, 0, value.length);
  }

  private void writeBytes(WritableColumnVector v, int row, byte[] value, int offset, int length) {
    v.putByteArray(row, value, offset, length);
    bytes += length;
  }

  /** An address of length bytes at offset (length 0 or offset ABSENT: none) as its id in the dictionary. */
  private void writeAddressText(WritableColumnVector v, WritableColumnVector ids, int row, int offset,
      int length) {
    if (length == 0 || offset == ABSENT) {
      v.putNull(row);
    } else {
      ids.putInt(row, addressText.id(decoded.buf, offset, length));
    }
  }

  /** The address as it is in the header: what a program compares and hashes without parsing text. */
  private void writeAddressBytes(WritableColumnVector v, int row, int offset) {
    if (decoded.addrLength == 0 || offset == ABSENT) {
      v.putNull(row);
    } else {
      writeBytes(v, row, decoded.buf, offset, decoded.addrLength);
    }
  }

  /** IPv4 always has the flags; IPv6 only when a fragment header was walked (it carries the id). */
  private void writeFlag(WritableColumnVector v, int row, boolean value) {
    if (decoded.ipVersion == 4 || (decoded.ipVersion == 6 && decoded.ipId != ABSENT)) {
      v.putBoolean(row, value);
    } else {
      v.putNull(row);
    }
  }

  /** Empty when the link header was decoded and held no tags; null when no link header was decoded. */
  private void writeTags(WritableColumnVector v, int row, int[] values, int count) {
    if (decoded.ethType == ABSENT) {
      v.putNull(row);
      return;
    }
    int kept = Math.min(count, DecodedPacket.MAX_TAGS);
    WritableColumnVector elements = v.arrayData();
    int start = elements.getElementsAppended();
    if (kept > 0) {
      elements.appendInts(kept, values, 0);
    }
    v.putArray(row, start, kept);
  }

  @Override
  public void close() {
    batch.close();
  }
}
