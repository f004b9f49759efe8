package org.nexusflowmeter.jobs.report.html;

/**
 * The width of the time buckets of the traffic-over-time charts: the smallest round width (1-2-5 steps below a
 * minute, clock steps above) that cuts the capture into at most {@link #MAX_BUCKETS} buckets. Buckets start on
 * multiples of their width since the epoch, so bucket edges fall on round clock times.
 */
public final class TimeBuckets {
  static final int MAX_BUCKETS = 100;

  private static final long MS = 1_000L;
  private static final long SECOND = 1_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long[] ROUND_WIDTHS = {
      MS, 2 * MS, 5 * MS, 10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS, 500 * MS,
      SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
      MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
      HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY};

  private TimeBuckets() {}

  /** The bucket width in microseconds for packets from {@code firstMicros} to {@code lastMicros}. */
  public static long width(long firstMicros, long lastMicros) {
    for (long width : ROUND_WIDTHS) {
      if (count(firstMicros, lastMicros, width) <= MAX_BUCKETS) {
        return width;
      }
    }
    // Captures spanning years (often a clock that was never set): whole weeks, as many as it takes.
    long weeks = 7 * DAY;
    long width = weeks * ((lastMicros - firstMicros) / (weeks * (MAX_BUCKETS - 1)) + 1);
    while (count(firstMicros, lastMicros, width) > MAX_BUCKETS) {
      width += weeks;
    }
    return width;
  }

  /** The start of the first bucket: {@code firstMicros} rounded down to a multiple of {@code width}. */
  public static long origin(long firstMicros, long width) {
    return Math.floorDiv(firstMicros, width) * width;
  }

  /** How many buckets of {@code width} it takes to hold the last microsecond. */
  public static long count(long firstMicros, long lastMicros, long width) {
    long origin = origin(firstMicros, width);
    return Math.floorDiv(lastMicros - origin, width) + 1;
  }
}
