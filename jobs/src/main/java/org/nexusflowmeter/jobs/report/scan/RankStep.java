package org.nexusflowmeter.jobs.report.scan;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One pass's look at the durations for {@link MedianSearch}: the values whose sortable key falls in
 * [{@code low}, {@code high}] (unsigned), either counted in at most 2^16 buckets of equal width (with each
 * bucket's least and greatest key) or, when the search knows few values fall there, kept. Memory is the bucket
 * arrays or at most that known number of keys, taken on the first value, so the step the driver plans travels
 * to the executors as three numbers; counted buckets travel back as the non-empty ones only.
 */
final class RankStep implements Serializable, DataSerializable {
  private static final long serialVersionUID = 1L;
  static final int BUCKET_BITS = 16;

  // not final: both serializations (Java's and Kryo's, whichever the session uses for task results) read them
  // back in into an instance made without the constructor
  long low;
  long high;
  /** log2 of the bucket width; -1 when the step keeps the keys. */
  int shift;
  private transient long[] counts;
  private transient long[] least;
  private transient long[] greatest;
  private transient long[] keys;
  private transient int kept;

  private RankStep(long low, long high, int shift) {
    this.low = low;
    this.high = high;
    this.shift = shift;
  }

  /** Counts the keys of [low, high] in buckets as narrow as 2^16 of them allow. */
  static RankStep counting(long low, long high) {
    return new RankStep(low, high, Math.max(0, Long.SIZE - Long.numberOfLeadingZeros(high - low) - BUCKET_BITS));
  }

  /** Keeps the keys of [low, high]. */
  static RankStep keeping(long low, long high) {
    return new RankStep(low, high, -1);
  }

  /** The same step with nothing seen yet: what each partition starts from. */
  RankStep empty() {
    return new RankStep(low, high, shift);
  }

  boolean keepsKeys() {
    return shift < 0;
  }

  void add(double value) {
    long key = key(value);
    if (Long.compareUnsigned(key, low) < 0 || Long.compareUnsigned(key, high) > 0) {
      return;
    }
    if (keepsKeys()) {
      keep(key);
    } else {
      count((int) ((key - low) >>> shift), 1, key, key);
    }
  }

  void merge(RankStep other) {
    if (keepsKeys()) {
      if (other.kept > 0) {
        keys = keys == null ? new long[other.kept] : Arrays.copyOf(keys, Math.max(keys.length, kept + other.kept));
        System.arraycopy(other.keys, 0, keys, kept, other.kept);
        kept += other.kept;
      }
    } else if (other.counts != null) {
      for (int b = 0; b < other.counts.length; b++) {
        if (other.counts[b] > 0) {
          count(b, other.counts[b], other.least[b], other.greatest[b]);
        }
      }
    }
  }

  /** Keys per bucket; bucket i holds [low + i·2^shift, low + (i+1)·2^shift). */
  long[] counts() {
    if (counts == null) {
      int buckets = (int) ((high - low) >>> shift) + 1;
      counts = new long[buckets];
      least = new long[buckets];
      greatest = new long[buckets];
    }
    return counts;
  }

  /** The least key of a non-empty bucket. */
  long least(int bucket) {
    return least[bucket];
  }

  /** The greatest key of a non-empty bucket. */
  long greatest(int bucket) {
    return greatest[bucket];
  }

  /** The kept keys in order. */
  long[] sortedKeys() {
    long[] sorted = keys == null ? new long[0] : Arrays.copyOf(keys, kept);
    // unsigned order: flipping the top bit makes it signed order
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] ^= Long.MIN_VALUE;
    }
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] ^= Long.MIN_VALUE;
    }
    return sorted;
  }

  private void keep(long key) {
    if (keys == null || kept == keys.length) {
      keys = keys == null ? new long[64] : Arrays.copyOf(keys, kept * 2);
    }
    keys[kept++] = key;
  }

  private void count(int bucket, long count, long leastKey, long greatestKey) {
    long[] sums = counts();
    if (sums[bucket] == 0 || Long.compareUnsigned(leastKey, least[bucket]) < 0) {
      least[bucket] = leastKey;
    }
    if (sums[bucket] == 0 || Long.compareUnsigned(greatestKey, greatest[bucket]) > 0) {
      greatest[bucket] = greatestKey;
    }
    sums[bucket] += count;
  }

  /**
   * A key whose unsigned order is the order Spark sorts doubles in: numeric, -0.0 as 0.0, NaN (one NaN) last.
   */
  static long key(double value) {
    long bits = Double.doubleToLongBits(value == 0 ? 0.0 : value);
    return bits < 0 ? ~bits : bits | Long.MIN_VALUE;
  }

  static double value(long key) {
    return Double.longBitsToDouble(key < 0 ? key & Long.MAX_VALUE : ~key);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    writeTo(out);
  }

  private void readObject(ObjectInputStream in) throws IOException {
    readFrom(in);
  }

  /** The range, then the non-empty buckets only (durations crowd a few hundred of the 2^16), or the kept keys. */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(low);
    out.writeLong(high);
    out.writeInt(shift);
    if (keepsKeys()) {
      out.writeInt(kept);
      for (int i = 0; i < kept; i++) {
        out.writeLong(keys[i]);
      }
      return;
    }
    int used = 0;
    for (int b = 0; counts != null && b < counts.length; b++) {
      used += counts[b] > 0 ? 1 : 0;
    }
    out.writeInt(used);
    for (int b = 0; used > 0 && b < counts.length; b++) {
      if (counts[b] > 0) {
        out.writeInt(b);
        out.writeLong(counts[b]);
        out.writeLong(least[b]);
        out.writeLong(greatest[b]);
      }
    }
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    low = in.readLong();
    high = in.readLong();
    shift = in.readInt();
    int entries = in.readInt();
    for (int i = 0; i < entries; i++) {
      if (keepsKeys()) {
        keep(in.readLong());
        continue;
      }
      int bucket = in.readInt();
      if (bucket < 0 || bucket >= counts().length) {
        throw new InvalidObjectException("bucket " + bucket + " of " + counts().length);
      }
      long count = in.readLong();
      long leastKey = in.readLong();
      count(bucket, count, leastKey, in.readLong());
    }
  }
}
