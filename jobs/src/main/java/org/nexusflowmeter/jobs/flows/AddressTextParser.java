package org.nexusflowmeter.jobs.flows;

import org.nexusflowmeter.flow.PacketView;

/**
 * Reads the pcap source's address text (dotted quad, RFC 5952 IPv6, {@code ::ffff:a.b.c.d}) back into the
 * two-long form of {@link PacketView}, without allocating. The source only ever writes these forms, so anything
 * else is rejected rather than guessed at.
 */
final class AddressTextParser {
  private static final int IPV6_GROUPS = 8;

  private AddressTextParser() {}

  /**
   * Sets the source (when {@code source}) or destination address of {@code packet} from {@code text}, and the
   * packet's address length. Returns false, leaving the address unset, when the text is not an address.
   */
  static boolean parseInto(String text, PacketView packet, boolean source) {
    int colon = text.indexOf(':');
    if (colon >= 0) {
      return ipv6(text, packet, source);
    }
    long v4 = ipv4(text, 0, text.length());
    if (v4 < 0) {
      return false;
    }
    store(packet, source, 4, 0, v4);
    return true;
  }

  private static void store(PacketView packet, boolean source, int length, long high, long low) {
    packet.addressLength = length;
    if (source) {
      packet.srcAddrHigh = high;
      packet.srcAddrLow = low;
    } else {
      packet.dstAddrHigh = high;
      packet.dstAddrLow = low;
    }
  }

  /** The 32-bit value of a dotted quad in text[from, to), or -1. */
  private static long ipv4(String text, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (i < to && octets < 4) {
      int octet = 0;
      int digits = 0;
      while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9' && digits < 3) {
        octet = octet * 10 + (text.charAt(i) - '0');
        digits++;
        i++;
      }
      if (digits == 0 || octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (octets < 4) {
        if (i >= to || text.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
    }
    return octets == 4 && i == to ? value : -1;
  }

  /** Stores IPv6 text as a 16-byte address; false when it is not IPv6 text. */
  private static boolean ipv6(String text, PacketView packet, boolean source) {
    int end = text.length();
    // groups before "::" fill from the left, groups after it from the right
    long headHigh = 0;
    long headLow = 0;
    int headGroups = 0;
    long tailHigh = 0;
    long tailLow = 0;
    int tailGroups = 0;
    boolean compressed = false;
    int i = 0;
    if (text.startsWith("::")) {
      compressed = true;
      i = 2;
    }
    while (i < end) {
      int groupEnd = i;
      while (groupEnd < end && text.charAt(groupEnd) != ':') {
        groupEnd++;
      }
      int groupValueCount;
      long groupValue;
      if (groupEnd == end && text.indexOf('.', i) >= 0) {
        long v4 = ipv4(text, i, end);
        if (v4 < 0) {
          return false;
        }
        groupValue = v4;
        groupValueCount = 2;
      } else {
        groupValue = hexGroup(text, i, groupEnd);
        if (groupValue < 0) {
          return false;
        }
        groupValueCount = 1;
      }
      for (int g = groupValueCount - 1; g >= 0; g--) {
        int group = (int) ((groupValue >>> (16 * g)) & 0xFFFF);
        if (compressed) {
          tailHigh = (tailHigh << 16) | (tailLow >>> 48);
          tailLow = (tailLow << 16) | group;
          tailGroups++;
        } else {
          if (headGroups < 4) {
            headHigh |= (long) group << (16 * (3 - headGroups));
          } else if (headGroups < IPV6_GROUPS) {
            headLow |= (long) group << (16 * (7 - headGroups));
          }
          headGroups++;
        }
      }
      if (headGroups + tailGroups > IPV6_GROUPS) {
        return false;
      }
      if (groupEnd == end) {
        break;
      }
      i = groupEnd + 1;
      if (i < end && text.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
      } else if (i == end) {
        return false;
      }
    }
    if (compressed ? headGroups + tailGroups > IPV6_GROUPS - 1 : headGroups != IPV6_GROUPS) {
      return false;
    }
    // the tail holds the last tailGroups groups, right-aligned over the 128 bits
    store(packet, source, 16, headHigh | tailHigh, headLow | tailLow);
    return true;
  }

  /** A 1-4 digit hex group in text[from, to), or -1. */
  private static long hexGroup(String text, int from, int to) {
    if (to - from < 1 || to - from > 4) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = (value << 4) | digit;
    }
    return value;
  }
}
