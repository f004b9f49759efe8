package org.nexusflowmeter.pcap.format;

/** pcapng block type codes and framing constants. */
final class PcapngBlocks {
  private PcapngBlocks() {}

  static final int SECTION_HEADER = 0x0A0D0D0A;
  static final int INTERFACE_DESCRIPTION = 1;
  static final int OBSOLETE_PACKET = 2;
  static final int SIMPLE_PACKET = 3;
  static final int ENHANCED_PACKET = 6;

  /** Byte-order magic of a section header block, as written in the section's own byte order. */
  static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  /** type, total length, and the trailing copy of the total length. */
  static final int FRAMING = 12;

  /** The byte order the SHB at b[i] declares: 1 big-endian, 0 little-endian, -1 not a byte-order magic. */
  static int sectionByteOrder(byte[] b, int i) {
    int magic = Bytes.i32(b, i + 8, true);
    return magic == BYTE_ORDER_MAGIC ? 1 : Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC ? 0 : -1;
  }

  /** A total length the reader accepts: a multiple of 4 from 12 to {@code max}. */
  static boolean plausibleLength(long length, int max) {
    return length >= FRAMING && (length & 3) == 0 && length <= max;
  }
}
