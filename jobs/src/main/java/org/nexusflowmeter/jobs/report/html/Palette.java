package org.nexusflowmeter.jobs.report.html;

import java.util.Map;

/**
 * Chart colours: the Okabe–Ito set, which stays distinguishable with the common colour-vision deficiencies, and
 * fixed colours for connection states (green for a clean close, red for a refusal) so they read at a glance.
 */
final class Palette {
  static final String OTHER = "#9a9a9a";
  static final String SENT = "#0072b2";
  static final String RECEIVED = "#e69f00";
  static final String VOLUME = "#0072b2";
  static final String DISTRIBUTION = "#009e73";

  private static final String[] SERIES = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
      "#f0e442"};
  private static final Map<String, String> STATES = Map.of(
      "Established", "#0072b2",
      "Closed", "#009e73",
      "Closing", "#56b4e9",
      "Attempted", "#e69f00",
      "Rejected", "#d55e00",
      "Reset", "#cc79a7",
      "Aborted", "#f0e442",
      "Midstream", "#9a9a9a");

  private Palette() {}

  /** How many series get colours of their own; the rest are drawn together as "other". */
  static int seriesColours() {
    return SERIES.length;
  }

  static String series(int index) {
    return SERIES[index];
  }

  static String state(String name) {
    return STATES.getOrDefault(name, OTHER);
  }
}
