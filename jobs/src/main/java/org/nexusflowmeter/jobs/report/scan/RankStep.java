package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One pass's look at the durations for {@link MedianSearch}: the values whose sortable key falls in
 * [{@code low}, {@code high}] (unsigned), either counted in at most 2^16 buckets of equal width or, when the
 * search knows few values fall there, kept. Memory is the bucket array or at most that known number of keys,
 * taken on the first value, so the step the driver plans travels to the executors as three numbers.
 */
final class RankStep implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int BUCKET_BITS = 16;

  final long low;
  final long high;
  /** log2 of the bucket width; -1 when the step keeps the keys. */
  final int shift;
  private long[] counts;
  private long[] keys;
  private int kept;

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
      if (keys == null || kept == keys.length) {
        keys = keys == null ? new long[64] : Arrays.copyOf(keys, kept * 2);
      }
      keys[kept++] = key;
    } else {
      counts()[(int) ((key - low) >>> shift)]++;
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
      long[] sums = counts();
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other.counts[i];
      }
    }
  }

  /** Keys per bucket; bucket i holds [low + i·2^shift, low + (i+1)·2^shift). */
  long[] counts() {
    if (counts == null) {
      counts = new long[(int) ((high - low) >>> shift) + 1];
    }
    return counts;
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
}
