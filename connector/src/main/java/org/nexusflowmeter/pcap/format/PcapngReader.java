package org.nexusflowmeter.pcap.format;

import static org.nexusflowmeter.pcap.format.PcapngBlocks.ENHANCED_PACKET;
import static org.nexusflowmeter.pcap.format.PcapngBlocks.FRAMING;
import static org.nexusflowmeter.pcap.format.PcapngBlocks.INTERFACE_DESCRIPTION;
import static org.nexusflowmeter.pcap.format.PcapngBlocks.OBSOLETE_PACKET;
import static org.nexusflowmeter.pcap.format.PcapngBlocks.SECTION_HEADER;
import static org.nexusflowmeter.pcap.format.PcapngBlocks.SIMPLE_PACKET;

import java.io.IOException;

/**
 * Reads the blocks of a pcapng file that one split owns, keeping the section state (byte order,
 * interfaces) as SHBs and IDBs pass; packet blocks (EPB, SPB, obsolete PB) become records, every other
 * block type is skipped. A split other than the first starts at an exact block offset with the section
 * state the planner recorded there.
 *
 * <p>Malformed blocks give one record with {@link PacketRecord#error} set. A block cut by end of file
 * (its available packet bytes handed out) ends the file. A block whose framing is broken (total length
 * below 12, not a multiple of 4, above {@link CaptureLimits#MAX_BLOCK_LENGTH}, trailing copy different,
 * an unreadable SHB byte-order magic, or any block before the first SHB) is followed by a resync
 * ({@link PcapngResync}) from the next byte. A block whose framing is sound but whose content is not (a
 * packet on an undeclared interface, a caplen that does not fit the block, a body too short for its type)
 * is followed by the next block: its own length fields already prove where that is.
 */
final class PcapngReader implements CaptureReader {
  private static final int PACKET_HEADER = 28;
  private static final int SIMPLE_PACKET_HEADER = 12;

  private final InputWindow window;
  private final String path;
  private final long end;
  private final PacketRecord record = new PacketRecord();
  private PcapngSection section;
  private long position;
  private boolean ended;

  /** startState: the section at split.start as the planner found it, or null to read from offset 0. */
  PcapngReader(InputWindow window, CaptureSplit split, PcapngSection startState) {
    this.window = window;
    this.path = split.path;
    this.end = split.end;
    if (startState != null) {
      this.section = startState.copy();
      this.position = split.start;
    }
  }

  /**
   * For a split that starts past offset 0 without a planned start state: reads from offset 0 and drops
   * what lies before start, so any byte range still owns exactly its blocks.
   */
  void skipTo(long start) throws IOException {
    while (!ended && position < start) {
      readBlock();
    }
  }

  @Override
  public boolean next() throws IOException {
    while (!ended && position < end) {
      if (readBlock()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public PacketRecord record() {
    return record;
  }

  @Override
  public void close() {}

  /** Offset of the next block to read. */
  long position() {
    return position;
  }

  boolean ended() {
    return ended;
  }

  /** A copy of the current section state, or null before the first SHB. */
  PcapngSection sectionSnapshot() {
    return section == null ? null : section.copy();
  }

  /** Reads the block at position; true when it gave a record (packet or error). */
  boolean readBlock() throws IOException {
    long at = position;
    int available = window.require(at, FRAMING);
    if (available == 0) {
      ended = true;
      return false;
    }
    clearRecord(at);
    if (available < FRAMING) {
      return endWith(at, "block header cut by end of file: " + available + " of " + FRAMING + " bytes");
    }
    byte[] b = window.bytes;
    int i = window.index(at);
    int type;
    boolean bigEndian;
    if (Bytes.i32(b, i, true) == SECTION_HEADER) {
      int order = PcapngBlocks.sectionByteOrder(b, i);
      if (order < 0) {
        return resyncAfter(at, "section header block with byte-order magic "
            + Bytes.hex32(Bytes.i32(b, i + 8, true)));
      }
      type = SECTION_HEADER;
      bigEndian = order == 1;
    } else if (section == null) {
      return resyncAfter(at, "block before any section header block");
    } else {
      bigEndian = section.bigEndian;
      type = Bytes.i32(b, i, bigEndian);
    }
    long totalLength = Bytes.u32(b, i + 4, bigEndian);
    if (!PcapngBlocks.plausibleLength(totalLength, CaptureLimits.MAX_BLOCK_LENGTH)) {
      return resyncAfter(at, "block type 0x" + Integer.toHexString(type) + " with total length " + totalLength
          + (totalLength > CaptureLimits.MAX_BLOCK_LENGTH ? " above the limit " + CaptureLimits.MAX_BLOCK_LENGTH
              : " (below 12 or not a multiple of 4)"));
    }
    int length = (int) totalLength;
    available = window.require(at, length);
    b = window.bytes;
    i = window.index(at);
    if (available < length) {
      return cutByEndOfFile(at, type, b, i, available, length);
    }
    long trailing = Bytes.u32(b, i + length - 4, bigEndian);
    if (trailing != totalLength) {
      return resyncAfter(at, "block type 0x" + Integer.toHexString(type) + " with total length " + totalLength
          + " but trailing length " + trailing);
    }
    position = at + length;
    switch (type) {
      case SECTION_HEADER:
        return startSection(at, bigEndian, length);
      case INTERFACE_DESCRIPTION:
        return declareInterface(at, b, i, length);
      case ENHANCED_PACKET:
        return packet(at, b, i, length, Bytes.u32(b, i + 8, bigEndian), "enhanced");
      case OBSOLETE_PACKET:
        return packet(at, b, i, length, Bytes.u16(b, i + 8, bigEndian), "obsolete");
      case SIMPLE_PACKET:
        return simplePacket(at, b, i, length);
      default:
        return false;
    }
  }

  private boolean startSection(long at, boolean bigEndian, int length) {
    if (length < FRAMING + 16) {
      section = null;
      return fail(at, "section header block of " + length + " bytes, shorter than 28");
    }
    section = new PcapngSection(bigEndian);
    return false;
  }

  private boolean declareInterface(long at, byte[] b, int i, int length) {
    if (length < FRAMING + 8) {
      return fail(at, "interface description block of " + length + " bytes, shorter than 20");
    }
    if (section.full()) {
      return fail(at, "interface description block beyond " + PcapngSection.MAX_INTERFACES + " interfaces");
    }
    boolean bigEndian = section.bigEndian;
    int tsresol = TimestampUnits.DEFAULT_TSRESOL;
    long tsOffsetSeconds = 0;
    int option = i + 16;
    int optionsEnd = i + length - 4;
    while (option + 4 <= optionsEnd) {
      int code = Bytes.u16(b, option, bigEndian);
      int optionLength = Bytes.u16(b, option + 2, bigEndian);
      int value = option + 4;
      if (code == 0 || value + optionLength > optionsEnd) {
        break;
      }
      if (code == 9 && optionLength >= 1) {
        tsresol = b[value] & 0xFF;
      } else if (code == 14 && optionLength >= 8) {
        tsOffsetSeconds = Bytes.i64(b, value, bigEndian);
      }
      option = value + ((optionLength + 3) & ~3);
    }
    section.addInterface(Bytes.u16(b, i + 8, bigEndian), Bytes.u32(b, i + 12, bigEndian), tsresol,
        tsOffsetSeconds);
    return false;
  }

  /** An enhanced or obsolete packet block: same layout after the interface id. */
  private boolean packet(long at, byte[] b, int i, int length, long interfaceId, String kind) {
    if (length < FRAMING + 20) {
      return fail(at, kind + " packet block of " + length + " bytes, shorter than 32");
    }
    boolean bigEndian = section.bigEndian;
    long capLength = Bytes.u32(b, i + 20, bigEndian);
    record.originalLength = Bytes.u32(b, i + 24, bigEndian);
    if (interfaceId >= section.interfaceCount()) {
      return fail(at, kind + " packet block on interface " + interfaceId + " but the section declares "
          + section.interfaceCount());
    }
    int id = (int) interfaceId;
    fillInterface(id, b, i, bigEndian);
    if (capLength > length - FRAMING - 20) {
      return fail(at, kind + " packet block caplen " + capLength + " does not fit its block of " + length
          + " bytes");
    }
    record.data = b;
    record.dataOffset = i + PACKET_HEADER;
    record.capturedLength = (int) capLength;
    return true;
  }

  private boolean simplePacket(long at, byte[] b, int i, int length) {
    if (length < FRAMING + 4) {
      return fail(at, "simple packet block of " + length + " bytes, shorter than 16");
    }
    record.originalLength = Bytes.u32(b, i + 8, section.bigEndian);
    if (section.interfaceCount() == 0) {
      return fail(at, "simple packet block but the section declares no interface");
    }
    record.linkType = section.linkType(0);
    record.data = b;
    record.dataOffset = i + SIMPLE_PACKET_HEADER;
    record.capturedLength = simpleCapturedLength(length - FRAMING - 4);
    return true;
  }

  /** min(original length, interface 0 snaplen unless 0, room in the block). */
  private int simpleCapturedLength(int room) {
    long capLength = Math.min(record.originalLength, room);
    long snapLength = section.snapLength(0);
    return (int) (snapLength == 0 ? capLength : Math.min(capLength, snapLength));
  }

  private void fillInterface(int id, byte[] b, int i, boolean bigEndian) {
    long timestamp = Bytes.u32(b, i + 12, bigEndian) << 32 | Bytes.u32(b, i + 16, bigEndian);
    record.interfaceId = id;
    record.linkType = section.linkType(id);
    record.hasTimestamp = true;
    record.timestampNs = section.toNanos(id, timestamp);
  }

  /** The last block, cut by end of file: its packet bytes as far as they go, then the end. */
  private boolean cutByEndOfFile(long at, int type, byte[] b, int i, int available, int length) {
    boolean bigEndian = section != null && section.bigEndian;
    if (section != null && (type == ENHANCED_PACKET || type == OBSOLETE_PACKET) && available >= PACKET_HEADER) {
      long interfaceId = type == ENHANCED_PACKET ? Bytes.u32(b, i + 8, bigEndian) : Bytes.u16(b, i + 8, bigEndian);
      record.originalLength = Bytes.u32(b, i + 24, bigEndian);
      if (interfaceId < section.interfaceCount()) {
        fillInterface((int) interfaceId, b, i, bigEndian);
      }
      record.data = b;
      record.dataOffset = i + PACKET_HEADER;
      record.capturedLength = (int) Math.min(Bytes.u32(b, i + 20, bigEndian), available - PACKET_HEADER);
    } else if (section != null && type == SIMPLE_PACKET && available >= SIMPLE_PACKET_HEADER
        && section.interfaceCount() > 0) {
      record.originalLength = Bytes.u32(b, i + 8, bigEndian);
      record.linkType = section.linkType(0);
      record.data = b;
      record.dataOffset = i + SIMPLE_PACKET_HEADER;
      record.capturedLength = simpleCapturedLength(available - SIMPLE_PACKET_HEADER);
    }
    return endWith(at, "block type 0x" + Integer.toHexString(type) + " cut by end of file: " + available + " of "
        + length + " bytes");
  }

  private boolean endWith(long at, String reason) {
    ended = true;
    return fail(at, reason);
  }

  private boolean resyncAfter(long at, String reason) throws IOException {
    position = PcapngResync.find(window, at + 1, section);
    ended = position < 0;
    return fail(at, reason);
  }

  /** Makes the record an error; an error without packet bytes gets an empty view. */
  private boolean fail(long at, String reason) {
    record.error = reason + " at offset " + at + " in " + path;
    if (record.data == null) {
      record.data = window.bytes;
      record.dataOffset = 0;
    }
    return true;
  }

  private void clearRecord(long at) {
    record.fileOffset = at;
    record.hasTimestamp = false;
    record.timestampNs = 0;
    record.linkType = 0;
    record.interfaceId = 0;
    record.capturedLength = 0;
    record.originalLength = 0;
    record.data = null;
    record.dataOffset = 0;
    record.error = null;
  }
}
