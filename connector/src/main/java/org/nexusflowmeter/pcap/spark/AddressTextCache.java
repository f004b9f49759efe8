package org.nexusflowmeter.pcap.spark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.spark.sql.execution.vectorized.Dictionary;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The text of recently seen addresses (MAC, IPv4, IPv6) as UTF-8 bytes, handed out as ids of the current
 * batch's {@link #dictionary()}, so that a scan formats each address once rather than once per packet and a
 * row stores an int rather than a copy of the text: a packet's addresses mostly recur. Direct-mapped: an
 * address whose slot another took is formatted again. A slot remembers the id its text has in the current
 * batch, since two addresses that take the same slot in turn within one batch need two ids. A MAC or IPv4
 * address is one long key (its bytes and its length), an IPv6 address two, kept side by side with the slot's
 * batch tag so that a lookup reads one cache line. The text arrays are never changed once made.
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

  /**
   * MAC and IPv4 slots, two longs each: the key (the address's bytes with its length in the top byte, so never
   * 0 as an empty slot is) and the tag.
   */
  private final long[] shortSlots = new long[2 * SLOTS];
  private final byte[][] shortTexts = new byte[SLOTS][];
  /** IPv6 slots, three longs each: the two halves of the address and the tag; an empty slot's tag is 0. */
  private final long[] ipv6Slots = new long[3 * SLOTS];
  private final byte[][] ipv6Texts = new byte[SLOTS][];
  private final byte[] formatted = new byte[AddressText.MAX_LENGTH];
  private final BatchTextDictionary dictionary = new BatchTextDictionary();
  /** The current batch's number: a tag is the batch number above the id the slot's text has in that batch. */
  private int batch = 1;

  /** The texts of the current batch's ids; the same object for every batch. */
  Dictionary dictionary() {
    return dictionary;
  }

  /** Starts a batch: ids count from 0 again, and a text needs a new id before it is in the dictionary. */
  void startBatch() {
    dictionary.clear();
    batch++;
    if (batch == 0) {
      // after 2^32 batches a tag could match again: empty every slot (and skip 0, the empty tag)
      Arrays.fill(shortSlots, 0);
      Arrays.fill(ipv6Slots, 0);
      batch = 1;
    }
  }

  /**
   * The id in the current batch of the text of the address in buf[offset, offset + length): a MAC address for
   * length 6, IPv4 for 4, IPv6 for 16, as {@link AddressText} writes them. The caller has checked that the
   * bytes are there.
   */
  int id(byte[] buf, int offset, int length) {
    long key;
    if (length == IPV4_LENGTH) {
      key = (long) IPV4_LENGTH << 56 | ((int) INT_BE.get(buf, offset) & 0xffffffffL);
    } else if (length == MAC_LENGTH) {
      key = (long) MAC_LENGTH << 56 | ((int) INT_BE.get(buf, offset) & 0xffffffffL) << 16
          | ((short) SHORT_BE.get(buf, offset + 4) & 0xffffL);
    } else if (length == IPV6_LENGTH) {
      return ipv6Id(buf, offset);
    } else {
      throw new IllegalArgumentException("an address is 4, 6 or 16 bytes, not " + length);
    }
    int slot = (int) ((key * GOLDEN) >>> (Long.SIZE - SLOT_BITS));
    int at = 2 * slot;
    if (shortSlots[at] != key) {
      int n = length == MAC_LENGTH ? AddressText.mac(buf, offset, formatted)
          : AddressText.ip(buf, offset, length, formatted);
      shortSlots[at] = key;
      shortTexts[slot] = Arrays.copyOf(formatted, n);
    } else if ((int) (shortSlots[at + 1] >>> 32) == batch) {
      return (int) shortSlots[at + 1];
    }
    int id = dictionary.add(shortTexts[slot]);
    shortSlots[at + 1] = (long) batch << 32 | id;
    return id;
  }

  private int ipv6Id(byte[] buf, int offset) {
    long high = (long) LONG_BE.get(buf, offset);
    long low = (long) LONG_BE.get(buf, offset + 8);
    int slot = (int) (((high * GOLDEN ^ low) * GOLDEN) >>> (Long.SIZE - SLOT_BITS));
    int at = 3 * slot;
    long tag = ipv6Slots[at + 2];
    if (tag == 0 || ipv6Slots[at] != high || ipv6Slots[at + 1] != low) {
      int n = AddressText.ip(buf, offset, IPV6_LENGTH, formatted);
      ipv6Slots[at] = high;
      ipv6Slots[at + 1] = low;
      ipv6Texts[slot] = Arrays.copyOf(formatted, n);
    } else if ((int) (tag >>> 32) == batch) {
      return (int) tag;
    }
    int id = dictionary.add(ipv6Texts[slot]);
    ipv6Slots[at + 2] = (long) batch << 32 | id;
    return id;
  }
}
