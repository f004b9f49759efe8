package org.nexusflowmeter.jobs.flows;

/**
 * {@link Double#toString(double)}'s text of a double, the text Spark's CSV and JSON writers give, without a String
 * for the values a flow table mostly holds: every value of plain notation (0.001 <= |v| < 10^7: durations, times,
 * sizes, rates, means and ratios) is written from its digits directly. Every other value goes to
 * {@code Double.toString}.
 *
 * <p>For such a value Java writes plain decimal notation with as few significant digits as tell v apart from its
 * neighbouring doubles (the shortest decimal that reads back as v), and of those decimals the one nearest to v (its
 * javadoc, since JDK 19; JDK 17's own conversion gives the same text for every plain-notation double we have
 * compared, tens of millions of them, and differs only for some of 17 digits above 10^16).
 * <ul>
 *   <li>Up to 15 significant digits, in double arithmetic: take k fraction digits such that |v| * 10^k < 10^15.
 *       Decimals of k fraction digits are then at least four ulps of v apart, so at most one of them reads back as
 *       v, and the product |v| * 10^k, exact to a tenth, rounds to it when it exists. If it does, its trailing
 *       zeros dropped (down to one fraction digit) give the shortest such decimal, since any shorter one would be
 *       the same decimal with zeros appended.</li>
 *   <li>Otherwise 16 digits if the nearest decimal of 16 reads back as v, else the nearest of 17 (17 always do), in
 *       exact integer arithmetic: v = m / 2^q with q below 64 in this range, so v * 10^s is m * 10^s (128 bits)
 *       shifted right by q, with its remainder, and the decimal d / 10^s reads back as v when it is nearer to v than
 *       half an ulp, |d * 2^q - m * 10^s| < 10^s / 2. The cases this leaves to {@code Double.toString} are exact
 *       ties (a decimal halfway between, or exactly half an ulp away) and powers of two, whose lower neighbour is
 *       nearer than the upper one.</li>
 * </ul>
 */
final class DoubleText {
  /** 10^0 .. 10^18 (the doubles exact up to 10^17). */
  private static final double[] POWERS = new double[19];
  private static final long[] LONG_POWERS = new long[19];
  /** 10^19, above Long.MAX_VALUE: the unsigned value of this long. */
  private static final long UNSIGNED_TEN_TO_19 = Long.parseUnsignedLong("10000000000000000000");
  private static final long SIGNIFICAND_MASK = (1L << 52) - 1;
  private static final long HIDDEN_BIT = 1L << 52;
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
        writePlain(out, value < 0, digits, fractionDigits);
        return true;
      }
      if (appendSixteenOrSeventeen(out, value, magnitude, fractionDigits + 1)) {
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

  /**
   * Writes v in plain notation with 16 significant digits, {@code fractionDigits} of them after the point, when
   * the nearest such decimal reads back as v, else with 17; returns false, having written nothing, for the cases
   * left to {@code Double.toString}.
   */
  private static boolean appendSixteenOrSeventeen(TextBuffer out, double value, double magnitude,
      int fractionDigits) {
    long bits = Double.doubleToRawLongBits(magnitude);
    long significand = (bits & SIGNIFICAND_MASK) | HIDDEN_BIT;
    if (significand == HIDDEN_BIT) {
      return false;
    }
    // magnitude = significand / 2^shift, with 29 <= shift <= 62 in plain notation's range
    int shift = 1075 - (int) (bits >>> 52);
    long half = 1L << (shift - 1);
    for (int s = fractionDigits; s <= fractionDigits + 1; s++) {
      long power = s == 19 ? UNSIGNED_TEN_TO_19 : LONG_POWERS[s];
      // significand * 10^s in 128 bits (power unsigned), then its quotient and remainder by 2^shift
      long low = significand * power;
      long high = Math.multiplyHigh(significand, power) + (power < 0 ? significand : 0);
      long quotient = high << (64 - shift) | low >>> shift;
      long remainder = low & (2 * half - 1);
      if (remainder == half) {
        return false;
      }
      long digits = remainder < half ? quotient : quotient + 1;
      long distance = remainder < half ? remainder : 2 * half - remainder;
      boolean sixteen = s == fractionDigits;
      long least = sixteen ? LONG_POWERS[15] : LONG_POWERS[16];
      if (digits < least || digits >= 10 * least) {
        return false;
      }
      // the decimal is |digits * 2^shift - significand * 10^s| / (10^s * 2^shift) from v; half an ulp is
      // 1 / 2^(shift + 1): it reads back as v when 2 * distance < 10^s (power is signed up to 10^18)
      if (sixteen && 2 * distance >= power) {
        if (2 * distance == power) {
          return false;
        }
        continue;
      }
      writePlain(out, value < 0, digits, s);
      return true;
    }
    return false;
  }

  /** digits / 10^fractionDigits, its trailing zeros dropped down to one fraction digit. */
  private static void writePlain(TextBuffer out, boolean negative, long digits, int fractionDigits) {
    long integer = fractionDigits >= LONG_POWERS.length ? 0 : digits / LONG_POWERS[fractionDigits];
    long fraction = fractionDigits >= LONG_POWERS.length ? digits : digits % LONG_POWERS[fractionDigits];
    while (fractionDigits > 1 && fraction % 10 == 0) {
      fraction /= 10;
      fractionDigits--;
    }
    if (negative) {
      out.append('-');
    }
    out.appendLong(integer);
    out.append('.');
    out.appendDigits(fraction, fractionDigits);
  }
}
