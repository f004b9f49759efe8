package org.nexusflowmeter.pcap.spark;

import java.io.ByteArrayOutputStream;

/**
 * Frames pcap4j does not build, written byte by byte: an MPLS label stack, nine VLAN tags (more than the
 * decoder keeps), an IPv6 fragment header.
 */
final class HandFrames {
  private static final int[] MAC_DST = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
  private static final int[] MAC_SRC = {0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb};

  private HandFrames() {}

  /** IPv4 (TTL 64, DF set, id 0x1234) 10.0.0.1 → 10.0.0.2, UDP 1234 → 5678 with 4 payload bytes. */
  static byte[] udpV4() {
    return bytes(
        0x45, 0x10, 0x00, 0x20, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
        10, 0, 0, 1, 10, 0, 0, 2,
        0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0c, 0x00, 0x00,
        0xde, 0xad, 0xbe, 0xef);
  }

  /** IPv6 2001:db8::1 → 2001:db8::2, a fragment header (offset 0, more fragments, id 0x12345678), UDP. */
  static byte[] fragmentedUdpV6() {
    return bytes(
        0x60, 0x00, 0x00, 0x00, 0x00, 0x14, 0x2c, 0x40,
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
        0x11, 0x00, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78,
        0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0c, 0x00, 0x00,
        0xca, 0xfe, 0xba, 0xbe);
  }

  /** Two MPLS labels (100, then 200 at the bottom of the stack) over {@link #udpV4()}. */
  static byte[] mplsUdpV4() {
    return ethernet(0x8847, concat(bytes(0x00, 0x06, 0x40, 0x40, 0x00, 0x0c, 0x81, 0x40), udpV4()));
  }

  /** An 802.1ad tag and eight 802.1Q tags, VLAN ids 1 to 9, over {@link #udpV4()}. */
  static byte[] nineTagsUdpV4() {
    ByteArrayOutputStream tags = new ByteArrayOutputStream();
    for (int id = 1; id <= 9; id++) {
      int next = id < 9 ? 0x8100 : 0x0800;
      tags.writeBytes(bytes(0x00, id, next >>> 8, next & 0xff));
    }
    return ethernet(0x88a8, concat(tags.toByteArray(), udpV4()));
  }

  static byte[] ethernet(int etherType, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(bytes(MAC_DST));
    frame.writeBytes(bytes(MAC_SRC));
    frame.writeBytes(bytes(etherType >>> 8, etherType & 0xff));
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
