package org.nexusflowmeter.flow;

/** Canonical text of an address held as two longs (see {@link PacketView}). */
final class AddressFormat {
  private AddressFormat() {}

  static String format(long high, long low, int length) {
    if (length == 4) {
      return ipv4(low);
    }
    if (length == 16) {
      return ipv6(high, low);
    }
    return hexBytes(high, low, length);
  }

  private static String ipv4(long value) {
    return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "."
        + (value & 0xFF);
  }

  /** RFC 5952: lower-case hex, no leading zeros, the longest run (first on ties) of two or more zero groups as ::. */
  private static String ipv6(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xFFFFL) {
      // RFC 5952 section 5: IPv4-mapped addresses keep the dotted quad
      return "::ffff:" + ipv4(low & 0xFFFFFFFFL);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
      groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int end = i;
      while (end < 8 && groups[end] == 0) {
        end++;
      }
      if (end - i > bestLength) {
        bestStart = i;
        bestLength = end - i;
      }
      i = end;
    }
    StringBuilder text = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  private static String hexBytes(long high, long low, int length) {
    StringBuilder text = new StringBuilder(length * 3);
    for (int i = length - 1; i >= 0; i--) {
      long word = i >= 8 ? high : low;
      int value = (int) (word >>> (8 * (i % 8))) & 0xFF;
      if (text.length() > 0) {
        text.append(':');
      }
      text.append(Character.forDigit(value >> 4, 16)).append(Character.forDigit(value & 0xF, 16));
    }
    return text.toString();
  }
}
