package org.nexusflowmeter.jobs.report.scan;

/**
 * The exact median of a double column as Spark's {@code median} gives it ({@code percentile(x, 0.5)}: sort the
 * values, position p = (n - 1) · 0.5, interpolate between the values at ranks floor(p) and ceil(p)), without
 * holding every value. Each pass narrows the range of sortable keys that holds both ranks: the first counts all
 * keys in 2^16 buckets (it rides along the table's one summary pass), the next keeps the keys of the narrowed
 * range once at most {@link #KEPT_AT_MOST} fall there, else counts it again in finer buckets. Typically two
 * passes; at most five, since each counting pass resolves 16 of the key's 64 bits.
 */
final class MedianSearch {
  /** The most keys a keeping pass gathers on the driver (2 MiB). */
  static final int KEPT_AT_MOST = 1 << 18;

  private final long lowerRank;
  private final long higherRank;
  private final double position;
  /** Values whose key is below the current range. */
  private long below;
  private boolean found;
  private long lowerKey;
  private long higherKey;

  /** For {@code count} values, count &gt; 0. */
  MedianSearch(long count) {
    this.position = (count - 1) * 0.5;
    this.lowerRank = (long) Math.floor(position);
    this.higherRank = (long) Math.ceil(position);
  }

  /** The first pass: every key, in 2^16 buckets. */
  static RankStep first() {
    return RankStep.counting(0, -1L);
  }

  /** The next pass after {@code done} (the merged result of the last one), or null when the median is known. */
  RankStep next(RankStep done) {
    if (done.keepsKeys()) {
      long[] keys = done.sortedKeys();
      return found(keys[(int) (lowerRank - below)], keys[(int) (higherRank - below)]);
    }
    long[] counts = done.counts();
    long seen = below;
    int lowerBucket = -1;
    int higherBucket = -1;
    long lowerBelow = 0;
    for (int b = 0; b < counts.length && higherBucket < 0; b++) {
      long next = seen + counts[b];
      if (lowerBucket < 0 && next > lowerRank) {
        lowerBucket = b;
        lowerBelow = seen;
      }
      if (next > higherRank) {
        higherBucket = b;
      }
      seen = next;
    }
    long low = done.low + ((long) lowerBucket << done.shift);
    if (done.shift == 0) {
      return found(low, done.low + higherBucket);
    }
    long higherStart = done.low + ((long) higherBucket << done.shift);
    long width = (1L << done.shift) - 1;
    long high = Long.compareUnsigned(width, done.high - higherStart) < 0 ? higherStart + width : done.high;
    // the ranks are neighbours: no key lies between their two buckets
    long inRange = counts[lowerBucket] + (higherBucket == lowerBucket ? 0 : counts[higherBucket]);
    below = lowerBelow;
    return inRange <= KEPT_AT_MOST ? RankStep.keeping(low, high) : RankStep.counting(low, high);
  }

  /** The median, once {@link #next} returned null. */
  double median() {
    if (!found) {
      throw new IllegalStateException("median not found yet");
    }
    double lower = RankStep.value(lowerKey);
    if (higherRank == lowerRank || higherKey == lowerKey) {
      return lower;
    }
    return (higherRank - position) * lower + (position - lowerRank) * RankStep.value(higherKey);
  }

  private RankStep found(long lower, long higher) {
    lowerKey = lower;
    higherKey = higher;
    found = true;
    return null;
  }
}
