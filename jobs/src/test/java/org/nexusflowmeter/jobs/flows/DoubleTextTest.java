package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DoubleText} against {@link Double#toString(double)} (what Spark's writers print): values a flow table
 * holds (times in microseconds and milliseconds, rates, means, ratios, whole numbers), decimals of up to 15
 * significant digits and of 16 and 17, random doubles of every magnitude, every binade of plain notation, and the
 * edges (the bounds of plain notation, powers of ten and of two, zeros, infinities, NaN, subnormals).
 */
class DoubleTextTest {
  private final TextBuffer buffer = new TextBuffer(64);
  private int direct;
  private int plain;
  private int sixteenOrMore;

  @Test
  void equalsJavasTextOfEveryDouble() {
    double[] edges = {0.0, -0.0, 1e-3, -1e-3, 0.0009999999999999998, 1e7, 9999999.999999998, 9999999.999999,
        1e-4, 0.1, 0.01, 0.5, 1.0, 10.0, 1e6, 123456.789, 1e15, 1e16, 1e17, 1e22, 1e23, 2.0E-3, 5e-324,
        Double.MIN_NORMAL, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        0.30000000000000004, 1.0 / 3, 2.0 / 3, 100.0 / 7, 2045.541628, 73.842, 199.28267135710425};
    for (double v : edges) {
      check(v);
      check(Math.nextUp(v));
      check(Math.nextDown(v));
    }
    Random random = new Random(2026_11_27L);
    for (int i = 0; i < 100_000; i++) {
      // times and gaps: microseconds as seconds and as milliseconds
      long micros = (long) (random.nextDouble() * Math.pow(10, random.nextInt(13)));
      check(micros / 1e6);
      check(micros / 1e3);
      // decimals of 1 to 17 significant digits, 0 to 17 of them after the point
      long digits = (long) (random.nextDouble() * Math.pow(10, 1 + random.nextInt(17)));
      check(digits / Math.pow(10, random.nextInt(18)));
      // rates, means and ratios
      long count = 1 + random.nextInt(1_000_000);
      check((double) random.nextInt(100_000_000) / count);
      check(count / (micros / 1e6 + 1e-6));
      // any double
      check(Double.longBitsToDouble(random.nextLong()));
      check(-random.nextDouble() * Math.pow(10, random.nextInt(12) - 4));
    }
    assertTrue(direct > 300_000, direct + " written directly");
    assertTrue(sixteenOrMore > 100_000, sixteenOrMore + " of 16 or 17 significant digits");
    assertTrue(plain - direct < 10, (plain - direct) + " of " + plain + " in plain notation left to Java");
  }

  /** Doubles of plain notation spread evenly over their bit patterns, so every binade is there as often. */
  @Test
  void equalsJavasTextAcrossPlainNotation() {
    long least = Double.doubleToRawLongBits(1e-3);
    long most = Double.doubleToRawLongBits(1e7);
    Random random = new Random(20261128L);
    for (int i = 0; i < 1_000_000; i++) {
      double v = Double.longBitsToDouble(least + (long) (random.nextDouble() * (most - least)));
      check(random.nextBoolean() ? v : -v);
    }
    for (int exponent = -10; exponent <= 23; exponent++) {
      double power = Math.scalb(1.0, exponent);
      check(power);
      check(Math.nextUp(power));
      check(Math.nextDown(power));
    }
    assertTrue(plain - direct < 40, (plain - direct) + " of " + plain + " in plain notation left to Java");
  }

  /**
   * Java's text; written directly only in plain notation, which the counts say how often (the exceptions are
   * powers of two and exact ties).
   */
  private void check(double value) {
    buffer.clear();
    boolean written = DoubleText.append(buffer, value);
    String expected = Double.toString(value);
    assertEquals(expected, buffer.toString(), () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(value)));
    boolean isPlain = expected.equals("0.0") || value != 0 && Double.isFinite(value) && !expected.contains("E");
    assertTrue(isPlain || !written, expected);
    plain += isPlain ? 1 : 0;
    direct += written ? 1 : 0;
    String significant = expected.replace("-", "").replace(".", "").replaceFirst("^0+", "").replaceFirst("0$", "");
    sixteenOrMore += written && significant.length() >= 16 ? 1 : 0;
  }
}
