package org.nexusflowmeter.jobs.flows;

import static org.nexusflowmeter.jobs.flows.PacketFields.ARP_OP;
import static org.nexusflowmeter.jobs.flows.PacketFields.DST_IP_BYTES;
import static org.nexusflowmeter.jobs.flows.PacketFields.DST_PORT;
import static org.nexusflowmeter.jobs.flows.PacketFields.ETH_TYPE;
import static org.nexusflowmeter.jobs.flows.PacketFields.FILE_OFFSET;
import static org.nexusflowmeter.jobs.flows.PacketFields.FILE_PATH;
import static org.nexusflowmeter.jobs.flows.PacketFields.FRAGMENT_OFFSET;
import static org.nexusflowmeter.jobs.flows.PacketFields.IP_PROTOCOL;
import static org.nexusflowmeter.jobs.flows.PacketFields.IP_VERSION;
import static org.nexusflowmeter.jobs.flows.PacketFields.L4_PAYLOAD_LENGTH;
import static org.nexusflowmeter.jobs.flows.PacketFields.ORIGINAL_LENGTH;
import static org.nexusflowmeter.jobs.flows.PacketFields.PARSE_ERROR;
import static org.nexusflowmeter.jobs.flows.PacketFields.SRC_IP_BYTES;
import static org.nexusflowmeter.jobs.flows.PacketFields.SRC_PORT;
import static org.nexusflowmeter.jobs.flows.PacketFields.TCP_FLAGS;
import static org.nexusflowmeter.jobs.flows.PacketFields.TIMESTAMP_NS;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.BinaryView;
import org.apache.spark.unsafe.types.CalendarInterval;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.unsafe.types.VariantVal;
import org.nexusflowmeter.flow.PacketView;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.format.PacketRecord;

/**
 * The flow job's packet fields ({@link PacketFields#COLUMNS}, in their positions) of one record as
 * {@link org.nexusflowmeter.pcap.spark.PcapDecodedScan} reads and decodes it, read from the decoding itself: each
 * value, and whether it is null, is what the {@code pcap} source's column of that name holds for the record (the
 * decoder's -1 is the column's null). One view, reused for every record; {@link #copy} keeps one.
 */
final class DecodedPacketRow extends InternalRow {
  private static final long serialVersionUID = 1L;
  private static final int ABSENT = -1;

  private UTF8String path;
  private PacketRecord record;
  private DecodedPacket decoded;

  /** Shows {@code record} of the file at {@code path}, decoded into {@code decoded}. */
  void show(UTF8String path, PacketRecord record, DecodedPacket decoded) {
    this.path = path;
    this.record = record;
    this.decoded = decoded;
  }

  @Override
  public int numFields() {
    return PacketFields.COLUMNS.length;
  }

  @Override
  public boolean isNullAt(int ordinal) {
    DecodedPacket d = decoded;
    switch (ordinal) {
      case FILE_PATH:
      case FILE_OFFSET:
      case ORIGINAL_LENGTH:
        return false;
      case TIMESTAMP_NS:
        return !record.hasTimestamp;
      case PARSE_ERROR:
        return record.error == null;
      case IP_VERSION:
        return d.ipVersion == 0;
      case SRC_IP_BYTES:
        return d.addrLength == 0 || d.srcAddrOffset == ABSENT;
      case DST_IP_BYTES:
        return d.addrLength == 0 || d.dstAddrOffset == ABSENT;
      default:
        return getInt(ordinal) == ABSENT;
    }
  }

  @Override
  public int getInt(int ordinal) {
    DecodedPacket d = decoded;
    switch (ordinal) {
      case IP_VERSION:
        return d.ipVersion;
      case ETH_TYPE:
        return d.ethType;
      case ARP_OP:
        return d.arpOp;
      case IP_PROTOCOL:
        return d.ipProtocol;
      case SRC_PORT:
        return d.srcPort;
      case DST_PORT:
        return d.dstPort;
      case L4_PAYLOAD_LENGTH:
        return d.l4PayloadLength;
      case TCP_FLAGS:
        return d.tcpFlags;
      case FRAGMENT_OFFSET:
        return d.fragmentOffset;
      default:
        throw notOfType(ordinal, "int");
    }
  }

  @Override
  public long getLong(int ordinal) {
    switch (ordinal) {
      case FILE_OFFSET:
        return record.fileOffset;
      case TIMESTAMP_NS:
        return record.timestampNs;
      case ORIGINAL_LENGTH:
        return record.originalLength;
      default:
        throw notOfType(ordinal, "long");
    }
  }

  @Override
  public UTF8String getUTF8String(int ordinal) {
    switch (ordinal) {
      case FILE_PATH:
        return path;
      case PARSE_ERROR:
        return record.error == null ? null : UTF8String.fromString(record.error);
      default:
        throw notOfType(ordinal, "string");
    }
  }

  @Override
  public byte[] getBinary(int ordinal) {
    DecodedPacket d = decoded;
    switch (ordinal) {
      case SRC_IP_BYTES:
        return isNullAt(ordinal) ? null : Arrays.copyOfRange(d.buf, d.srcAddrOffset, d.srcAddrOffset + d.addrLength);
      case DST_IP_BYTES:
        return isNullAt(ordinal) ? null : Arrays.copyOfRange(d.buf, d.dstAddrOffset, d.dstAddrOffset + d.addrLength);
      default:
        throw notOfType(ordinal, "binary");
    }
  }

  /** Gives {@code packet} this flow packet's addresses (both present), read from the decoded frame itself. */
  void addressesTo(PacketView packet) {
    packet.setAddresses(decoded.buf, decoded.srcAddrOffset, decoded.dstAddrOffset, decoded.addrLength);
  }

  @Override
  public Object get(int ordinal, DataType dataType) {
    if (isNullAt(ordinal)) {
      return null;
    }
    switch (ordinal) {
      case FILE_PATH:
      case PARSE_ERROR:
        return getUTF8String(ordinal).clone();
      case FILE_OFFSET:
      case TIMESTAMP_NS:
      case ORIGINAL_LENGTH:
        return getLong(ordinal);
      case SRC_IP_BYTES:
      case DST_IP_BYTES:
        return getBinary(ordinal);
      default:
        return getInt(ordinal);
    }
  }

  @Override
  public InternalRow copy() {
    Object[] values = new Object[numFields()];
    for (int i = 0; i < values.length; i++) {
      values[i] = get(i, null);
    }
    return new GenericInternalRow(values);
  }

  private static UnsupportedOperationException notOfType(int ordinal, String type) {
    return new UnsupportedOperationException("packet field " + ordinal + " is not of type " + type);
  }

  private static UnsupportedOperationException noSuchField() {
    return new UnsupportedOperationException("the flow job's packet fields are strings, binaries, ints and longs");
  }

  @Override
  public void setNullAt(int ordinal) {
    throw new UnsupportedOperationException("a decoded packet row is read-only");
  }

  @Override
  public void update(int ordinal, Object value) {
    throw new UnsupportedOperationException("a decoded packet row is read-only");
  }

  @Override
  public boolean getBoolean(int ordinal) {
    throw noSuchField();
  }

  @Override
  public byte getByte(int ordinal) {
    throw noSuchField();
  }

  @Override
  public short getShort(int ordinal) {
    throw noSuchField();
  }

  @Override
  public float getFloat(int ordinal) {
    throw noSuchField();
  }

  @Override
  public double getDouble(int ordinal) {
    throw noSuchField();
  }

  @Override
  public Decimal getDecimal(int ordinal, int precision, int scale) {
    throw noSuchField();
  }

  @Override
  public BinaryView getBinaryView(int ordinal) {
    throw noSuchField();
  }

  @Override
  public CalendarInterval getInterval(int ordinal) {
    throw noSuchField();
  }

  @Override
  public VariantVal getVariant(int ordinal) {
    throw noSuchField();
  }

  @Override
  public InternalRow getStruct(int ordinal, int numFields) {
    throw noSuchField();
  }

  @Override
  public ArrayData getArray(int ordinal) {
    throw noSuchField();
  }

  @Override
  public MapData getMap(int ordinal) {
    throw noSuchField();
  }
}
