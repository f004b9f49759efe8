package org.nexusflowmeter.jobs.export;

import java.time.LocalDate;

/**
 * Excel's date-time serial number in its 1900 date system: whole days since 1899-12-30 plus the fraction of the day.
 * Computed here from microseconds rather than with POI's date helpers, which stop at milliseconds: a double near
 * serial 46,000 resolves about 0.6 µs, so the cell keeps the time to within a microsecond even though Excel's number
 * formats show at most three decimals of a second.
 */
final class ExcelSerialTime {
  static final long MICROS_PER_DAY = 86_400_000_000L;
  /** 1970-01-01 is serial 25,569 in the 1900 date system. */
  private static final long UNIX_EPOCH_SERIAL = 25_569;
  /**
   * The first day the serial is right: the 1900 system counts a 1900-02-29 that never existed, so every earlier
   * date would show one day off.
   */
  private static final long FIRST_EPOCH_DAY = LocalDate.of(1900, 3, 1).toEpochDay();
  /** Excel's last date. */
  private static final long LAST_EPOCH_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private ExcelSerialTime() {}

  /** Whether Excel can show this day as a date, and show it correctly. */
  static boolean representable(long epochDay) {
    return epochDay >= FIRST_EPOCH_DAY && epochDay <= LAST_EPOCH_DAY;
  }

  /** The serial of a UTC (or zone-less) day and time of day; the day must be {@link #representable}. */
  static double of(long epochDay, long microsOfDay) {
    return (UNIX_EPOCH_SERIAL + epochDay) + microsOfDay / (double) MICROS_PER_DAY;
  }
}
