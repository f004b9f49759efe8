package org.nexusflowmeter.jobs.report.html;

/**
 * The log-scale bins of the two distributions. Durations go by decades of seconds, with a bin of their own for
 * zero (one-packet flows and packets sharing a timestamp). Sizes go by powers of two of bytes. Bins are found by
 * comparisons and bit lengths, not by logarithms, so a value on an edge (exactly 1 ms, exactly 1 KiB) always
 * lands in the bin that starts there.
 */
public final class LogBins {
  /** The duration bin of zero seconds. */
  public static final int ZERO_DURATION = Integer.MIN_VALUE;
  /** The first decade: (0, 10 µs) all land here. */
  public static final int MIN_DECADE = -6;
  /** The last decade: 10^5 s (a bit over a day) and longer all land here. */
  public static final int MAX_DECADE = 5;

  /** 10^k for k from MIN_DECADE to MAX_DECADE, parsed once. */
  private static final double[] DECADE_STARTS = new double[MAX_DECADE - MIN_DECADE + 1];

  static {
    for (int k = MIN_DECADE; k <= MAX_DECADE; k++) {
      DECADE_STARTS[k - MIN_DECADE] = decadeStart(k);
    }
  }

  private static final String[] SUPERSCRIPTS = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶"};

  private LogBins() {}

  /**
   * The decade k of a duration in seconds: 10^k ≤ d &lt; 10^(k+1), clamped to the first and last decade. Compared
   * as Spark SQL compares doubles (NaN above everything), as the report's SQL once did.
   */
  public static int durationDecade(double seconds) {
    if (seconds == 0) {
      return ZERO_DURATION;
    }
    for (int k = MIN_DECADE; k < MAX_DECADE; k++) {
      if (seconds < DECADE_STARTS[k + 1 - MIN_DECADE]) {
        return k;
      }
    }
    return MAX_DECADE;
  }

  /** 10^k as the double a literal would be, so edges compare exactly as written. */
  static double decadeStart(int k) {
    return Double.parseDouble("1e" + k);
  }

  /** The power k of two with 2^k ≤ bytes &lt; 2^(k+1) (0 for 0 and 1; 63 for a negative count, as SQL's bin did). */
  public static int sizeExponent(long bytes) {
    return bytes == 0 ? 0 : Long.SIZE - 1 - Long.numberOfLeadingZeros(bytes);
  }

  /** The label of a duration bin's lower edge: "&gt; 0", "1 ms", "10 s", "1000 s", "10⁵ s". */
  static String decadeEdgeLabel(int k) {
    if (k <= MIN_DECADE) {
      return "> 0";
    }
    if (k > MAX_DECADE) {
      return "∞";
    }
    if (k < 2) {
      return Units.duration(decadeStart(k));
    }
    // Seconds from 100 s on: "16 min 40 s" would not fit under a column, and decades read better.
    return k < 4 ? (long) decadeStart(k) + " s" : "10" + SUPERSCRIPTS[k] + " s";
  }

  /** What a duration bin holds, for tooltips: "1 ms ≤ d < 10 ms". */
  static String decadeRange(int k) {
    if (k == ZERO_DURATION) {
      return "duration 0 s";
    }
    String upper = k >= MAX_DECADE ? "" : " < " + Units.duration(decadeStart(k + 1));
    String lower = k <= MIN_DECADE ? "0 s < d" : Units.duration(decadeStart(k)) + " ≤ d";
    return lower + upper;
  }

  /** What a size bin holds, for tooltips: "1 KiB ≤ size < 2 KiB". */
  static String sizeRange(int k) {
    return (k == 0 ? "0 B" : Units.powerOfTwoBytes(k)) + " ≤ size < " + Units.powerOfTwoBytes(k + 1);
  }
}
