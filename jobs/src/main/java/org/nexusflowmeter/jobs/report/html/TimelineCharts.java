package org.nexusflowmeter.jobs.report.html;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.nexusflowmeter.jobs.report.html.ColumnChart.AxisLabel;
import org.nexusflowmeter.jobs.report.html.ColumnChart.Column;
import org.nexusflowmeter.jobs.report.html.ColumnChart.Style;
import org.nexusflowmeter.jobs.report.html.ReportData.Bucket;
import org.nexusflowmeter.jobs.report.html.ReportData.Timeline;

/**
 * Packets and bytes over time: one column per time bucket, drawn as a rate (per second, averaged over the
 * bucket) so charts of captures of any length read alike. The columns' data attributes keep the bucket totals.
 */
final class TimelineCharts {
  static final String PACKETS_ID = "chart-packets-over-time";
  static final String BYTES_ID = "chart-bytes-over-time";

  private static final int MAX_AXIS_LABELS = 8;
  private static final int[] LABEL_EVERY = {1, 2, 5, 10, 20, 25, 50, 100};
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MINUTE = 60 * MICROS_PER_SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private TimelineCharts() {}

  static String packetsSvg(Timeline timeline) {
    String per = rateUnit(timeline.bucketMicros());
    return svg(PACKETS_ID, "Packets per " + per + " over time", "packets/" + per, timeline, Bucket::packets,
        "data-packets", Units::si);
  }

  static String bytesSvg(Timeline timeline) {
    String per = rateUnit(timeline.bucketMicros());
    return svg(BYTES_ID, "Bytes per " + per + " over time", "bytes/" + per, timeline, Bucket::bytes, "data-bytes",
        v -> Units.bytes(v) + "/" + per);
  }

  /** Rates per second for buckets under a minute, else per minute, hour or day: numbers people can read. */
  private static String rateUnit(long bucketMicros) {
    if (bucketMicros < MINUTE) {
      return "s";
    }
    return bucketMicros < HOUR ? "min" : bucketMicros < DAY ? "h" : "day";
  }

  private static long rateUnitMicros(long bucketMicros) {
    if (bucketMicros < MINUTE) {
      return MICROS_PER_SECOND;
    }
    return bucketMicros < HOUR ? MINUTE : bucketMicros < DAY ? HOUR : DAY;
  }

  /** What one bucket is, for the section's caption: "each column is 2 s". */
  static String bucketWidth(Timeline timeline) {
    return Units.duration(timeline.bucketMicros() / (double) MICROS_PER_SECOND);
  }

  private static String svg(String id, String description, String unit, Timeline timeline,
      ToDoubleFunction<Bucket> measure, String attribute, java.util.function.DoubleFunction<String> format) {
    // Bucket totals become rates per unit of time: how many of the rate's units one bucket spans.
    double units = timeline.bucketMicros() / (double) rateUnitMicros(timeline.bucketMicros());
    DateTimeFormatter clock = clockFormat(timeline.bucketMicros());
    List<Column> columns = new ArrayList<>();
    List<Bucket> buckets = timeline.buckets();
    for (int i = 0; i < buckets.size(); i++) {
      long start = timeline.originMicros() + i * timeline.bucketMicros();
      double total = measure.applyAsDouble(buckets.get(i));
      String when = clock.format(Units.instant(start)) + " UTC";
      columns.add(new Column(total / units, Palette.VOLUME, when + ": " + format.apply(total / units),
          "data-bucket", Integer.toString(i), "data-start-us", Long.toString(start), attribute,
          Units.fixed(total, 3)));
    }
    List<AxisLabel> labels = new ArrayList<>();
    int every = labelEvery(buckets.size());
    for (int i = 0; i <= buckets.size(); i += every) {
      labels.add(new AxisLabel(i, clock.format(Units.instant(timeline.originMicros() + i * timeline.bucketMicros()))));
    }
    return ColumnChart.svg(id, description, columns, labels,
        new Style(unit + " (UTC)", format::apply, false, false, false));
  }

  private static int labelEvery(int buckets) {
    for (int every : LABEL_EVERY) {
      if (buckets / every < MAX_AXIS_LABELS) {
        return every;
      }
    }
    return LABEL_EVERY[LABEL_EVERY.length - 1];
  }

  /** Clock text as fine as the buckets: dates for days, minutes for minutes, milliseconds below a second. */
  private static DateTimeFormatter clockFormat(long bucketMicros) {
    String pattern;
    if (bucketMicros >= DAY) {
      pattern = "yyyy-MM-dd";
    } else if (bucketMicros >= MINUTE) {
      pattern = "MM-dd HH:mm";
    } else if (bucketMicros >= MICROS_PER_SECOND) {
      pattern = "HH:mm:ss";
    } else {
      pattern = "HH:mm:ss.SSS";
    }
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
  }
}
