package org.nexusflowmeter.pcap.decode;

/** Canonical text of addresses held in a frame buffer. */
public final class AddressText {
  private AddressText() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int IPV6_GROUPS = 8;

  /** IPv4 dotted quad (len 4) or IPv6 in RFC 5952 form (len 16) of buf[offset, offset + len). */
  public static String ip(byte[] buf, int offset, int len) {
    if (len == 4) {
      char[] text = new char[15];
      return new String(text, 0, dottedQuad(buf, offset, text, 0));
    }
    if (len == 16) {
      return ipv6(buf, offset);
    }
    throw new IllegalArgumentException("an IP address is 4 or 16 bytes, not " + len);
  }

  /** MAC address as six lower-case hex pairs joined by ':'. */
  public static String mac(byte[] buf, int offset) {
    char[] text = new char[17];
    for (int i = 0; i < 6; i++) {
      int v = buf[offset + i] & 0xff;
      int at = i * 3;
      text[at] = HEX[v >>> 4];
      text[at + 1] = HEX[v & 0x0f];
      if (i < 5) {
        text[at + 2] = ':';
      }
    }
    return new String(text);
  }

  private static String ipv6(byte[] buf, int offset) {
    char[] text = new char[39];
    if (isIpv4Mapped(buf, offset)) {
      "::ffff:".getChars(0, 7, text, 0);
      return new String(text, 0, dottedQuad(buf, offset + 12, text, 7));
    }
    // RFC 5952 4.2: the longest run of two or more zero groups becomes "::", the first of equal runs.
    int bestStart = -1;
    int bestLength = 1;
    int runStart = -1;
    for (int g = 0; g <= IPV6_GROUPS; g++) {
      boolean zero = g < IPV6_GROUPS && group(buf, offset, g) == 0;
      if (zero && runStart < 0) {
        runStart = g;
      } else if (!zero && runStart >= 0) {
        if (g - runStart > bestLength) {
          bestStart = runStart;
          bestLength = g - runStart;
        }
        runStart = -1;
      }
    }
    int n = 0;
    for (int g = 0; g < IPV6_GROUPS; g++) {
      if (g == bestStart) {
        text[n++] = ':';
        text[n++] = ':';
        g += bestLength - 1;
        continue;
      }
      if (n > 0 && text[n - 1] != ':') {
        text[n++] = ':';
      }
      n = hexGroup(group(buf, offset, g), text, n);
    }
    return new String(text, 0, n);
  }

  private static boolean isIpv4Mapped(byte[] buf, int offset) {
    for (int i = 0; i < 10; i++) {
      if (buf[offset + i] != 0) {
        return false;
      }
    }
    return buf[offset + 10] == (byte) 0xff && buf[offset + 11] == (byte) 0xff;
  }

  private static int group(byte[] buf, int offset, int g) {
    return (buf[offset + 2 * g] & 0xff) << 8 | (buf[offset + 2 * g + 1] & 0xff);
  }

  /** Lower-case hex without leading zeros. */
  private static int hexGroup(int value, char[] text, int n) {
    boolean started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int digit = (value >>> shift) & 0x0f;
      if (digit != 0 || started || shift == 0) {
        text[n++] = HEX[digit];
        started = true;
      }
    }
    return n;
  }

  /** Writes a.b.c.d from buf[offset, offset + 4) at text[n]; returns the new end. */
  private static int dottedQuad(byte[] buf, int offset, char[] text, int n) {
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        text[n++] = '.';
      }
      int v = buf[offset + i] & 0xff;
      if (v >= 100) {
        text[n++] = (char) ('0' + v / 100);
      }
      if (v >= 10) {
        text[n++] = (char) ('0' + v / 10 % 10);
      }
      text[n++] = (char) ('0' + v % 10);
    }
    return n;
  }
}
