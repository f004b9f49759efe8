package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TextBuffer's decimal numbers against Java's: every digit count, both signs, the ends of long, zero padding. */
class TextBufferTest {
  private final TextBuffer buffer = new TextBuffer(16);

  @Test
  void longsAsJavaWritesThem() {
    long power = 1;
    for (int digits = 1; digits <= 19; digits++) {
      for (long v : new long[] {power - 1, power, power + 1, 2 * power - 1, 9 * power, Integer.MAX_VALUE + power}) {
        checkLong(v);
        checkLong(-v);
      }
      power = digits < 19 ? power * 10 : power;
    }
    checkLong(Long.MAX_VALUE);
    checkLong(Long.MIN_VALUE);
    checkLong(Integer.MAX_VALUE);
    checkLong(Integer.MAX_VALUE + 1L);
    SplittableRandom random = new SplittableRandom(28);
    for (int i = 0; i < 100_000; i++) {
      checkLong(random.nextLong() >> random.nextInt(64));
    }
  }

  /** The last width digits, zero-padded, after whatever the buffer held (here a prefix, and another number). */
  @Test
  void digitsOfAWidthZeroPadded() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextLong(Long.MAX_VALUE) >> random.nextInt(63);
      int width = 1 + random.nextInt(19);
      buffer.clear();
      buffer.append('x');
      buffer.appendDigits(v, width);
      String all = String.format("%019d", v);
      assertEquals("x" + all.substring(19 - width), buffer.toString(), v + " in " + width);
    }
  }

  private void checkLong(long v) {
    buffer.clear();
    buffer.appendLong(v);
    assertEquals(Long.toString(v), buffer.toString());
  }
}
