package org.nexusflowmeter.jobs.report.html;

import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The log-scale bins of the two distributions. Durations go by decades of seconds, with a bin of their own for
 * zero (one-packet flows and packets sharing a timestamp). Sizes go by powers of two of bytes. Bins are found by
 * comparisons and bit lengths, not by logarithms, so a value on an edge (exactly 1 ms, exactly 1 KiB) always
 * lands in the bin that starts there.
 */
final class LogBins {
  /** The duration bin of zero seconds. */
  static final int ZERO_DURATION = Integer.MIN_VALUE;
  /** The first decade: (0, 10 µs) all land here. */
  static final int MIN_DECADE = -6;
  /** The last decade: 10^5 s (a bit over a day) and longer all land here. */
  static final int MAX_DECADE = 5;

  private static final String[] SUPERSCRIPTS = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶"};

  private LogBins() {}

  /** The decade k of a duration in seconds: 10^k ≤ d &lt; 10^(k+1), clamped to the first and last decade. */
  static Column durationDecade(Column seconds) {
    Column bin = when(seconds.equalTo(0), lit(ZERO_DURATION));
    for (int k = MIN_DECADE; k < MAX_DECADE; k++) {
      bin = bin.when(seconds.lt(decadeStart(k + 1)), lit(k));
    }
    return bin.otherwise(lit(MAX_DECADE));
  }

  /** 10^k as the double a literal would be, so edges compare exactly as written. */
  static double decadeStart(int k) {
    return Double.parseDouble("1e" + k);
  }

  /** The power k of two with 2^k ≤ bytes &lt; 2^(k+1), from the length of the binary text (0 for 0 and 1). */
  static Column sizeExponent(Column bytes) {
    return greatest(length(functions.bin(bytes)).minus(1), lit(0));
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
