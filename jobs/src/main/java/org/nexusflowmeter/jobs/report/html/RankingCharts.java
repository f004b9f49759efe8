package org.nexusflowmeter.jobs.report.html;

import java.util.ArrayList;
import java.util.List;
import org.nexusflowmeter.jobs.report.html.BarChart.Bar;
import org.nexusflowmeter.jobs.report.html.BarChart.Key;
import org.nexusflowmeter.jobs.report.html.BarChart.Segment;
import org.nexusflowmeter.jobs.report.html.ReportData.Category;
import org.nexusflowmeter.jobs.report.html.ReportData.Talker;

/** The two ranked bar charts: top talkers by bytes, and TCP flows by connection state. */
final class RankingCharts {
  static final String TALKERS_ID = "chart-talkers";
  static final String STATES_ID = "chart-states";

  /** Room for the longest IPv6 text (39 characters) in the monospace label font. */
  private static final int ADDRESS_WIDTH = 300;
  private static final int STATE_WIDTH = 110;
  /** The order a connection moves through its states, so the chart reads the same across reports. */
  private static final List<String> STATE_ORDER =
      List.of("Established", "Closed", "Closing", "Attempted", "Rejected", "Reset", "Aborted", "Midstream");

  private RankingCharts() {}

  static String talkersSvg(List<Talker> talkers) {
    List<Bar> bars = new ArrayList<>();
    for (Talker talker : talkers) {
      String address = talker.address();
      bars.add(new Bar(address, List.of(
          new Segment(talker.sentBytes(), Palette.SENT, address + " sent " + Units.bytes(talker.sentBytes()),
              "data-address", address, "data-sent", Long.toString(talker.sentBytes())),
          new Segment(talker.receivedBytes(), Palette.RECEIVED,
              address + " received " + Units.bytes(talker.receivedBytes()),
              "data-address", address, "data-received", Long.toString(talker.receivedBytes()))),
          Units.bytes(talker.totalBytes())));
    }
    return BarChart.svg(TALKERS_ID, "Addresses with the most bytes sent and received", bars,
        List.of(new Key("sent", Palette.SENT), new Key("received", Palette.RECEIVED)), ADDRESS_WIDTH, "mono");
  }

  static String statesSvg(List<Category> states) {
    long tcpFlows = 0;
    for (Category state : states) {
      tcpFlows += state.flows();
    }
    List<Bar> bars = new ArrayList<>();
    for (Category state : inStateOrder(states)) {
      String share = Units.percent((double) state.flows() / tcpFlows);
      bars.add(new Bar(state.name(), List.of(new Segment(state.flows(), Palette.state(state.name()),
              state.name() + ": " + Units.count(state.flows(), "TCP flow") + " (" + share + "), "
                  + Units.count(state.packets(), "packet") + ", " + Units.bytes(state.bytes()),
              "data-state", state.name(), "data-flows", Long.toString(state.flows()))),
          Units.count(state.flows(), "flow") + " (" + share + ")"));
    }
    return BarChart.svg(STATES_ID, "TCP flows by connection state", bars, List.of(), STATE_WIDTH, "label");
  }

  private static List<Category> inStateOrder(List<Category> states) {
    List<Category> ordered = new ArrayList<>(states);
    ordered.sort((a, b) -> Integer.compare(rank(a.name()), rank(b.name())));
    return ordered;
  }

  /** Known states in lifecycle order, any other name after them (the sort is stable). */
  private static int rank(String state) {
    int rank = STATE_ORDER.indexOf(state);
    return rank < 0 ? STATE_ORDER.size() : rank;
  }
}
