package org.nexusflowmeter.jobs.report.scan;

/**
 * The exact median of a double column as Spark's {@code median} gives it ({@code percentile(x, 0.5)}: sort the
 * values, position p = (n - 1) · 0.5, interpolate between the values at ranks floor(p) and ceil(p)), without
 * holding every value. The first pass counts all keys in 2^16 buckets, with each bucket's least and greatest key
 * (it rides along the table's one summary pass). If the two middle ranks fall in different buckets, or in one
 * whose keys are all equal, the median is known. Else the next pass keeps that bucket's keys if at most
 * {@link #KEPT_AT_MOST} fall there, or counts it again in finer buckets. Typically two passes; at most five,
 * since each counting pass resolves 16 of the key's 64 bits.
 */
final class MedianSearch {
  /** The most keys a keeping pass gathers on the driver (2 MiB). */
  static final int KEPT_AT_MOST = 1 << 18;

  private final int keptAtMost;
  private final long lowerRank;
  private final long higherRank;
  private final double position;
  /** Values whose key is below the current range. */
  private long below;
  private boolean found;
  private long lowerKey;
  private long higherKey;

  /** For {@code count} values, count &gt; 0; a keeping pass gathers at most {@code keptAtMost} keys. */
  MedianSearch(long count, int keptAtMost) {
    this.keptAtMost = keptAtMost;
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
    if (lowerBucket != higherBucket) {
      // neighbouring ranks in two buckets: the last key of the one, the first of the other
      return found(done.greatest(lowerBucket), done.least(higherBucket));
    }
    long least = done.least(lowerBucket);
    long greatest = done.greatest(lowerBucket);
    if (least == greatest) {
      return found(least, least);
    }
    below = lowerBelow;
    // the next range is narrower than this bucket, so each counting pass resolves at least 16 bits more
    return counts[lowerBucket] <= keptAtMost ? RankStep.keeping(least, greatest) : RankStep.counting(least, greatest);
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
