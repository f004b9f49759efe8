package org.nexusflowmeter.pcap.format;

/**
 * Converts pcapng timestamps, counted in an interface's if_tsresol units, to nanoseconds exactly (the
 * fraction of a nanosecond is dropped). if_tsresol: high bit clear = 10^-v s, high bit set = 2^-v s.
 */
final class TimestampUnits {
  /** if_tsresol when the option is absent: microseconds. */
  static final int DEFAULT_TSRESOL = 6;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private TimestampUnits() {}

  /** ts (unsigned 64-bit) in units given by the if_tsresol byte, as nanoseconds. */
  static long toNanos(long ts, int tsresol) {
    int exponent = tsresol & 0x7F;
    if ((tsresol & 0x80) == 0) {
      if (exponent <= 9) {
        return ts * POWERS_OF_TEN[9 - exponent];
      }
      int down = exponent - 9;
      if (down < POWERS_OF_TEN.length) {
        return Long.divideUnsigned(ts, POWERS_OF_TEN[down]);
      }
      // 10^19 still fits unsigned; anything beyond exceeds every 64-bit count
      return down == 19 ? Long.divideUnsigned(ts, -8_446_744_073_709_551_616L) : 0;
    }
    long whole = exponent >= 64 ? 0 : ts >>> exponent;
    long fraction = exponent >= 64 ? ts : ts & ((1L << exponent) - 1);
    return whole * NANOS_PER_SECOND + shiftRight128(unsignedMultiplyHigh(fraction, NANOS_PER_SECOND),
        fraction * NANOS_PER_SECOND, exponent);
  }

  /** High 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrived only in Java 18). */
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** (high:low) >>> shift for 0 <= shift < 128, where the result is known to fit 64 bits. */
  private static long shiftRight128(long high, long low, int shift) {
    if (shift == 0) {
      return low;
    }
    if (shift < 64) {
      return (high << (64 - shift)) | (low >>> shift);
    }
    return high >>> (shift - 64);
  }
}
