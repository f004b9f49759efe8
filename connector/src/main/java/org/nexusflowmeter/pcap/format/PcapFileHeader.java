package org.nexusflowmeter.pcap.format;

/** The 24-byte global header of a classic pcap file, and the length limits that follow from it. */
final class PcapFileHeader {
  static final int LENGTH = 24;
  static final int RECORD_HEADER_LENGTH = 16;

  private static final int MAGIC_MICROS = 0xA1B2C3D4;
  private static final int MAGIC_NANOS = 0xA1B23C4D;

  final boolean bigEndian;
  final boolean nanos;
  final long snapLength;
  /** Low 16 bits of the header's link type field; the bits above carry FCS information. */
  final int linkType;
  /** A record with a larger caplen is malformed. */
  final int capturedLengthLimit;
  /** A record with a larger caplen is not accepted as proof of a record start. */
  final int proofCapturedLengthLimit;

  private PcapFileHeader(boolean bigEndian, boolean nanos, long snapLength, int linkType) {
    this.bigEndian = bigEndian;
    this.nanos = nanos;
    this.snapLength = snapLength;
    this.linkType = linkType;
    this.capturedLengthLimit = CaptureLimits.pcapCapturedLengthLimit(snapLength);
    this.proofCapturedLengthLimit = CaptureLimits.pcapProofCapturedLengthLimit(snapLength);
  }

  /** True when the first four bytes, read big-endian, are a classic pcap magic in either byte order. */
  static boolean isMagic(int firstWordBigEndian) {
    return firstWordBigEndian == MAGIC_MICROS || firstWordBigEndian == MAGIC_NANOS
        || Integer.reverseBytes(firstWordBigEndian) == MAGIC_MICROS
        || Integer.reverseBytes(firstWordBigEndian) == MAGIC_NANOS;
  }

  /** Reads the header at b[i, i + 24), whose magic {@link #isMagic} accepted. */
  static PcapFileHeader parse(byte[] b, int i) {
    int word = Bytes.i32(b, i, true);
    boolean bigEndian = word == MAGIC_MICROS || word == MAGIC_NANOS;
    boolean nanos = (bigEndian ? word : Integer.reverseBytes(word)) == MAGIC_NANOS;
    long snapLength = Bytes.u32(b, i + 16, bigEndian);
    int linkType = Bytes.i32(b, i + 20, bigEndian) & 0xFFFF;
    return new PcapFileHeader(bigEndian, nanos, snapLength, linkType);
  }
}
