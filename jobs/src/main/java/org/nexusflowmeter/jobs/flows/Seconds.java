package org.nexusflowmeter.jobs.flows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Command-line seconds ("60", "0.5") as a Duration, exact to the nanosecond. */
public final class Seconds {
  /** Beyond this a Duration in nanoseconds (a long) overflows. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(9);

  private Seconds() {}

  public static Duration parse(String option, String text) {
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes seconds, not '" + text + "'");
    }
    if (seconds.signum() < 0) {
      throw new IllegalArgumentException(option + " must not be negative: " + text);
    }
    if (seconds.compareTo(MAX_SECONDS) > 0) {
      throw new IllegalArgumentException(option + " is too large: " + text);
    }
    return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }
}
