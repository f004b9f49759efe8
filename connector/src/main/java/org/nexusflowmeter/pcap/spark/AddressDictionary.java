package org.nexusflowmeter.pcap.spark;

import java.util.Arrays;
import org.apache.spark.sql.execution.vectorized.Dictionary;

/**
 * The address texts of one column batch as a dictionary: each distinct address of the batch is one entry, so
 * an address column holds one int per row instead of a copy of the text. Entries come from the shared
 * {@link AddressTextCache}; an entry keeps its text for the whole batch even if the cache's slot is reused.
 * All address columns of a batch share it.
 */
final class AddressDictionary implements Dictionary {
  private final AddressTextCache cache;
  /** Per cache slot: the batch, the slot's filling and the entry it last gave an id to. */
  private final long[] slotBatch = new long[AddressTextCache.slots()];
  private final long[] slotFill = new long[AddressTextCache.slots()];
  private final int[] slotId = new int[AddressTextCache.slots()];
  private byte[][] entries = new byte[256][];
  private int size;
  /** Starts at 1, so that the zeroed slotBatch means "no id yet". */
  private long batch = 1;

  AddressDictionary(AddressTextCache cache) {
    this.cache = cache;
  }

  /** Forgets the entries: the batch they belonged to was handed on and is being refilled. */
  void startBatch() {
    batch++;
    Arrays.fill(entries, 0, size, null);
    size = 0;
  }

  /** The entry of the address in buf[offset, offset + length) (lengths as {@link AddressTextCache#text}). */
  int id(byte[] buf, int offset, int length) {
    int slot = cache.slot(buf, offset, length);
    long fill = cache.fill(slot);
    if (slotBatch[slot] == batch && slotFill[slot] == fill) {
      return slotId[slot];
    }
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, size * 2);
    }
    entries[size] = cache.text(slot);
    slotBatch[slot] = batch;
    slotFill[slot] = fill;
    slotId[slot] = size;
    return size++;
  }

  @Override
  public byte[] decodeToBinary(int id) {
    return entries[id];
  }

  @Override
  public int decodeToInt(int id) {
    throw new UnsupportedOperationException("address entries are text");
  }

  @Override
  public long decodeToLong(int id) {
    throw new UnsupportedOperationException("address entries are text");
  }

  @Override
  public float decodeToFloat(int id) {
    throw new UnsupportedOperationException("address entries are text");
  }

  @Override
  public double decodeToDouble(int id) {
    throw new UnsupportedOperationException("address entries are text");
  }
}
