package org.nexusflowmeter.pcap.decode;

/** Canonical text of addresses held in a frame buffer. */
public final class AddressText {
  private AddressText() {}

  /** IPv4 dotted quad (len 4) or IPv6 in RFC 5952 form (len 16) of buf[offset, offset + len). */
  public static String ip(byte[] buf, int offset, int len) {
    throw new UnsupportedOperationException("not written yet");
  }

  /** MAC address as six lower-case hex pairs joined by ':'. */
  public static String mac(byte[] buf, int offset) {
    throw new UnsupportedOperationException("not written yet");
  }
}
