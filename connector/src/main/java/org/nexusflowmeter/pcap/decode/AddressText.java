package org.nexusflowmeter.pcap.decode;

import java.nio.charset.StandardCharsets;

/**
 * Canonical text of addresses held in a frame buffer, as a String or as its ASCII bytes written into a
 * caller's array (what a column of UTF-8 text stores), so that a scan need not build a String to get bytes.
 */
public final class AddressText {
  private AddressText() {}

  /** The longest text: an IPv6 address of eight four-digit groups. */
  public static final int MAX_LENGTH = 39;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] IPV4_MAPPED_PREFIX = "::ffff:".getBytes(StandardCharsets.US_ASCII);
  private static final int IPV6_GROUPS = 8;
  private static final int MAC_TEXT_LENGTH = 17;
  /** The decimal digits of 0 to 255: their ASCII bytes from the lowest byte up, their count in the top byte. */
  private static final int[] OCTET_DIGITS = new int[256];

  static {
    for (int v = 0; v < OCTET_DIGITS.length; v++) {
      byte[] digits = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
      int packed = digits.length << 24;
      for (int i = 0; i < digits.length; i++) {
        packed |= digits[i] << (8 * i);
      }
      OCTET_DIGITS[v] = packed;
    }
  }

  /** IPv4 dotted quad (len 4) or IPv6 in RFC 5952 form (len 16) of buf[offset, offset + len). */
  public static String ip(byte[] buf, int offset, int len) {
    byte[] text = new byte[MAX_LENGTH];
    return new String(text, 0, ip(buf, offset, len, text), StandardCharsets.US_ASCII);
  }

  /** MAC address as six lower-case hex pairs joined by ':'. */
  public static String mac(byte[] buf, int offset) {
    byte[] text = new byte[MAC_TEXT_LENGTH];
    return new String(text, 0, mac(buf, offset, text), StandardCharsets.US_ASCII);
  }

  /**
   * Writes the ASCII bytes of {@link #ip(byte[], int, int)} at text[0] and returns their count; text must
   * hold {@link #MAX_LENGTH} bytes, and the bytes after the count may be overwritten.
   */
  public static int ip(byte[] buf, int offset, int len, byte[] text) {
    if (len == 4) {
      return dottedQuad(buf, offset, text, 0);
    }
    if (len == 16) {
      return ipv6(buf, offset, text);
    }
    throw new IllegalArgumentException("an IP address is 4 or 16 bytes, not " + len);
  }

  /** Writes the ASCII bytes of {@link #mac(byte[], int)} at text[0] and returns their count (17). */
  public static int mac(byte[] buf, int offset, byte[] text) {
    for (int i = 0; i < 6; i++) {
      int v = buf[offset + i] & 0xff;
      int at = i * 3;
      text[at] = HEX[v >>> 4];
      text[at + 1] = HEX[v & 0x0f];
      if (i < 5) {
        text[at + 2] = ':';
      }
    }
    return MAC_TEXT_LENGTH;
  }

  private static int ipv6(byte[] buf, int offset, byte[] text) {
    if (isIpv4Mapped(buf, offset)) {
      System.arraycopy(IPV4_MAPPED_PREFIX, 0, text, 0, IPV4_MAPPED_PREFIX.length);
      return dottedQuad(buf, offset + 12, text, IPV4_MAPPED_PREFIX.length);
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
    return n;
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
  private static int hexGroup(int value, byte[] text, int n) {
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

  /**
   * Writes a.b.c.d from buf[offset, offset + 4) at text[n]; returns the new end. Each octet's digits come
   * packed from a table and three bytes are written whatever their count, as branches on an octet's size
   * mispredict on addresses of random octets; so up to three bytes past the end are overwritten too.
   */
  private static int dottedQuad(byte[] buf, int offset, byte[] text, int n) {
    for (int i = 0; i < 4; i++) {
      int digits = OCTET_DIGITS[buf[offset + i] & 0xff];
      text[n] = (byte) digits;
      text[n + 1] = (byte) (digits >>> 8);
      text[n + 2] = (byte) (digits >>> 16);
      n += digits >>> 24;
      text[n++] = '.';
    }
    return n - 1;
  }
}
