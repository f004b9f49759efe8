package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.nexusflowmeter.jobs.flows.FlowRunSummary;
import org.nexusflowmeter.jobs.report.FlowStatistics;
import org.nexusflowmeter.jobs.report.ReportWriter;
import org.nexusflowmeter.jobs.report.RunFacts;
import org.nexusflowmeter.jobs.report.SummaryJson;
import org.nexusflowmeter.jobs.report.TextReport;
import org.nexusflowmeter.jobs.report.html.HtmlReport;
import org.nexusflowmeter.jobs.report.scan.FlowTableScan;
import org.nexusflowmeter.jobs.report.scan.FlowTableSummary;

/** Writes the three reports of one output: text, summary JSON and HTML. */
final class RunReports {
  private RunReports() {}

  /**
   * Writes the reports of the flows that went out, all three from one scan of them (one or two Spark jobs,
   * see {@link FlowTableScan}), started once the output needed no more Spark tasks. The text and JSON reports
   * are part of the run (a failure is an error); the HTML report is a view of the same numbers, and a failure
   * to draw it is only a warning.
   */
  static FlowStatistics write(OutputNames.ReportFiles files, RunFacts facts, ReportScan scan,
      FlowRunSummary run, PrintStream err) throws IOException {
    FlowTableSummary table = scan.result();
    FlowStatistics stats = FlowStatistics.of(table);
    ReportWriter.write(files.text, TextReport.render(facts, stats, run));
    ReportWriter.write(files.summary, SummaryJson.render(facts, stats, run));
    try {
      HtmlReport.write(table, "NexusFlowMeter: " + facts.source, files.html);
    } catch (RuntimeException e) {
      err.println("nexusflowmeter: warning: HTML report not written: " + ErrorLine.of(e));
    }
    return stats;
  }
}
