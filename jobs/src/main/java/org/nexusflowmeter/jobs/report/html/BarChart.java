package org.nexusflowmeter.jobs.report.html;

import java.util.List;

/**
 * Horizontal bars on one linear scale, one row per item, each bar made of stacked segments (a talker's sent and
 * received bytes; a state's flows), the row's total written after the bar.
 */
final class BarChart {
  private static final int WIDTH = 960;
  private static final int ROW_HEIGHT = 28;
  private static final int BAR_HEIGHT = 20;
  private static final int VALUE_WIDTH = 170;
  private static final int LEGEND_HEIGHT = 26;

  /** One bar: its label, its segments left to right, and the text after it. */
  record Bar(String label, List<Segment> segments, String valueText) {}

  /** A part of a bar; {@code data} are attribute name and value pairs for the rectangle. */
  record Segment(long value, String fill, String tooltip, String... data) {}

  /** A colour key above the bars: a name per colour. */
  record Key(String name, String fill) {}

  private BarChart() {}

  /**
   * @param labelWidth room for the labels, in view-box units
   * @param labelClass the text class of the labels ("label" or "mono" for addresses)
   */
  static String svg(String id, String description, List<Bar> bars, List<Key> keys, int labelWidth,
      String labelClass) {
    int top = keys.isEmpty() ? 4 : LEGEND_HEIGHT;
    Svg svg = new Svg(id, WIDTH, top + bars.size() * ROW_HEIGHT + 4, description);
    double keyX = labelWidth;
    for (Key key : keys) {
      svg.rect(keyX, 6, 12, 12, key.fill(), key.name());
      svg.text(keyX + 17, 16, "start", "small", key.name());
      keyX += 30 + 8 * key.name().length();
    }
    long largest = 0;
    for (Bar bar : bars) {
      largest = Math.max(largest, total(bar));
    }
    double scale = largest == 0 ? 0 : (WIDTH - labelWidth - VALUE_WIDTH) / (double) largest;
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = top + i * ROW_HEIGHT;
      double middle = y + BAR_HEIGHT / 2.0 + 4;
      svg.text(labelWidth - 8, middle, "end", labelClass, bar.label());
      double x = labelWidth;
      for (Segment segment : bar.segments()) {
        double width = segment.value() * scale;
        svg.rect(x, y, width, BAR_HEIGHT, segment.fill(), segment.tooltip(), segment.data());
        x += width;
      }
      svg.text(x + 6, middle, "start", "value", bar.valueText());
    }
    return svg.close();
  }

  private static long total(Bar bar) {
    long total = 0;
    for (Segment segment : bar.segments()) {
      total += segment.value();
    }
    return total;
  }
}
