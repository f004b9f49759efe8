package org.nexusflowmeter.pcap.decode;

/** Big-endian reads from a frame buffer; callers check the bounds first. */
final class FrameBytes {
  private FrameBytes() {}

  static int u8(byte[] b, int i) {
    return b[i] & 0xff;
  }

  static int u16(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }

  static long u32(byte[] b, int i) {
    return ((long) u16(b, i) << 16) | u16(b, i + 2);
  }
}
