package org.nexusflowmeter.jobs.report.scan;

import org.apache.spark.unsafe.Platform;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * IPv4 addresses as the flow table writes them: four decimal octets, dots between, no leading zeros (the form
 * the reader formats, the only text of each address). A text in that form and its 32-bit value give each other
 * back exactly; any other text is not read as an address, so it keeps its own identity.
 */
final class Ipv4Text {
  private static final int SHORTEST = "0.0.0.0".length();
  private static final int LONGEST = "255.255.255.255".length();

  private Ipv4Text() {}

  /** The address's value (0 to 2^32 - 1), or -1 when the bytes are not an IPv4 address in canonical form. */
  static long value(Object base, long offset, int length) {
    if (length < SHORTEST || length > LONGEST) {
      return -1;
    }
    long value = 0;
    int octets = 0;
    int i = 0;
    while (i < length) {
      int octet = 0;
      int digits = 0;
      while (i < length) {
        int b = Platform.getByte(base, offset + i);
        if (b < '0' || b > '9') {
          break;
        }
        if (digits == 1 && octet == 0) {
          return -1;
        }
        octet = 10 * octet + (b - '0');
        digits++;
        i++;
      }
      if (digits == 0 || digits > 3 || octet > 255) {
        return -1;
      }
      value = value << 8 | octet;
      octets++;
      if (i == length) {
        break;
      }
      if (octets == 4 || Platform.getByte(base, offset + i) != '.') {
        return -1;
      }
      i++;
      if (i == length) {
        return -1;
      }
    }
    return octets == 4 ? value : -1;
  }

  /** The canonical text of an address's value: the reader's own ({@link AddressText}). */
  static String of(long value) {
    byte[] octets = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    return AddressText.ip(octets, 0, octets.length);
  }
}
