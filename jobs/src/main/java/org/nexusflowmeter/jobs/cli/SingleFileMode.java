package org.nexusflowmeter.jobs.cli;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nexusflowmeter.jobs.flows.FlowRunSummary;
import org.nexusflowmeter.jobs.flows.FlowSortOrder;
import org.nexusflowmeter.jobs.flows.FlowWriter;
import org.nexusflowmeter.jobs.report.FlowStatistics;
import org.nexusflowmeter.jobs.report.RunFacts;

/** {@code nexusflowmeter PCAP_FILE OUTPUT_FILE}: one capture, one output file (or one per protocol). */
final class SingleFileMode implements RunMode {
  private final CommandLine line;
  private final PrintStream out;
  private final PrintStream err;
  private String source;
  private String sourceText;
  /** The output file, or with --split-by-protocol the name the per-protocol files are named after. */
  private Path output;
  private OutputNames.ReportFiles reports;

  SingleFileMode(CommandLine line, PrintStream out, PrintStream err) {
    this.line = line;
    this.out = out;
    this.err = err;
  }

  @Override
  public void prepare() {
    String typed = line.pcapFile.toString();
    if (InputPaths.isUri(typed)) {
      source = typed;
      sourceText = typed;
    } else {
      OutputPlaces.readableCapture(line.pcapFile);
      source = InputPaths.forSource(line.pcapFile);
      sourceText = line.pcapFile.toAbsolutePath().normalize().toString();
    }
    output = line.splitByProtocol ? line.outputFile.toAbsolutePath()
        : OutputNames.singleOutput(line.outputFile, line.format);
    OutputPlaces.writableDirectory(output.getParent(), "output directory");
    OutputPlaces.replaceableFile(output);
    Path reportDirectory = OutputPlaces.writableDirectory(
        line.reportDirectory == null ? output.getParent() : line.reportDirectory, "report directory");
    reports = OutputNames.reportsOf(reportDirectory, output);
    // split by protocol, the output files are named after the protocols present, checked in execute once known
    OutputPlaces.fittingNames(line.splitByProtocol ? List.of(reports.text, reports.html, reports.summary)
        : List.of(output, reports.text, reports.html, reports.summary));
  }

  @Override
  public int execute(SparkSession spark) throws IOException {
    long started = System.nanoTime();
    OffsetDateTime analysisTime = OffsetDateTime.now();
    CaptureRun run = new CaptureRun(spark, List.of(source), line.flowOptions);
    List<FlowRunSummary.FileCounts> unreadable = run.summary.unreadableFiles();
    if (!unreadable.isEmpty()) {
      throw new CliFailure(sourceText + ": " + unreadable.get(0).firstError);
    }
    Dataset<Row> selected = FlowOrdering.select(run.flows, line.protocols, line.maxFlows);
    FlowSortOrder order = FlowOrdering.outputOrder(selected);
    if (!QuickPreview.approved(line, selected, out)) {
      return 0;
    }
    ReportScan reportScan = new ReportScan(selected);
    List<String> outputs = new ArrayList<>();
    if (line.splitByProtocol) {
      List<String> protocols = protocolsIn(selected);
      List<Path> files = new ArrayList<>();
      for (String protocol : protocols) {
        files.add(OutputNames.protocolOutput(output, protocol, line.format));
      }
      OutputPlaces.fittingNames(files);
      for (int i = 0; i < protocols.size(); i++) {
        FlowWriter.writeSingleFile(selected.where(col("protocol").equalTo(protocols.get(i))), order, line.format,
            files.get(i), reportScan::start);
        outputs.add(files.get(i).toString());
      }
    } else {
      FlowWriter.writeSingleFile(selected, order, line.format, output, reportScan.firstPass(),
          firstPass -> reportScan.finishThen(firstPass, run::release));
      outputs.add(output.toString());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    RunFacts facts = new RunFacts(sourceText, analysisTime, seconds,
        line.protocols.selectsAll() ? null : line.protocols.describe(), line.maxFlows, 1, List.of(), outputs,
        SparkFacts.master(spark), SparkFacts.splitBytes(spark));
    FlowStatistics stats = RunReports.write(reports, facts, reportScan, run.summary, err);
    out.printf(Locale.ROOT, "nexusflowmeter: %d flows from %d packets -> %s; report %s (%.1f s)%n", stats.flows,
        run.summary.packets, outputs.size() == 1 ? outputs.get(0) : outputs.size() + " files beside " + output,
        reports.text, (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private static List<String> protocolsIn(Dataset<Row> flows) {
    List<String> protocols = new ArrayList<>();
    for (Row r : flows.select("protocol").distinct().orderBy("protocol").collectAsList()) {
      protocols.add(r.getString(0));
    }
    return protocols;
  }
}
