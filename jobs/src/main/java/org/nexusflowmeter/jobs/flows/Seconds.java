package org.nexusflowmeter.jobs.flows;

import java.math.BigDecimal;
import java.time.Duration;

/** Command-line seconds ("60", "0.5") as a Duration, exact to the nanosecond. */
final class Seconds {
  private Seconds() {}

  static Duration parse(String option, String text) {
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes seconds, not " + text);
    }
    if (seconds.signum() < 0) {
      throw new IllegalArgumentException(option + " must not be negative: " + text);
    }
    return Duration.ofNanos(seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
  }
}
