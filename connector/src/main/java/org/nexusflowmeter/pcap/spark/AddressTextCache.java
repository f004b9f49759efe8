package org.nexusflowmeter.pcap.spark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The text of recently seen addresses (MAC, IPv4, IPv6) as UTF-8 bytes, so that a scan formats each address
 * once rather than once per packet: a packet's addresses mostly recur. Direct-mapped: an address whose slot
 * another took is formatted again. The arrays handed out are never changed afterwards, so a caller may keep
 * them.
 */
final class AddressTextCache {
  static final int MAC_LENGTH = 6;
  private static final int SLOT_BITS = 12;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final long[] keyHigh = new long[1 << SLOT_BITS];
  private final long[] keyLow = new long[1 << SLOT_BITS];
  /** The address length of each slot's key; 0 for an empty slot. */
  private final int[] keyLength = new int[1 << SLOT_BITS];
  private final byte[][] texts = new byte[1 << SLOT_BITS][];

  /**
   * The text of the address in buf[offset, offset + length): a MAC address for length 6, IPv4 for 4, IPv6
   * for 16, as {@link AddressText} writes them.
   */
  byte[] text(byte[] buf, int offset, int length) {
    long high;
    long low;
    if (length == 16) {
      high = (long) LONG_BE.get(buf, offset);
      low = (long) LONG_BE.get(buf, offset + 8);
    } else if (length == 4 || length == MAC_LENGTH) {
      high = 0;
      low = 0;
      for (int i = 0; i < length; i++) {
        low = low << 8 | (buf[offset + i] & 0xff);
      }
    } else {
      throw new IllegalArgumentException("an address is 4, 6 or 16 bytes, not " + length);
    }
    long mixed = (high * GOLDEN ^ low) * GOLDEN + length;
    int slot = (int) (mixed >>> (Long.SIZE - SLOT_BITS));
    if (keyLength[slot] == length && keyLow[slot] == low && keyHigh[slot] == high) {
      return texts[slot];
    }
    String text = length == MAC_LENGTH ? AddressText.mac(buf, offset) : AddressText.ip(buf, offset, length);
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    keyLength[slot] = length;
    keyLow[slot] = low;
    keyHigh[slot] = high;
    texts[slot] = bytes;
    return bytes;
  }
}
