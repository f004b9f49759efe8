package org.nexusflowmeter.jobs.report.html;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the browser made of each chart: a script added to a copy of the report writes, for every chart, its box
 * on the page and how many of its rectangles have a non-empty rendered box, into a {@code <pre>} that
 * {@code --dump-dom} returns; and a count of screenshot pixels in a chart's colours.
 */
final class ChartProbe {
  static final String PAGE = "(page)";
  static final int WINDOW_WIDTH = 1100;

  static final String SCRIPT = String.join("\n",
      "<script>",
      "const lines = [];",
      "for (const svg of document.querySelectorAll('svg.chart')) {",
      "  const r = svg.getBoundingClientRect();",
      "  let marks = 0;",
      "  for (const rect of svg.querySelectorAll('rect')) {",
      "    const b = rect.getBoundingClientRect();",
      "    if (b.width > 0 && b.height > 0) marks++;",
      "  }",
      "  lines.push([svg.id, r.left + window.scrollX, r.top + window.scrollY, r.width, r.height, marks].join(' '));",
      "}",
      "const root = document.documentElement;",
      "lines.push(['" + PAGE + "', 0, 0, root.scrollWidth, root.scrollHeight, 0].join(' '));",
      "const pre = document.createElement('pre');",
      "pre.id = 'chart-probe';",
      "pre.textContent = lines.join('\\n');",
      "document.body.appendChild(pre);",
      "</script>",
      "");

  private static final Pattern OUTPUT = Pattern.compile("<pre id=\"chart-probe\">([^<]*)</pre>");

  /** A chart's box in CSS pixels from the page's top left, and its rendered rectangles. */
  record Box(double left, double top, double width, double height, int marks) {}

  private ChartProbe() {}

  /** The boxes by chart id, plus the whole page's size under {@link #PAGE}. */
  static Map<String, Box> read(String dom) {
    Matcher matcher = OUTPUT.matcher(dom);
    if (!matcher.find()) {
      throw new AssertionError("the probe wrote nothing; the page's DOM was:\n" + dom);
    }
    Map<String, Box> boxes = new TreeMap<>();
    for (String line : matcher.group(1).split("\n")) {
      String[] f = line.trim().split(" ");
      boxes.put(f[0], new Box(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
          Double.parseDouble(f[4]), Integer.parseInt(f[5])));
    }
    return boxes;
  }

  /** Pixels inside {@code box} whose RGB is exactly one of {@code colours}. */
  static int pixelsIn(BufferedImage image, Box box, Set<Integer> colours) {
    int found = 0;
    int right = (int) Math.min(image.getWidth(), Math.floor(box.left() + box.width()));
    int bottom = (int) Math.min(image.getHeight(), Math.floor(box.top() + box.height()));
    for (int y = (int) Math.ceil(box.top()); y < bottom; y++) {
      for (int x = (int) Math.ceil(box.left()); x < right; x++) {
        if (colours.contains(image.getRGB(x, y) & 0xFFFFFF)) {
          found++;
        }
      }
    }
    return found;
  }
}
