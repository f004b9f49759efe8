package org.nexusflowmeter.jobs.report.html;

import java.util.List;
import org.nexusflowmeter.jobs.report.html.ReportData.Category;
import org.nexusflowmeter.jobs.report.html.ReportData.Headline;

/**
 * The report as one HTML document: headline numbers, then one section per chart. No script, no link, no
 * external resource: the file opens the same offline, from an e-mail or an archive. The markup is also
 * well-formed XML (every element closed, only XML entities), so tests and tools can read it with any XML parser.
 */
final class ReportPage {
  private ReportPage() {}

  static String html(String title, ReportData data) {
    Headline headline = data.headline();
    StringBuilder page = new StringBuilder(64 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(Html.escape(title)).append("</title>\n")
        .append("<style>\n").append(PageStyle.CSS).append("\n</style>\n</head>\n<body>\n<main>\n");
    page.append("<header>\n<h1 id=\"title\">").append(Html.escape(title)).append("</h1>\n")
        .append("<p class=\"subtitle\">").append(Html.escape(span(headline))).append("</p>\n</header>\n");
    headlineCards(page, headline, data.protocols().size());
    if (headline.flows() == 0) {
      page.append("<section id=\"no-flows\">\n<h2>No flows</h2>\n")
          .append("<p class=\"note\">The input held no IP or ARP packets, so there is nothing to chart.</p>\n")
          .append("</section>\n");
    } else {
      protocols(page, data.protocols());
      section(page, "talkers", "Top talkers",
          "Bytes on the wire each address sent and received, the " + data.talkers().size() + " busiest of "
              + Units.count(headline.hosts()) + " addresses.",
          RankingCharts.talkersSvg(data.talkers()));
      section(page, "over-time", "Traffic over time",
          "Each column is " + TimelineCharts.bucketWidth(data.timeline()) + ". A flow's packets and bytes are "
              + "spread evenly over its lifetime, from its first packet to its last.",
          TimelineCharts.packetsSvg(data.timeline()) + TimelineCharts.bytesSvg(data.timeline()));
      section(page, "durations", "Flow durations",
          "Flows by time from first to last packet, on decades of seconds; one-packet flows have duration 0.",
          DistributionCharts.durationSvg(data.durations()));
      section(page, "sizes", "Flow sizes",
          "Flows by bytes on the wire (both directions), on powers of two.",
          DistributionCharts.sizeSvg(data.sizes()));
      states(page, data.tcpStates());
    }
    page.append("<footer>Written by NexusFlowMeter. Times are UTC; bytes are frame lengths on the wire, ")
        .append("link header included (1 kB = 1000 B, 1 KiB = 1024 B).</footer>\n")
        .append("</main>\n</body>\n</html>\n");
    return page.toString();
  }

  private static String span(Headline headline) {
    if (headline.flows() == 0) {
      return "No flows.";
    }
    double seconds = (headline.lastMicros() - headline.firstMicros()) / 1e6;
    return Units.dateTime(headline.firstMicros()) + " to " + Units.dateTime(headline.lastMicros()) + " ("
        + Units.duration(seconds) + ")";
  }

  private static void headlineCards(StringBuilder page, Headline h, int protocols) {
    page.append("<section id=\"headline\" class=\"cards\">\n");
    card(page, "total-flows", h.flows(), Units.count(h.flows()), "flows");
    card(page, "total-packets", h.packets(), Units.count(h.packets()), "packets");
    card(page, "total-bytes", h.bytes(), Units.bytes(h.bytes()), "bytes on the wire (" + Units.count(h.bytes()) + ")");
    card(page, "payload-bytes", h.payloadBytes(), Units.bytes(h.payloadBytes()),
        "transport payload (" + Units.count(h.payloadBytes()) + " B)");
    card(page, "hosts", h.hosts(), Units.count(h.hosts()), "addresses");
    card(page, "protocols", protocols, Units.count(protocols), "protocols");
    String bidirectional = h.flows() == 0 ? "–" : Units.percent((double) h.bidirectionalFlows() / h.flows());
    card(page, "bidirectional-flows", h.bidirectionalFlows(), bidirectional,
        "bidirectional (" + Units.count(h.bidirectionalFlows(), "flow") + ")");
    long spanMicros = h.flows() == 0 ? 0 : h.lastMicros() - h.firstMicros();
    card(page, "span-us", spanMicros, Units.duration(spanMicros / 1e6), "from first to last packet");
    page.append("</section>\n");
  }

  private static void card(StringBuilder page, String id, long value, String shown, String what) {
    page.append("<div class=\"card\" id=\"").append(id).append("\" data-value=\"").append(value).append("\">")
        .append("<span class=\"number\">").append(Html.escape(shown)).append("</span>")
        .append("<span class=\"what\">").append(Html.escape(what)).append("</span></div>\n");
  }

  private static void protocols(StringBuilder page, List<Category> protocols) {
    StringBuilder legend = new StringBuilder("<table id=\"protocol-table\">\n<tr><th></th><th>protocol</th>"
        + "<th>flows</th><th>packets</th><th>bytes</th></tr>\n");
    for (int i = 0; i < protocols.size(); i++) {
      Category p = protocols.get(i);
      legend.append("<tr data-protocol=\"").append(Html.escape(p.name())).append("\"><td><span class=\"swatch\" ")
          .append("style=\"background: ").append(ProtocolMixChart.colour(i, protocols.size())).append("\"></span></td><td>")
          .append(Html.escape(p.name())).append("</td><td>").append(Units.count(p.flows())).append("</td><td>")
          .append(Units.count(p.packets())).append("</td><td>").append(Html.escape(Units.bytes(p.bytes())))
          .append("</td></tr>\n");
    }
    legend.append("</table>\n");
    section(page, "protocols", "Protocol mix", "Share of flows, packets and bytes by protocol.",
        ProtocolMixChart.svg(protocols) + legend);
  }

  private static void states(StringBuilder page, List<Category> states) {
    if (states.isEmpty()) {
      section(page, "states", "TCP connection states", "No TCP flows.", "");
      return;
    }
    section(page, "states", "TCP connection states",
        "How each TCP flow's connection went, by Zeek's conn_state rules (all other protocols: Unknown).",
        RankingCharts.statesSvg(states));
  }

  /** A section: heading, a note that says what the chart shows, and the chart's markup (already escaped). */
  private static void section(StringBuilder page, String id, String heading, String note, String markup) {
    page.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(heading)).append("</h2>\n")
        .append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n").append(markup)
        .append("</section>\n");
  }
}
