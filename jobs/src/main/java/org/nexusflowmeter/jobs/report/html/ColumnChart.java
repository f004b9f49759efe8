package org.nexusflowmeter.jobs.report.html;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Vertical columns on a linear value axis from zero: the histograms and the traffic-over-time charts. Labels
 * under the axis sit at positions in column units (0 is the left edge of the first column), and are thinned out
 * where they would overlap.
 */
final class ColumnChart {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 250;
  private static final int LEFT = 70;
  private static final int RIGHT = 36;
  private static final int TOP = 22;
  private static final int BOTTOM = 42;
  private static final double CHARACTER_WIDTH = 6.6;
  private static final int MIN_VALUE_LABEL_COLUMN = 34;

  /** One column; {@code data} are attribute name and value pairs for its rectangle. */
  record Column(double value, String fill, String tooltip, String... data) {}

  /** A label under the axis at {@code position} column units from the left. */
  record AxisLabel(double position, String text) {}

  /**
   * How the chart is drawn, beside its data: {@code wholeNumbers} keeps axis steps at 1 or more (counts of
   * flows), {@code firstColumnApart} sets the first column off from the others (the zero-duration bin).
   */
  record Style(String axisTitle, DoubleFunction<String> valueFormat, boolean wholeNumbers,
      boolean valuesOnColumns, boolean firstColumnApart) {}

  private ColumnChart() {}

  static String svg(String id, String description, List<Column> columns, List<AxisLabel> labels, Style style) {
    Svg svg = new Svg(id, WIDTH, HEIGHT, description);
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double baseline = TOP + plotHeight;
    double largest = 0;
    for (Column column : columns) {
      largest = Math.max(largest, column.value());
    }
    double step = largest > 0 ? AxisTicks.step(largest) : 1;
    if (style.wholeNumbers()) {
      step = Math.max(1, step);
    }
    double top = largest > 0 ? Math.ceil(largest / step - 1e-9) * step : step;
    for (int n = 0; n * step <= top * (1 + 1e-9); n++) {
      double tick = n * step;
      double y = baseline - plotHeight * tick / top;
      svg.line(LEFT, y, WIDTH - RIGHT, y, n == 0 ? "axis" : "grid");
      svg.text(LEFT - 6, y + 4, "end", "small", style.valueFormat().apply(tick));
    }
    svg.text(LEFT, TOP - 8, "start", "small", style.axisTitle());

    double apart = style.firstColumnApart() ? 0.6 : 0;
    double columnWidth = columns.isEmpty() ? plotWidth : plotWidth / (columns.size() + apart);
    double gap = apart * columnWidth;
    double padding = Math.min(2, columnWidth * 0.1);
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      double x = LEFT + i * columnWidth + (i >= 1 ? gap : 0);
      double height = plotHeight * column.value() / top;
      svg.rect(x + padding, baseline - height, columnWidth - 2 * padding, height, column.fill(), column.tooltip(),
          column.data());
      if (style.valuesOnColumns() && column.value() > 0 && columnWidth >= MIN_VALUE_LABEL_COLUMN) {
        svg.text(x + columnWidth / 2, baseline - height - 4, "middle", "small",
            style.valueFormat().apply(column.value()));
      }
    }
    double lastEnd = Double.NEGATIVE_INFINITY;
    for (AxisLabel label : labels) {
      double x = LEFT + label.position() * columnWidth + (label.position() >= 1 ? gap : 0);
      double halfWidth = label.text().length() * CHARACTER_WIDTH / 2;
      if (x - halfWidth < lastEnd + 8) {
        continue;
      }
      svg.line(x, baseline, x, baseline + 4, "axis");
      svg.text(x, baseline + 18, "middle", "small", label.text());
      lastEnd = x + halfWidth;
    }
    return svg.close();
  }
}
