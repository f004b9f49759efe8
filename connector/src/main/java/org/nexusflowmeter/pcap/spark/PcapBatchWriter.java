package org.nexusflowmeter.pcap.spark;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataType;
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
 * never spans two splits. The int, long and address text columns are vectors of this package
 * ({@link ValueColumnVector}); the address texts come from an {@link AddressTextCache}, whose arena a row
 * refers to instead of holding a copy. A batch is full at its row capacity, once the string and binary
 * values it copied pass the byte limit, so big frames make batches of fewer rows rather than huge ones, or
 * when the address texts' arena has no room for another row.
 *
 * <p>The columns are written kind by kind ({@link ColumnKind}), each kind in a loop of its own over a small
 * switch: one switch over every column made a method too big for the JIT to inline the vectors' puts into.
 */
final class PcapBatchWriter implements AutoCloseable {
  private static final int ABSENT = -1;
  private static final byte[] NO_BYTES = new byte[0];

  private final KindColumns<IntColumnVector> recordInts;
  private final KindColumns<LongColumnVector> recordLongs;
  private final KindColumns<TimestampColumnVector> recordTimes;
  private final KindColumns<IntColumnVector> decodedInts;
  private final KindColumns<LongColumnVector> decodedLongs;
  private final KindColumns<TextColumnVector> addressTexts;
  private final KindColumns<WritableColumnVector> others;
  /** The vectors of every kind but OTHER, which are told their batch's row count. */
  private final ValueColumnVector[] valueVectors;
  private final ConstantColumnVector filePath;
  private final ColumnarBatch batch;
  private final boolean decodes;
  private final DecodedPacket decoded = new DecodedPacket();
  /** Null when no address text column is selected. */
  private final AddressTextCache addressText;
  private final int capacity;
  private final long byteLimit;
  private String filePathValue;
  private int rows;
  private long bytes;

  long packetsDecoded;
  long dataBytesCopied;

  PcapBatchWriter(StructType requiredSchema, int capacity, long byteLimit) {
    PcapColumn[] columns = PcapSchema.columnsOf(requiredSchema);
    this.capacity = capacity;
    this.byteLimit = byteLimit;
    ColumnVector[] all = new ColumnVector[columns.length];
    ConstantColumnVector path = null;
    this.addressText = Arrays.stream(columns).anyMatch(c -> ColumnKind.of(c) == ColumnKind.ADDRESS_TEXT)
        ? new AddressTextCache() : null;
    for (int i = 0; i < columns.length; i++) {
      DataType type = columns[i].type;
      all[i] = switch (ColumnKind.of(columns[i])) {
        case FILE_PATH -> path = new ConstantColumnVector(capacity, DataTypes.StringType);
        case RECORD_INT, DECODED_INT -> new IntColumnVector(capacity, type);
        case RECORD_LONG, DECODED_LONG -> new LongColumnVector(capacity, type);
        case RECORD_TIME -> new TimestampColumnVector(capacity, type);
        case ADDRESS_TEXT -> new TextColumnVector(capacity, type, addressText.arena());
        case OTHER -> new OnHeapColumnVector(capacity, type);
      };
    }
    this.recordInts = KindColumns.of(ColumnKind.RECORD_INT, columns, all, IntColumnVector.class);
    this.recordLongs = KindColumns.of(ColumnKind.RECORD_LONG, columns, all, LongColumnVector.class);
    this.recordTimes = KindColumns.of(ColumnKind.RECORD_TIME, columns, all, TimestampColumnVector.class);
    this.decodedInts = KindColumns.of(ColumnKind.DECODED_INT, columns, all, IntColumnVector.class);
    this.decodedLongs = KindColumns.of(ColumnKind.DECODED_LONG, columns, all, LongColumnVector.class);
    this.addressTexts = KindColumns.of(ColumnKind.ADDRESS_TEXT, columns, all, TextColumnVector.class);
    this.others = KindColumns.of(ColumnKind.OTHER, columns, all, WritableColumnVector.class);
    this.valueVectors = Arrays.stream(all).filter(v -> v instanceof ValueColumnVector)
        .toArray(ValueColumnVector[]::new);
    this.filePath = path;
    this.batch = new ColumnarBatch(all);
    this.decodes = Arrays.stream(columns).anyMatch(c -> c.decoded);
  }

  /** Empties the batch for the records of the split of {@code path} that follow. */
  void startBatch(String path) {
    for (WritableColumnVector vector : others.vectors) {
      vector.reset();
    }
    if (filePath != null && !path.equals(filePathValue)) {
      filePath.setUtf8String(UTF8String.fromString(path));
    }
    filePathValue = path;
    if (addressText != null) {
      addressText.startBatch();
    }
    rows = 0;
    bytes = 0;
  }

  boolean isFull() {
    return rows == capacity || bytes >= byteLimit || (addressText != null && !addressText.hasRoomForRow());
  }

  boolean isEmpty() {
    return rows == 0;
  }

  /** The rows written since {@link #startBatch}; valid until it is called again. */
  ColumnarBatch batch() {
    for (ValueColumnVector vector : valueVectors) {
      vector.setRowCount(rows);
    }
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
    int row = rows;
    writeRecordInts(record, row);
    writeRecordLongs(record, row);
    writeRecordTimes(record, row);
    writeDecodedInts(row);
    writeDecodedLongs(row);
    writeAddressTexts(row);
    for (int k = 0; k < others.columns.length; k++) {
      writeOther(others.vectors[k], others.columns[k], record, data, offset, length, row);
    }
    rows++;
  }

  private void writeRecordInts(PacketRecord record, int row) {
    PcapColumn[] columns = recordInts.columns;
    IntColumnVector[] vectors = recordInts.vectors;
    for (int k = 0; k < columns.length; k++) {
      int value = switch (columns[k]) {
        case INTERFACE_ID -> record.interfaceId;
        case LINK_TYPE -> record.linkType;
        case CAPTURED_LENGTH -> record.capturedLength;
        default -> throw new IllegalStateException("not a record int: " + columns[k]);
      };
      vectors[k].put(row, value);
    }
  }

  private void writeRecordLongs(PacketRecord record, int row) {
    PcapColumn[] columns = recordLongs.columns;
    LongColumnVector[] vectors = recordLongs.vectors;
    for (int k = 0; k < columns.length; k++) {
      long value = switch (columns[k]) {
        case FILE_OFFSET -> record.fileOffset;
        case ORIGINAL_LENGTH -> record.originalLength;
        default -> throw new IllegalStateException("not a record long: " + columns[k]);
      };
      vectors[k].put(row, value);
    }
  }

  /** A record without a timestamp (a pcapng simple packet block) has null ones. */
  private void writeRecordTimes(PacketRecord record, int row) {
    PcapColumn[] columns = recordTimes.columns;
    TimestampColumnVector[] vectors = recordTimes.vectors;
    for (int k = 0; k < columns.length; k++) {
      long value = switch (columns[k]) {
        case TIMESTAMP -> Math.floorDiv(record.timestampNs, 1000L);
        case TIMESTAMP_NS -> record.timestampNs;
        default -> throw new IllegalStateException("not a timestamp: " + columns[k]);
      };
      vectors[k].put(row, value, !record.hasTimestamp);
    }
  }

  /** An absent field is -1, which is the vector's null. */
  private void writeDecodedInts(int row) {
    PcapColumn[] columns = decodedInts.columns;
    IntColumnVector[] vectors = decodedInts.vectors;
    for (int k = 0; k < columns.length; k++) {
      vectors[k].put(row, decodedInt(columns[k]));
    }
  }

  private int decodedInt(PcapColumn column) {
    DecodedPacket d = decoded;
    return switch (column) {
      case ETH_TYPE -> d.ethType;
      case IP_PROTOCOL -> d.ipProtocol;
      case IP_HEADER_LENGTH -> d.ipHeaderLength;
      case IP_DSFIELD -> d.ipDsField;
      case TTL -> d.ttl;
      case FRAGMENT_OFFSET -> d.fragmentOffset;
      case SRC_PORT -> d.srcPort;
      case DST_PORT -> d.dstPort;
      case TCP_FLAGS -> d.tcpFlags;
      case TCP_WINDOW -> d.tcpWindow;
      case TCP_HEADER_LENGTH -> d.tcpHeaderLength;
      case IP_PAYLOAD_LENGTH -> d.ipPayloadLength;
      case L4_PAYLOAD_LENGTH -> d.l4PayloadLength;
      case ICMP_TYPE -> d.icmpType;
      case ICMP_CODE -> d.icmpCode;
      case ARP_OP -> d.arpOp;
      default -> throw new IllegalStateException("not a decoded int: " + column);
    };
  }

  /** An absent field is -1, which is the vector's null. */
  private void writeDecodedLongs(int row) {
    PcapColumn[] columns = decodedLongs.columns;
    LongColumnVector[] vectors = decodedLongs.vectors;
    for (int k = 0; k < columns.length; k++) {
      long value = switch (columns[k]) {
        case IP_ID -> decoded.ipId;
        case TCP_SEQ -> decoded.tcpSeq;
        case TCP_ACK -> decoded.tcpAck;
        default -> throw new IllegalStateException("not a decoded long: " + columns[k]);
      };
      vectors[k].put(row, value);
    }
  }

  /** An address's text; null when there is none: offset ABSENT or no address length. */
  private void writeAddressTexts(int row) {
    PcapColumn[] columns = addressTexts.columns;
    DecodedPacket d = decoded;
    for (int k = 0; k < columns.length; k++) {
      int offset;
      int length;
      switch (columns[k]) {
        case SRC_MAC -> {
          offset = d.srcMacOffset;
          length = AddressTextCache.MAC_LENGTH;
        }
        case DST_MAC -> {
          offset = d.dstMacOffset;
          length = AddressTextCache.MAC_LENGTH;
        }
        case SRC_IP -> {
          offset = d.srcAddrOffset;
          length = d.addrLength;
        }
        case DST_IP -> {
          offset = d.dstAddrOffset;
          length = d.addrLength;
        }
        default -> throw new IllegalStateException("not an address text: " + columns[k]);
      }
      int text = length == 0 || offset == ABSENT ? TextColumnVector.NULL : addressText.text(d.buf, offset, length);
      addressTexts.vectors[k].put(row, text);
    }
  }

  private void writeOther(WritableColumnVector v, PcapColumn column, PacketRecord record, byte[] data,
      int offset, int length, int row) {
    DecodedPacket d = decoded;
    switch (column) {
      case VLAN_IDS -> writeTags(v, row, d.vlanIds, d.vlanCount);
      case MPLS_LABELS -> writeTags(v, row, d.mplsLabels, d.mplsCount);
      case IP_VERSION -> {
        if (d.ipVersion == 0) {
          v.putNull(row);
        } else {
          v.putInt(row, d.ipVersion);
        }
      }
      case SRC_IP_BYTES -> writeAddressBytes(v, row, d.srcAddrOffset);
      case DST_IP_BYTES -> writeAddressBytes(v, row, d.dstAddrOffset);
      case DONT_FRAGMENT -> writeFlag(v, row, d.dontFragment);
      case MORE_FRAGMENTS -> writeFlag(v, row, d.moreFragments);
      case DATA -> {
        writeBytes(v, row, data, offset, length);
        dataBytesCopied += length;
      }
      case PARSE_ERROR -> {
        if (record.error == null) {
          v.putNull(row);
        } else {
          byte[] error = record.error.getBytes(StandardCharsets.UTF_8);
          writeBytes(v, row, error, 0, error.length);
        }
      }
      default -> throw new IllegalStateException("no writer for column " + column);
    }
  }

  private void writeBytes(WritableColumnVector v, int row, byte[] value, int offset, int length) {
    v.putByteArray(row, value, offset, length);
    bytes += length;
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

  /** The selected columns of one kind and their vectors, in schema order. */
  private static final class KindColumns<V extends ColumnVector> {
    final PcapColumn[] columns;
    final V[] vectors;

    private KindColumns(PcapColumn[] columns, V[] vectors) {
      this.columns = columns;
      this.vectors = vectors;
    }

    static <V extends ColumnVector> KindColumns<V> of(ColumnKind kind, PcapColumn[] columns, ColumnVector[] vectors,
        Class<V> vectorClass) {
      int[] selected = IntStream.range(0, columns.length).filter(i -> ColumnKind.of(columns[i]) == kind).toArray();
      @SuppressWarnings("unchecked")
      V[] kindVectors = (V[]) Array.newInstance(vectorClass, selected.length);
      for (int k = 0; k < selected.length; k++) {
        kindVectors[k] = vectorClass.cast(vectors[selected[k]]);
      }
      return new KindColumns<>(Arrays.stream(selected).mapToObj(i -> columns[i]).toArray(PcapColumn[]::new),
          kindVectors);
    }
  }
}
