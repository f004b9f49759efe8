package org.nexusflowmeter.jobs.flows;

/**
 * {@link Double#toString(double)}'s text of a double, the text Spark's CSV and JSON writers give, without a String
 * for the values a flow table mostly holds: durations, times and sizes with at most 15 significant digits (times
 * in microseconds, say), which are written from their digits directly. Every other value goes to
 * {@code Double.toString}.
 *
 * <p>Why the direct digits are Java's: for 0.001 <= |v| < 10^7 Java writes plain decimal notation with as few
 * fraction digits as tell v apart from its neighbouring doubles, at least one (its javadoc). Take k fraction digits
 * such that |v| * 10^k < 10^15. Decimals of k fraction digits are then at least four ulps of v apart, so at most one
 * of them reads back as v, and the product |v| * 10^k, exact to a tenth, rounds to it when it exists. If it does,
 * its trailing zeros dropped (down to one fraction digit) give the shortest such decimal, since any shorter one would
 * be the same decimal with zeros appended. If none does, v needs 16 or 17 significant digits and Java's own
 * conversion writes it.
 */
final class DoubleText {
  /** 10^0 .. 10^17, all exact doubles. */
  private static final double[] POWERS = new double[18];
  private static final long[] LONG_POWERS = new long[18];
  private static final double DIRECT_MAX = 1e15;

  static {
    long power = 1;
    for (int i = 0; i < POWERS.length; i++) {
      LONG_POWERS[i] = power;
      POWERS[i] = power;
      power *= 10;
    }
  }

  private DoubleText() {}

  /**
   * Appends {@code Double.toString(value)}.
   *
   * @return whether it was written from its digits directly (false: by {@code Double.toString})
   */
  static boolean append(TextBuffer out, double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
      // fraction digits that keep magnitude * 10^k below 10^15: 15 less the integer digits, or 15 plus the zeros
      // after the point
      int fractionDigits = 15;
      if (magnitude >= 1) {
        for (int p = 1; p <= 7 && magnitude >= POWERS[p]; p++) {
          fractionDigits--;
        }
        fractionDigits--;
      } else {
        for (int p = 1; p <= 2 && magnitude < 1 / POWERS[p]; p++) {
          fractionDigits++;
        }
      }
      long digits = Math.round(magnitude * POWERS[fractionDigits]);
      if (digits < DIRECT_MAX && digits / POWERS[fractionDigits] == magnitude) {
        while (fractionDigits > 1 && digits % 10 == 0) {
          digits /= 10;
          fractionDigits--;
        }
        if (value < 0) {
          out.append('-');
        }
        out.appendLong(digits / LONG_POWERS[fractionDigits]);
        out.append('.');
        out.appendDigits(digits % LONG_POWERS[fractionDigits], fractionDigits);
        return true;
      }
    } else if (value == 0 && Double.doubleToRawLongBits(value) == 0) {
      out.append('0');
      out.append('.');
      out.append('0');
      return true;
    }
    out.appendAscii(Double.toString(value));
    return false;
  }
}
