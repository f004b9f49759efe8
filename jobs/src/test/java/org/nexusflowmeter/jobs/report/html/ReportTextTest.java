package org.nexusflowmeter.jobs.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.jobs.report.html.ReportData.Category;

/** The report's driver-side rules without Spark: bucket widths, escaping, and how values read. */
class ReportTextTest {
  private static final long SECOND = 1_000_000L;
  private static final long DAY = 86_400 * SECOND;

  @Test
  void bucketWidthIsTheSmallestRoundWidthGivingAtMostOneHundredBuckets() {
    long t0 = 1_795_735_245 * SECOND;
    assertEquals(1_000, TimeBuckets.width(t0, t0));
    assertEquals(1_000, TimeBuckets.width(t0, t0 + 99_999));
    // 100 ms from a whole second: 101 buckets of 1 ms, 51 of 2 ms
    assertEquals(2_000, TimeBuckets.width(t0, t0 + 100_000));
    assertEquals(SECOND, TimeBuckets.width(t0, t0 + 99 * SECOND));
    assertEquals(2 * SECOND, TimeBuckets.width(t0, t0 + 100 * SECOND));
    assertEquals(15 * SECOND, TimeBuckets.width(t0, t0 + 1_400 * SECOND));
    assertEquals(DAY, TimeBuckets.width(0, 99 * DAY));
  }

  @Test
  void bucketsOfCapturesSpanningYearsAreWholeWeeks() {
    long last = 30L * 365 * DAY;
    long width = TimeBuckets.width(0, last);
    assertEquals(0, width % (7 * DAY));
    assertTrue(TimeBuckets.count(0, last, width) <= TimeBuckets.MAX_BUCKETS);
    assertTrue(TimeBuckets.count(0, last, width - 7 * DAY) > TimeBuckets.MAX_BUCKETS);
  }

  @Test
  void originIsTheFirstTimeRoundedDownToTheWidthEvenBeforeTheEpoch() {
    assertEquals(-2 * SECOND, TimeBuckets.origin(-1, 2 * SECOND));
    assertEquals(4 * SECOND, TimeBuckets.origin(5 * SECOND, 2 * SECOND));
  }

  @Test
  void escapingCoversMarkupQuotesAndControlCharacters() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;",
        Html.escape("<a href=\"x\">O'Neil & co</a>"));
    assertEquals("tab\there \uFFFD", Html.escape("tab\there \u0001"));
  }

  @Test
  void valuesReadTheSameInAnyLocale() {
    assertEquals("1,234,567", Units.count(1_234_567));
    assertEquals("1 flow", Units.count(1, "flow"));
    assertEquals("0 B", Units.bytes(0));
    assertEquals("999 B", Units.bytes(999));
    assertEquals("1.00 kB", Units.bytes(999.6));
    assertEquals("14.2 kB", Units.bytes(14_186));
    assertEquals("0.50", Units.si(0.5));
    assertEquals("4 m", Units.si(0.004));
    assertEquals("2.50 m", Units.si(0.0025));
    assertEquals("1 KiB", Units.powerOfTwoBytes(10));
    assertEquals("64 B", Units.powerOfTwoBytes(6));
    assertEquals("10 µs", Units.duration(1e-5));
    assertEquals("270 ms", Units.duration(0.27));
    assertEquals("2 min 05 s", Units.duration(125));
    assertEquals("1 d 04 h", Units.duration(1e5));
    assertEquals("2026-11-26 23:20:45.000 UTC", Units.dateTime(1_795_735_245 * SECOND));
  }

  @Test
  void durationDecadeEdgesAreLabelledOnTheAxisAndDescribedInTooltips() {
    assertEquals("> 0", LogBins.decadeEdgeLabel(LogBins.MIN_DECADE));
    assertEquals("1 ms", LogBins.decadeEdgeLabel(-3));
    assertEquals("10 s", LogBins.decadeEdgeLabel(1));
    assertEquals("1000 s", LogBins.decadeEdgeLabel(3));
    assertEquals("10⁵ s", LogBins.decadeEdgeLabel(LogBins.MAX_DECADE));
    assertEquals("∞", LogBins.decadeEdgeLabel(LogBins.MAX_DECADE + 1));
    assertEquals("1 ms ≤ d < 10 ms", LogBins.decadeRange(-3));
    assertEquals("0 s < d < 10 µs", LogBins.decadeRange(LogBins.MIN_DECADE));
    assertEquals("1 KiB ≤ size < 2 KiB", LogBins.sizeRange(10));
  }

  @Test
  void protocolsBeyondThePaletteAreDrawnAsOneOtherSegment() {
    List<Category> protocols = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      protocols.add(new Category("P" + i, 90 - i, 1000 + i, 100_000 + i));
    }
    String svg = ProtocolMixChart.svg(protocols);
    Matcher flows = Pattern.compile("data-protocol=\"([^\"]+)\" data-flows=\"(\\d+)\"").matcher(svg);
    List<String> segments = new ArrayList<>();
    while (flows.find()) {
      segments.add(flows.group(1) + "=" + flows.group(2));
    }
    // six colours for the six largest, grey for the three others: 84 + 83 + 82 flows
    assertEquals(List.of("P0=90", "P1=89", "P2=88", "P3=87", "P4=86", "P5=85", "other (3)=249"), segments);
    assertTrue(svg.contains("fill=\"" + Palette.OTHER + "\" data-protocol=\"other (3)\" data-bytes=\"300021\""), svg);
  }
}
