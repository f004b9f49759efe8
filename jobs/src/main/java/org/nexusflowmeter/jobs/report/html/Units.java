package org.nexusflowmeter.jobs.report.html;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, sizes, durations and times read on the page: the same whatever the machine's locale. */
final class Units {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final String[] SI_PREFIXES = {"", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_BYTES = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Units() {}

  /** 1234567 → "1,234,567". */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** "1 flow", "3 flows": a count with its noun, grouped digits. */
  static String count(long value, String singular) {
    return count(value) + " " + (value == 1 ? singular : singular + "s");
  }

  /** A decimal with {@code digits} places, no grouping: for SVG coordinates and data attributes. */
  static String fixed(double value, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  /** 1234567 → "1.23 M": counts and rates on axes and labels, SI prefixes, three significant digits. */
  static String si(double value) {
    return si(value, "");
  }

  /** 1234567 → "1.23 MB", 0 → "0 B" (decimal units, as Wireshark's statistics). */
  static String bytes(double value) {
    return si(value, "B");
  }

  private static String si(double value, String unit) {
    double magnitude = Math.abs(value);
    int prefix = 0;
    while (magnitude >= 999.5 && prefix < SI_PREFIXES.length - 1) {
      magnitude /= 1000;
      prefix++;
    }
    String smallPrefix = "";
    if (magnitude > 0 && magnitude < 0.01) {
      // Two decimals would show 0.004 as "0.00": "4.00 m" instead.
      magnitude *= 1000;
      smallPrefix = "m";
    }
    String number = threeSignificant(Math.copySign(magnitude, value));
    String units = smallPrefix + SI_PREFIXES[prefix] + unit;
    return units.isEmpty() ? number : number + " " + units;
  }

  /** An exact power of two in binary units: 1024 → "1 KiB", 64 → "64 B". */
  static String powerOfTwoBytes(int exponent) {
    int unit = Math.min(exponent / 10, BINARY_BYTES.length - 1);
    return (1L << (exponent - 10 * unit)) + " " + BINARY_BYTES[unit];
  }

  /** A duration in seconds as people say it: "850 µs", "12.5 ms", "3.20 s", "4 min 12 s", "2 h 05 min". */
  static String duration(double seconds) {
    if (seconds == 0) {
      return "0 s";
    }
    if (seconds < 1e-3) {
      return threeSignificant(seconds * 1e6) + " µs";
    }
    if (seconds < 1) {
      return threeSignificant(seconds * 1e3) + " ms";
    }
    if (seconds < 60) {
      return threeSignificant(seconds) + " s";
    }
    // Rounded to the smaller unit shown, so 27.8 h reads "1 d 04 h".
    if (seconds < 3600) {
      long whole = Math.round(seconds);
      return whole / 60 + " min " + String.format(Locale.ROOT, "%02d", whole % 60) + " s";
    }
    if (seconds < 86400) {
      long minutes = Math.round(seconds / 60);
      return minutes / 60 + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min";
    }
    long hours = Math.round(seconds / 3600);
    return hours / 24 + " d " + String.format(Locale.ROOT, "%02d", hours % 24) + " h";
  }

  /** Epoch microseconds as "2026-11-26 23:15:04.123 UTC". */
  static String dateTime(long epochMicros) {
    return DATE_TIME.format(instant(epochMicros));
  }

  static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(Math.floorDiv(epochMicros, MICROS_PER_SECOND),
        Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1000L);
  }

  /** 0.4567 → "45.7 %". */
  static String percent(double fraction) {
    return threeSignificant(fraction * 100) + " %";
  }

  private static String threeSignificant(double value) {
    double magnitude = Math.abs(value);
    // 1e-5 s in µs is 10.000000000000002: within rounding noise of a whole number, write it whole.
    boolean whole = Math.abs(value - Math.rint(value)) <= 1e-9 * Math.max(1, magnitude);
    if (magnitude >= 99.95 || whole) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, magnitude >= 9.995 ? "%.1f" : "%.2f", value);
  }
}
