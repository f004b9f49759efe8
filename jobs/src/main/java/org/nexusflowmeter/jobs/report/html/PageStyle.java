package org.nexusflowmeter.jobs.report.html;

/**
 * The page's style sheet, inline so the file stands alone: system fonts only, charts scaled to the column width,
 * and print-friendly colours. No '&lt;' or '&amp;' in it, so the page stays well-formed XML.
 */
final class PageStyle {
  static final String CSS = String.join("\n",
      ":root { color-scheme: light; }",
      "body { margin: 0; background: #f4f5f7; color: #1d2330;",
      "  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; font-size: 15px; }",
      "main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 40px; }",
      "h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }",
      "h2 { font-size: 18px; margin: 0 0 6px; }",
      ".subtitle, .note { color: #5a6272; margin: 0 0 12px; font-size: 14px; }",
      "section { background: #fff; border-radius: 8px; padding: 16px 18px; margin: 16px 0;",
      "  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }",
      ".cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }",
      ".card { background: #fff; border-radius: 8px; padding: 12px 14px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }",
      ".card .number { display: block; font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }",
      ".card .what { color: #5a6272; font-size: 13px; }",
      "svg.chart { display: block; width: 100%; height: auto; margin: 4px 0 8px; }",
      "svg text { font-family: inherit; fill: #1d2330; }",
      "svg .label { font-size: 13px; }",
      "svg .mono { font-size: 12px; font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }",
      "svg .small { font-size: 11px; fill: #5a6272; }",
      "svg .value { font-size: 12px; font-variant-numeric: tabular-nums; }",
      "svg .on-bar { font-size: 12px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }",
      "svg .axis { stroke: #8a91a0; stroke-width: 1; }",
      "svg .grid { stroke: #e3e6eb; stroke-width: 1; }",
      "table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }",
      "th, td { padding: 3px 12px 3px 0; text-align: right; }",
      "th:nth-child(2), td:nth-child(2) { text-align: left; }",
      ".swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: middle; }",
      "footer { color: #5a6272; font-size: 12px; margin-top: 20px; }",
      "@media print { body { background: #fff; } section, .card { box-shadow: none; border: 1px solid #ddd; } }",
      "@media (max-width: 700px) { .cards { grid-template-columns: repeat(2, 1fr); } }");

  private PageStyle() {}
}
