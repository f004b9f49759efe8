package org.nexusflowmeter.pcap.spark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The text of recently seen addresses (MAC, IPv4, IPv6) as UTF-8 arrays, so that a scan formats each address
 * once rather than once per packet and a batch's rows share the arrays: a packet's addresses mostly recur.
 * Direct-mapped: an address whose slot another took is formatted again, into a new array, so an array once
 * handed out is never changed and rows keep referring to it safely. A MAC or IPv4 address is one long key
 * (its bytes and its length), an IPv6 address two.
 */
final class AddressTextCache {
  static final int MAC_LENGTH = 6;
  private static final int IPV4_LENGTH = 4;
  private static final int IPV6_LENGTH = 16;
  private static final int SLOT_BITS = 14;
  /** Slots for MAC and IPv4 addresses, and as many for IPv6 ones. */
  static final int SLOTS = 1 << SLOT_BITS;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** MAC and IPv4 keys: the address's bytes with its length in the top byte, so never 0 as an empty slot is. */
  private final long[] shortKeys = new long[SLOTS];
  private final byte[][] shortTexts = new byte[SLOTS][];
  /** IPv6 keys, the two halves of the address side by side; a slot without a text is empty. */
  private final long[] ipv6Keys = new long[2 * SLOTS];
  private final byte[][] ipv6Texts = new byte[SLOTS][];
  private final byte[] formatted = new byte[AddressText.MAX_LENGTH];

  /**
   * The text of the address in buf[offset, offset + length): a MAC address for length 6, IPv4 for 4, IPv6 for
   * 16, as {@link AddressText} writes them. The caller has checked that the bytes are there.
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
    int n = length == MAC_LENGTH ? AddressText.mac(buf, offset, formatted)
        : AddressText.ip(buf, offset, length, formatted);
    byte[] text = Arrays.copyOf(formatted, n);
    shortKeys[slot] = key;
    shortTexts[slot] = text;
    return text;
  }

  private byte[] ipv6Text(byte[] buf, int offset) {
    long high = (long) LONG_BE.get(buf, offset);
    long low = (long) LONG_BE.get(buf, offset + 8);
    int slot = (int) (((high * GOLDEN ^ low) * GOLDEN) >>> (Long.SIZE - SLOT_BITS));
    int at = 2 * slot;
    byte[] cached = ipv6Texts[slot];
    if (cached != null && ipv6Keys[at] == high && ipv6Keys[at + 1] == low) {
      return cached;
    }
    int n = AddressText.ip(buf, offset, IPV6_LENGTH, formatted);
    byte[] text = Arrays.copyOf(formatted, n);
    ipv6Keys[at] = high;
    ipv6Keys[at + 1] = low;
    ipv6Texts[slot] = text;
    return text;
  }
}
