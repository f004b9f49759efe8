package org.nexusflowmeter.jobs.report.html;

/**
 * Writes one inline SVG chart. Coordinates are in a fixed view box; the page's CSS scales the chart to the column
 * width. Every text and attribute value is escaped. Marks carry {@code data-*} attributes with their exact values,
 * so the numbers behind a bar can be read back from the page.
 */
final class Svg {
  private final StringBuilder out = new StringBuilder(4096);

  /** Starts a chart: {@code id} names it on the page, {@code description} is what a screen reader says. */
  Svg(String id, int width, int height, String description) {
    out.append("<svg class=\"chart\" id=\"").append(Html.escape(id)).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(Html.escape(description)).append("\">\n");
  }

  /**
   * A filled rectangle (a bar) with a hover tooltip. {@code data} holds attribute name and value pairs
   * ({@code "data-flows", "12"}).
   */
  Svg rect(double x, double y, double width, double height, String fill, String tooltip, String... data) {
    out.append("<rect x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y))
        .append("\" width=\"").append(coordinate(width)).append("\" height=\"").append(coordinate(height))
        .append("\" fill=\"").append(Html.escape(fill)).append('"');
    for (int i = 0; i + 1 < data.length; i += 2) {
      out.append(' ').append(Html.escape(data[i])).append("=\"").append(Html.escape(data[i + 1])).append('"');
    }
    out.append("><title>").append(Html.escape(tooltip)).append("</title></rect>\n");
    return this;
  }

  /** Text; {@code anchor} is start, middle or end, {@code cssClass} one of the page's text classes. */
  Svg text(double x, double y, String anchor, String cssClass, String text) {
    out.append("<text x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y))
        .append("\" text-anchor=\"").append(anchor).append("\" class=\"").append(cssClass).append("\">")
        .append(Html.escape(text)).append("</text>\n");
    return this;
  }

  /** A line of the page's {@code cssClass} (axis, grid). */
  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    out.append("<line x1=\"").append(coordinate(x1)).append("\" y1=\"").append(coordinate(y1))
        .append("\" x2=\"").append(coordinate(x2)).append("\" y2=\"").append(coordinate(y2))
        .append("\" class=\"").append(cssClass).append("\"/>\n");
    return this;
  }

  String close() {
    return out.append("</svg>\n").toString();
  }

  private static String coordinate(double value) {
    return Units.fixed(value, 1);
  }
}
