package org.nexusflowmeter.jobs.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code --quick-preview N}: the first N flows of the output as a table, before anything is written. Only a
 * person at a terminal is asked whether to go on; a script (stdin or stdout not a terminal) never blocks.
 */
final class QuickPreview {
  private QuickPreview() {}

  /**
   * With {@code --quick-preview N}: prints the first N flows of {@code selected} in the output's order and asks
   * whether to go on. False, after saying nothing will be written, when the answer is no; true otherwise.
   */
  static boolean approved(CommandLine line, Dataset<Row> selected, PrintStream out) {
    if (line.quickPreview <= 0) {
      return true;
    }
    print(FlowOrdering.inOutputOrder(selected), line.quickPreview, out);
    if (confirm(System.console(), line.yes)) {
      return true;
    }
    out.println("Conversion cancelled: nothing written.");
    return false;
  }

  static void print(Dataset<Row> ordered, int rows, PrintStream out) {
    List<Row> first = ordered.select("flow_id", "total_packets", "total_bytes", "duration_seconds",
        "packets_per_second").limit(rows).collectAsList();
    out.printf(Locale.ROOT, "Preview: the first %d flows of the output%n", first.size());
    out.printf(Locale.ROOT, "%4s  %-60s %10s %14s %12s %12s%n", "#", "Flow", "Packets", "Bytes", "Duration(s)",
        "Rate(pps)");
    int rank = 1;
    for (Row r : first) {
      out.printf(Locale.ROOT, "%4d  %-60s %10d %14d %12.1f %12s%n", rank++, r.getString(0), r.getLong(1),
          r.getLong(2), r.getDouble(3), r.isNullAt(4) ? "-" : String.format(Locale.ROOT, "%.1f", r.getDouble(4)));
    }
  }

  /** True to go on: always without a terminal or with {@code --yes}; else the answer y or yes. */
  static boolean confirm(Console console, boolean yes) {
    if (yes || console == null) {
      return true;
    }
    String answer = console.readLine("Continue with conversion? (y/n) ");
    return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
  }
}
