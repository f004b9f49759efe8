package org.nexusflowmeter.jobs.report.scan;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Bytes each address sent and received, for the number of addresses and the top talkers, which must be exact.
 * Memory grows with the distinct addresses, never with the flows, and is capped: most captures have far fewer
 * addresses than flows, but a scan of a network can have millions. Past {@code limit} addresses (in one
 * partition or merged) the totals give up ({@link #complete()} false, the tables freed), and the scan asks Spark
 * for one grouping by address instead, which spills to disk rather than filling the driver.
 *
 * <p>The flows come in no useful order and a capture has tens of thousands of addresses, so nearly every lookup
 * misses the processor's caches. IPv4 texts in their one canonical form (what the reader writes) are looked up by
 * their 32-bit value in a table that keeps each address and its two sums side by side: one cache line a lookup.
 * Other texts go to a table of a few flat arrays (open addressing; the texts one after another in one array, the
 * sums in another) rather than a hash map of objects, where a lookup reads a slot that holds the text's hash
 * beside its entry, then the text and the sums, about three cache lines instead of five or six.
 */
final class AddressTotals implements Serializable, DataSerializable {
  private static final long serialVersionUID = 1L;
  private static final int FIRST_ENTRIES = 1 << 8;

  // not final: both serializations (Java's and Kryo's, whichever the session uses for task results) read them
  // back in into an instance made without the constructor
  private int limit;
  private boolean complete = true;
  private int count;
  /**
   * Per slot the text's hash (high 32 bits) and its entry's number + 1 (low 32); 0 is an empty slot. Linear
   * probing, at most half full.
   */
  private long[] slots;
  /** The texts of the entries one after another: entry e's from {@code starts[e]} to {@code starts[e + 1]}. */
  private byte[] texts;
  private int[] starts;
  /** Entry e sent {@code sums[2e]} bytes and received {@code sums[2e + 1]}. */
  private long[] sums;
  /**
   * IPv4 addresses: per slot three longs, the address + 1 (0: an empty slot), the bytes it sent and received.
   * Linear probing, at most half full.
   */
  private long[] ipv4;
  private int ipv4Count;

  AddressTotals(int limit) {
    this.limit = limit;
    emptyTables();
  }

  private void emptyTables() {
    complete = true;
    count = 0;
    ipv4Count = 0;
    slots = new long[2 * FIRST_ENTRIES];
    texts = new byte[16 * FIRST_ENTRIES];
    starts = new int[FIRST_ENTRIES + 1];
    sums = new long[2 * FIRST_ENTRIES];
    ipv4 = new long[3 * 2 * FIRST_ENTRIES];
  }

  /** Adds one end of a flow; the address is copied only when it is new. */
  void add(UTF8String address, long sent, long received) {
    if (!complete) {
      return;
    }
    long value = Ipv4Text.value(address.getBaseObject(), address.getBaseOffset(), address.numBytes());
    if (value >= 0) {
      addIpv4(value, sent, received);
      return;
    }
    int entry = entryOf(address.getBaseObject(), address.getBaseOffset(), address.numBytes(), address.hashCode());
    if (entry >= 0) {
      sums[2 * entry] += sent;
      sums[2 * entry + 1] += received;
    }
  }

  void merge(AddressTotals other) {
    if (!complete || !other.complete) {
      giveUp();
      return;
    }
    for (int at = 0; at < other.ipv4.length; at += 3) {
      if (other.ipv4[at] != 0 && !addIpv4(other.ipv4[at] - 1, other.ipv4[at + 1], other.ipv4[at + 2])) {
        return;
      }
    }
    for (long slot : other.slots) {
      if (slot == 0) {
        continue;
      }
      int theirs = (int) slot - 1;
      int start = other.starts[theirs];
      int entry = entryOf(other.texts, Platform.BYTE_ARRAY_OFFSET + start, other.starts[theirs + 1] - start,
          (int) (slot >>> 32));
      if (entry < 0) {
        return;
      }
      sums[2 * entry] += other.sums[2 * theirs];
      sums[2 * entry + 1] += other.sums[2 * theirs + 1];
    }
  }

  /** False when there were more than {@code limit} addresses: then neither count nor ranking is known. */
  boolean complete() {
    return complete;
  }

  long addresses() {
    return count + ipv4Count;
  }

  /** The busiest addresses, as {@link TalkerRanking} orders them. */
  TalkerRanking ranking(int size) {
    TalkerRanking ranking = new TalkerRanking(size);
    for (int at = 0; at < ipv4.length; at += 3) {
      if (ipv4[at] != 0) {
        ranking.offer(UTF8String.fromString(Ipv4Text.of(ipv4[at] - 1)), ipv4[at + 1], ipv4[at + 2]);
      }
    }
    for (int entry = 0; entry < count; entry++) {
      ranking.offer(UTF8String.fromBytes(texts, starts[entry], starts[entry + 1] - starts[entry]),
          sums[2 * entry], sums[2 * entry + 1]);
    }
    return ranking;
  }

  /** Adds to the sums of an IPv4 address, added if new; false when that would pass the limit. */
  private boolean addIpv4(long value, long sent, long received) {
    int mask = ipv4.length / 3 - 1;
    for (int i = spread((int) value) & mask; ; i = (i + 1) & mask) {
      int at = 3 * i;
      long slot = ipv4[at];
      if (slot == value + 1) {
        ipv4[at + 1] += sent;
        ipv4[at + 2] += received;
        return true;
      }
      if (slot == 0) {
        if (count + ipv4Count == limit) {
          giveUp();
          return false;
        }
        ipv4[at] = value + 1;
        ipv4[at + 1] = sent;
        ipv4[at + 2] = received;
        ipv4Count++;
        if (2 * ipv4Count > mask + 1) {
          growIpv4();
        }
        return true;
      }
    }
  }

  /** Twice the IPv4 slots, each address placed again by its value. */
  private void growIpv4() {
    long[] old = ipv4;
    ipv4 = new long[2 * old.length];
    int mask = ipv4.length / 3 - 1;
    for (int from = 0; from < old.length; from += 3) {
      if (old[from] != 0) {
        int i = spread((int) (old[from] - 1)) & mask;
        while (ipv4[3 * i] != 0) {
          i = (i + 1) & mask;
        }
        System.arraycopy(old, from, ipv4, 3 * i, 3);
      }
    }
  }

  /** The entry of the text at {@code base + offset}, added if new; -1 when that would pass the limit. */
  private int entryOf(Object base, long offset, int length, int hash) {
    int mask = slots.length - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        if (count + ipv4Count == limit) {
          giveUp();
          return -1;
        }
        int entry = append(base, offset, length);
        slots[i] = (long) hash << 32 | (entry + 1);
        if (2 * count > slots.length) {
          grow();
        }
        return entry;
      }
      if ((int) (slot >>> 32) == hash) {
        int entry = (int) slot - 1;
        int start = starts[entry];
        if (starts[entry + 1] - start == length && ByteArrayMethods.arrayEquals(texts,
            Platform.BYTE_ARRAY_OFFSET + start, base, offset, length)) {
          return entry;
        }
      }
    }
  }

  private int append(Object base, long offset, int length) {
    int entry = count++;
    if (entry + 2 > starts.length) {
      starts = Arrays.copyOf(starts, 2 * starts.length);
    }
    if (2 * entry + 2 > sums.length) {
      sums = Arrays.copyOf(sums, 2 * sums.length);
    }
    int start = starts[entry];
    if (start + length > texts.length) {
      texts = Arrays.copyOf(texts, Math.max(2 * texts.length, start + length));
    }
    Platform.copyMemory(base, offset, texts, Platform.BYTE_ARRAY_OFFSET + start, length);
    starts[entry + 1] = start + length;
    return entry;
  }

  /** Twice the slots, each entry placed again by its hash. */
  private void grow() {
    long[] old = slots;
    slots = new long[2 * old.length];
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int i = spread((int) (slot >>> 32)) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  private void giveUp() {
    complete = false;
    slots = null;
    texts = null;
    starts = null;
    sums = null;
    ipv4 = null;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    writeTo(out);
  }

  private void readObject(ObjectInputStream in) throws IOException {
    readFrom(in);
  }

  /**
   * The entries alone, not the tables around them (at most half full, and sized for growth): a task's totals
   * travel to the driver at about 24 bytes an IPv4 address instead of the table's 48 to 96, 1.2 instead of 3.1 MB
   * on a split of the comparison capture.
   */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(limit);
    out.writeBoolean(complete);
    if (!complete) {
      return;
    }
    out.writeInt(ipv4Count);
    for (int at = 0; at < ipv4.length; at += 3) {
      if (ipv4[at] != 0) {
        out.writeLong(ipv4[at] - 1);
        out.writeLong(ipv4[at + 1]);
        out.writeLong(ipv4[at + 2]);
      }
    }
    out.writeInt(count);
    for (int entry = 0; entry < count; entry++) {
      out.writeInt(starts[entry + 1] - starts[entry]);
      out.write(texts, starts[entry], starts[entry + 1] - starts[entry]);
      out.writeLong(sums[2 * entry]);
      out.writeLong(sums[2 * entry + 1]);
    }
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    limit = in.readInt();
    emptyTables();
    if (!in.readBoolean()) {
      giveUp();
      return;
    }
    int ipv4Entries = entries(in.readInt());
    for (int i = 0; i < ipv4Entries; i++) {
      long value = in.readLong();
      if (value < 0 || value > 0xFFFFFFFFL) {
        throw new InvalidObjectException("an IPv4 address of " + value);
      }
      addIpv4(value, in.readLong(), in.readLong());
    }
    int textEntries = entries(in.readInt());
    for (int i = 0; i < textEntries; i++) {
      int length = in.readInt();
      if (length < 0) {
        throw new InvalidObjectException("an address text of " + length + " bytes");
      }
      byte[] text = new byte[length];
      in.readFully(text);
      int entry = entryOf(text, Platform.BYTE_ARRAY_OFFSET, length, UTF8String.fromBytes(text).hashCode());
      sums[2 * entry] = in.readLong();
      sums[2 * entry + 1] = in.readLong();
    }
    if (count + ipv4Count != ipv4Entries + textEntries) {
      throw new InvalidObjectException("an address sent twice");
    }
  }

  /** A count of entries read back, which the limit bounds. */
  private int entries(int entries) throws InvalidObjectException {
    if (entries < 0 || count + ipv4Count + entries > limit) {
      throw new InvalidObjectException(entries + " addresses past the limit of " + limit);
    }
    return entries;
  }

  /** The hash's bits mixed so that the low ones, which pick the slot, depend on all of them. */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
