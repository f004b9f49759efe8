package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** if_tsresol conversions, against values worked out by hand. */
class TimestampUnitsTest {
  @Test
  void powersOfTen() {
    assertEquals(1_700_000_000_123_456_000L, TimestampUnits.toNanos(1_700_000_000_123_456L, 6));
    assertEquals(1_700_000_000_123_456_789L, TimestampUnits.toNanos(1_700_000_000_123_456_789L, 9));
    assertEquals(7_000_000_000L, TimestampUnits.toNanos(7, 0));
    assertEquals(1_700_000_000_123_000_000L, TimestampUnits.toNanos(1_700_000_000_123L, 3));
    // picoseconds: divided down, the sub-nanosecond part dropped
    assertEquals(1_234_567_890_123L, TimestampUnits.toNanos(1_234_567_890_123_456L, 12));
    // 10^-19 s: the whole unsigned range is below 2 s
    assertEquals(1L, TimestampUnits.toNanos(-1L, 19) / 1_000_000_000L);
    assertEquals(0L, TimestampUnits.toNanos(-1L, 40));
  }

  @Test
  void powersOfTwo() {
    // 2^-8 s = 3.90625 ms
    assertEquals(3_906_250L, TimestampUnits.toNanos(1, 0x88));
    assertEquals(3 * 1_000_000_000L + 500_000_000L, TimestampUnits.toNanos(3 * 256 + 128, 0x88));
    // 2^-30 s: 1 unit = 0.931322574615... ns, floor
    assertEquals(0L, TimestampUnits.toNanos(1, 0x80 | 30));
    assertEquals(1_000_000_000L + 931_322_574L, TimestampUnits.toNanos((1L << 30) + 1_000_000_000L, 0x80 | 30));
    // 2^-32 s (NTP-like fraction) with large whole seconds
    long seconds = 1_700_000_000L;
    long half = 1L << 31;
    assertEquals(seconds * 1_000_000_000L + 500_000_000L, TimestampUnits.toNanos((seconds << 32) | half, 0x80 | 32));
    // 2^-64 s: the top bit alone is half a second
    assertEquals(500_000_000L, TimestampUnits.toNanos(Long.MIN_VALUE, 0x80 | 64));
    assertEquals(5_000_000_000L, TimestampUnits.toNanos(5, 0x80));
  }
}
