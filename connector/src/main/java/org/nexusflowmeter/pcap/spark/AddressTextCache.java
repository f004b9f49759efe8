package org.nexusflowmeter.pcap.spark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The text of recently seen addresses (MAC, IPv4, IPv6), so that a scan formats each address once rather than
 * once per packet: a packet's addresses mostly recur. A text is written once into an arena, a byte array
 * appended to, and handed out as a reference (its offset and length packed into an int), which a row of a
 * batch stores in place of a copy or of a pointer: storing an object pointer in an array the collector holds
 * as old costs G1 a memory fence each time, and a text of its own per address is garbage once evicted.
 * Direct-mapped: an address whose slot another took is formatted again, appended anew, so a reference keeps
 * its text while the batch lasts. When the arena has no room for another row's texts, the batch ends
 * ({@link #hasRoomForRow}) and the next starts the arena over with an empty cache: the texts of the batches
 * before are overwritten, as Spark's own column vectors overwrite theirs, a batch's values being valid until
 * the next batch. The arena is small enough for an ordinary allocation, not one of G1's humongous objects
 * (a larger one, allocated per task, had the kernel clearing fresh pages), and starting over costs only the
 * misses of the addresses that recur.
 */
final class AddressTextCache {
  static final int MAC_LENGTH = 6;
  private static final int IPV4_LENGTH = 4;
  private static final int IPV6_LENGTH = 16;
  private static final int SLOT_BITS = 14;
  /** Slots for MAC and IPv4 addresses, and as many for IPv6 ones. */
  static final int SLOTS = 1 << SLOT_BITS;
  /** A reference's low bits hold the text's length (at most 39), the rest its offset in the arena. */
  private static final int LENGTH_BITS = 6;
  static final int ARENA_BYTES = 1 << 18;
  /** The most text bytes one row appends: four address columns. */
  private static final int ROW_TEXT_BYTES = 4 * AddressText.MAX_LENGTH;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** MAC and IPv4 keys: the address's bytes with its length in the top byte, so never 0 as an empty slot is. */
  private final long[] shortKeys = new long[SLOTS];
  private final int[] shortTexts = new int[SLOTS];
  /** IPv6 keys, the two halves of the address side by side; a slot whose reference is 0 is empty. */
  private final long[] ipv6Keys = new long[2 * SLOTS];
  private final int[] ipv6Texts = new int[SLOTS];
  private final byte[] formatted = new byte[AddressText.MAX_LENGTH];
  private final byte[] arena = new byte[ARENA_BYTES];
  private int arenaEnd;

  static int offset(int reference) {
    return reference >>> LENGTH_BITS;
  }

  static int length(int reference) {
    return reference & ((1 << LENGTH_BITS) - 1);
  }

  /** The array the references point into. */
  byte[] arena() {
    return arena;
  }

  /** Whether the arena has room for the texts of one more row. */
  boolean hasRoomForRow() {
    return arena.length - arenaEnd >= ROW_TEXT_BYTES;
  }

  /**
   * Starts a batch: when the arena has no room for a row, it starts over, with the cache emptied, and the
   * references handed out before no longer hold their texts.
   */
  void startBatch() {
    if (!hasRoomForRow()) {
      arenaEnd = 0;
      Arrays.fill(shortKeys, 0);
      Arrays.fill(ipv6Texts, 0);
    }
  }

  /**
   * The reference to the text in {@link #arena()} of the address in buf[offset, offset + length): a MAC
   * address for length 6, IPv4 for 4, IPv6 for 16, as {@link AddressText} writes them. The caller has checked
   * that the bytes are there and that the arena has room for a row.
   */
  int text(byte[] buf, int offset, int length) {
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
    int reference = append(n);
    shortKeys[slot] = key;
    shortTexts[slot] = reference;
    return reference;
  }

  private int ipv6Text(byte[] buf, int offset) {
    long high = (long) LONG_BE.get(buf, offset);
    long low = (long) LONG_BE.get(buf, offset + 8);
    int slot = (int) (((high * GOLDEN ^ low) * GOLDEN) >>> (Long.SIZE - SLOT_BITS));
    int at = 2 * slot;
    int cached = ipv6Texts[slot];
    if (cached != 0 && ipv6Keys[at] == high && ipv6Keys[at + 1] == low) {
      return cached;
    }
    int reference = append(AddressText.ip(buf, offset, IPV6_LENGTH, formatted));
    ipv6Keys[at] = high;
    ipv6Keys[at + 1] = low;
    ipv6Texts[slot] = reference;
    return reference;
  }

  /** Appends formatted[0, n) to the arena; its reference is never 0, as no text is empty. */
  private int append(int n) {
    System.arraycopy(formatted, 0, arena, arenaEnd, n);
    int reference = arenaEnd << LENGTH_BITS | n;
    arenaEnd += n;
    return reference;
  }
}
