package org.nexusflowmeter.jobs.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.nexusflowmeter.jobs.report.html.ReportData.Category;

/**
 * The protocol mix: three full-width bars (flows, packets, bytes) split by protocol, so one glance shows both
 * which protocols are common and which carry the volume. Protocols beyond the palette are drawn as one "other"
 * segment; the legend table under the chart lists every protocol.
 */
final class ProtocolMixChart {
  static final String ID = "chart-protocols";

  private static final int WIDTH = 960;
  private static final int LABEL_WIDTH = 80;
  private static final int BAR_WIDTH = WIDTH - LABEL_WIDTH - 10;
  private static final int BAR_HEIGHT = 30;
  private static final int ROW_HEIGHT = 44;
  private static final int MIN_LABELLED_SEGMENT = 70;

  private ProtocolMixChart() {}

  /** The chart of {@code protocols} (most flows first) as coloured segments. */
  static String svg(List<Category> protocols) {
    List<Category> segments = coloured(protocols);
    int count = protocols.size();
    Svg svg = new Svg(ID, WIDTH, 3 * ROW_HEIGHT, "Share of flows, packets and bytes by protocol");
    row(svg, 0, "Flows", "data-flows", segments, count, Category::flows);
    row(svg, 1, "Packets", "data-packets", segments, count, Category::packets);
    row(svg, 2, "Bytes", "data-bytes", segments, count, Category::bytes);
    return svg.close();
  }

  /** The colour of the {@code index}-th of {@code protocols} protocols, as in the chart: grey for "other". */
  static String colour(int index, int protocols) {
    return index < named(protocols) ? Palette.series(index) : Palette.OTHER;
  }

  /** How many protocols get a colour of their own: all when they fit, else one colour is left for "other". */
  private static int named(int protocols) {
    return protocols <= Palette.seriesColours() ? protocols : Palette.seriesColours() - 1;
  }

  /** The protocols that get a colour, then one "other" category summing the rest. */
  private static List<Category> coloured(List<Category> protocols) {
    int named = named(protocols.size());
    List<Category> segments = new ArrayList<>(protocols.subList(0, named));
    if (named < protocols.size()) {
      long flows = 0;
      long packets = 0;
      long bytes = 0;
      for (Category rest : protocols.subList(named, protocols.size())) {
        flows += rest.flows();
        packets += rest.packets();
        bytes += rest.bytes();
      }
      segments.add(new Category("other (" + (protocols.size() - named) + ")", flows, packets, bytes));
    }
    return segments;
  }

  private static void row(Svg svg, int index, String label, String attribute, List<Category> segments,
      int protocols, ToLongFunction<Category> measure) {
    double y = index * ROW_HEIGHT + 6;
    svg.text(LABEL_WIDTH - 8, y + BAR_HEIGHT / 2.0 + 4, "end", "label", label);
    long total = 0;
    for (Category segment : segments) {
      total += measure.applyAsLong(segment);
    }
    if (total == 0) {
      return;
    }
    double x = LABEL_WIDTH;
    for (int i = 0; i < segments.size(); i++) {
      Category segment = segments.get(i);
      long value = measure.applyAsLong(segment);
      double width = BAR_WIDTH * (double) value / total;
      String share = Units.percent((double) value / total);
      String amount = attribute.equals("data-bytes") ? Units.bytes(value) : Units.count(value);
      svg.rect(x, y, width, BAR_HEIGHT, colour(i, protocols),
          segment.name() + ": " + amount + " " + label.toLowerCase(java.util.Locale.ROOT) + " (" + share + ")",
          "data-protocol", segment.name(), attribute, Long.toString(value));
      if (width >= MIN_LABELLED_SEGMENT) {
        svg.text(x + width / 2, y + BAR_HEIGHT / 2.0 + 4, "middle", "on-bar", segment.name() + " " + share);
      }
      x += width;
    }
  }
}
