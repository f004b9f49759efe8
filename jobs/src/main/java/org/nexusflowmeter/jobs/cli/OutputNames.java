package org.nexusflowmeter.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.nexusflowmeter.jobs.flows.FlowOutputFormat;

/** The file names the original tool gives its outputs and reports, kept so that scripts find them. */
final class OutputNames {
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

  private OutputNames() {}

  /** Single-file mode: the typed name with its last suffix replaced by the format's, or the suffix added. */
  static Path singleOutput(Path typed, FlowOutputFormat format) {
    Path parent = typed.toAbsolutePath().getParent();
    return parent.resolve(stem(typed) + "." + format.extension());
  }

  /** {@code --split-by-protocol}: {@code <stem>_<protocol in lower case>.<fmt>} beside the typed output. */
  static Path protocolOutput(Path typed, String protocol, FlowOutputFormat format) {
    Path parent = typed.toAbsolutePath().getParent();
    return parent.resolve(stem(typed) + "_" + protocol.toLowerCase(Locale.ROOT) + "." + format.extension());
  }

  /** Batch mode: {@code OUTDIR/<capture stem>_flows.<fmt>}. */
  static Path batchOutput(Path outputDirectory, String captureStem, FlowOutputFormat format) {
    return outputDirectory.resolve(captureStem + "_flows." + format.extension());
  }

  /** {@code --merge}: {@code OUTDIR/merged_flows_<YYYYmmdd_HHMMSS>.<fmt>}. */
  static Path mergedOutput(Path outputDirectory, LocalDateTime runTime, FlowOutputFormat format) {
    return outputDirectory.resolve("merged_flows_" + RUN_TIME.format(runTime) + "." + format.extension());
  }

  /** Reports of one output: {@code <report dir>/<output stem>_flow_report.txt} (and .html), {@code _summary.json}. */
  static ReportFiles reportsOf(Path reportDirectory, Path output) {
    String stem = stem(output);
    return new ReportFiles(reportDirectory.resolve(stem + "_flow_report.txt"),
        reportDirectory.resolve(stem + "_flow_report.html"), reportDirectory.resolve(stem + "_summary.json"));
  }

  /**
   * Reports of a merged run: {@code merged_flows_report_<ts>.txt} (and .html),
   * {@code merged_flows_summary_<ts>.json}.
   */
  static ReportFiles mergedReports(Path reportDirectory, LocalDateTime runTime) {
    String time = RUN_TIME.format(runTime);
    return new ReportFiles(reportDirectory.resolve("merged_flows_report_" + time + ".txt"),
        reportDirectory.resolve("merged_flows_report_" + time + ".html"),
        reportDirectory.resolve("merged_flows_summary_" + time + ".json"));
  }

  /** The name without its last suffix, as Python's {@code Path.stem} ({@code .hidden} keeps its name). */
  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** Where the reports of one run go. */
  static final class ReportFiles {
    final Path text;
    final Path html;
    final Path summary;

    ReportFiles(Path text, Path html, Path summary) {
      this.text = text;
      this.html = html;
      this.summary = summary;
    }
  }
}
