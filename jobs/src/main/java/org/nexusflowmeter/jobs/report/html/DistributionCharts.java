package org.nexusflowmeter.jobs.report.html;

import java.util.ArrayList;
import java.util.List;
import org.nexusflowmeter.jobs.report.html.ColumnChart.AxisLabel;
import org.nexusflowmeter.jobs.report.html.ColumnChart.Column;
import org.nexusflowmeter.jobs.report.html.ColumnChart.Style;
import org.nexusflowmeter.jobs.report.html.ReportData.Bin;

/**
 * The duration and size histograms on log-scale bins (see {@link LogBins}). Every bin between the smallest and
 * the largest occupied one is drawn, empty ones included, so the shape of the distribution is true; the axis is
 * labelled at bin edges.
 */
final class DistributionCharts {
  static final String DURATION_ID = "chart-durations";
  static final String SIZE_ID = "chart-sizes";

  private DistributionCharts() {}

  static String durationSvg(List<Bin> bins) {
    List<Column> columns = new ArrayList<>();
    List<AxisLabel> labels = new ArrayList<>();
    long zero = 0;
    int lowest = Integer.MAX_VALUE;
    int highest = Integer.MIN_VALUE;
    for (Bin bin : bins) {
      if (bin.index() == LogBins.ZERO_DURATION) {
        zero = bin.flows();
      } else {
        lowest = Math.min(lowest, bin.index());
        highest = Math.max(highest, bin.index());
      }
    }
    columns.add(column(LogBins.ZERO_DURATION, zero, LogBins.decadeRange(LogBins.ZERO_DURATION)));
    labels.add(new AxisLabel(0.5, "0 s"));
    for (int k = lowest; k <= highest && lowest <= highest; k++) {
      columns.add(column(k, flowsIn(bins, k), LogBins.decadeRange(k)));
      labels.add(new AxisLabel(columns.size() - 1, LogBins.decadeEdgeLabel(k)));
    }
    if (lowest <= highest) {
      labels.add(new AxisLabel(columns.size(), LogBins.decadeEdgeLabel(highest + 1)));
    }
    return ColumnChart.svg(DURATION_ID, "Flows by duration, decades of seconds", columns, labels,
        new Style("flows", Units::si, true, true, true));
  }

  static String sizeSvg(List<Bin> bins) {
    List<Column> columns = new ArrayList<>();
    List<AxisLabel> labels = new ArrayList<>();
    if (!bins.isEmpty()) {
      int lowest = bins.get(0).index();
      int highest = bins.get(bins.size() - 1).index();
      for (int k = lowest; k <= highest; k++) {
        columns.add(column(k, flowsIn(bins, k), LogBins.sizeRange(k)));
        labels.add(new AxisLabel(k - lowest, k == 0 ? "0 B" : Units.powerOfTwoBytes(k)));
      }
      labels.add(new AxisLabel(columns.size(), Units.powerOfTwoBytes(highest + 1)));
    }
    return ColumnChart.svg(SIZE_ID, "Flows by size in bytes, powers of two", columns, labels,
        new Style("flows", Units::si, true, true, false));
  }

  private static Column column(int index, long flows, String range) {
    return new Column(flows, Palette.DISTRIBUTION, range + ": " + Units.count(flows, "flow"),
        "data-bin", Integer.toString(index), "data-flows", Long.toString(flows));
  }

  private static long flowsIn(List<Bin> bins, int index) {
    for (Bin bin : bins) {
      if (bin.index() == index) {
        return bin.flows();
      }
    }
    return 0;
  }
}
