package org.nexusflowmeter.pcap.spark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The text of recently seen addresses (MAC, IPv4, IPv6) as UTF-8 bytes, so that a scan formats each address
 * once rather than once per packet: a packet's addresses mostly recur. Direct-mapped: an address whose slot
 * another took is formatted again. A MAC or IPv4 address is one long key (its bytes and its length), an IPv6
 * address two, so that a lookup reads few cache lines. The arrays handed out are never changed afterwards.
 */
final class AddressTextCache {
  static final int MAC_LENGTH = 6;
  private static final int IPV4_LENGTH = 4;
  private static final int IPV6_LENGTH = 16;
  private static final int SLOT_BITS = 12;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** MAC and IPv4 keys: the address's bytes with its length in the top byte, so never 0 (an empty slot). */
  private final long[] shortKeys = new long[1 << SLOT_BITS];
  private final byte[][] shortTexts = new byte[1 << SLOT_BITS][];
  /** IPv6 keys: the two halves of each slot's address, side by side; a slot without text is empty. */
  private final long[] ipv6Keys = new long[2 << SLOT_BITS];
  private final byte[][] ipv6Texts = new byte[1 << SLOT_BITS][];

  /**
   * The text of the address in buf[offset, offset + length): a MAC address for length 6, IPv4 for 4, IPv6
   * for 16, as {@link AddressText} writes them. The caller has checked that the bytes are there.
   */
  byte[] text(byte[] buf, int offset, int length) {
    long key;
    if (length == IPV4_LENGTH) {
      key = (long) IPV4_LENGTH << 56 | ((int) INT_BE.get(buf, offset) & 0xffffffffL);
    } else if (length == MAC_LENGTH) {
      key = (long) MAC_LENGTH << 56 | ((int) INT_BE.get(buf, offset) & 0xffffffffL) << 16
          | ((short) SHORT_BE.get(buf, offset + 4) & 0xffffL);
    } else if (length == IPV6_LENGTH) {
      return ipv6Text(buf, offset);
    } else {
      throw new IllegalArgumentException("an address is 4, 6 or 16 bytes, not " + length);
    }
    int slot = (int) ((key * GOLDEN) >>> (Long.SIZE - SLOT_BITS));
    if (shortKeys[slot] == key) {
      return shortTexts[slot];
    }
    String text = length == MAC_LENGTH ? AddressText.mac(buf, offset) : AddressText.ip(buf, offset, length);
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    shortKeys[slot] = key;
    shortTexts[slot] = bytes;
    return bytes;
  }

  private byte[] ipv6Text(byte[] buf, int offset) {
    long high = (long) LONG_BE.get(buf, offset);
    long low = (long) LONG_BE.get(buf, offset + 8);
    int slot = (int) (((high * GOLDEN ^ low) * GOLDEN) >>> (Long.SIZE - SLOT_BITS));
    byte[] cached = ipv6Texts[slot];
    if (cached != null && ipv6Keys[2 * slot] == high && ipv6Keys[2 * slot + 1] == low) {
      return cached;
    }
    byte[] bytes = AddressText.ip(buf, offset, IPV6_LENGTH).getBytes(StandardCharsets.US_ASCII);
    ipv6Keys[2 * slot] = high;
    ipv6Keys[2 * slot + 1] = low;
    ipv6Texts[slot] = bytes;
    return bytes;
  }
}
