package org.nexusflowmeter.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
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

/**
 * {@code nexusflowmeter -d DIR -c OUTDIR}: every capture of DIR to {@code OUTDIR/<stem>_flows.<fmt>} with its own
 * reports, or with {@code --merge} all of them to one file with {@code source_file} (flows kept per file). A
 * capture that cannot be read, or whose output's or reports' names are too long for a file name, is reported and
 * the others are finished; the exit code is then 1.
 */
final class BatchMode implements RunMode {
  private final CommandLine line;
  private final PrintStream out;
  private final PrintStream err;
  private List<CaptureDiscovery.Capture> captures;
  private Path outputDirectory;
  private Path reportDirectory;

  BatchMode(CommandLine line, PrintStream out, PrintStream err) {
    this.line = line;
    this.out = out;
    this.err = err;
  }

  @Override
  public void prepare() throws IOException {
    if (!Files.isDirectory(line.inputDirectory)) {
      throw new CliFailure("not a directory: " + line.inputDirectory);
    }
    captures = CaptureDiscovery.find(line.inputDirectory);
    if (captures.isEmpty()) {
      throw new CliFailure("no captures (.pcap, .pcapng, .cap, .dmp, also compressed) in " + line.inputDirectory);
    }
    outputDirectory = OutputPlaces.writableDirectory(line.outputDirectory, "output directory");
    reportDirectory = line.reportDirectory == null ? outputDirectory
        : OutputPlaces.writableDirectory(line.reportDirectory, "report directory");
  }

  @Override
  public int execute(SparkSession spark) throws IOException {
    return line.merge ? merged(spark) : separate(spark);
  }

  private int separate(SparkSession spark) {
    long started = System.nanoTime();
    List<String> failures = new ArrayList<>();
    long flows = 0;
    for (CaptureDiscovery.Capture capture : captures) {
      String name = capture.path.getFileName().toString();
      long fileStarted = System.nanoTime();
      OffsetDateTime analysisTime = OffsetDateTime.now();
      CaptureRun run = null;
      try {
        Path output = OutputNames.batchOutput(outputDirectory, capture.stem, line.format);
        OutputNames.ReportFiles reports = OutputNames.reportsOf(reportDirectory, output);
        OutputPlaces.fittingNames(List.of(output, reports.text, reports.html, reports.summary));
        CaptureRun read = new CaptureRun(spark, List.of(InputPaths.forSource(capture.path)), line.flowOptions);
        run = read;
        List<FlowRunSummary.FileCounts> unreadable = read.summary.unreadableFiles();
        if (!unreadable.isEmpty()) {
          throw new CliFailure(unreadable.get(0).firstError);
        }
        Dataset<Row> selected = FlowOrdering.select(read.flows, line.protocols, line.maxFlows);
        ReportScan reportScan = new ReportScan(selected);
        FlowWriter.writeSingleFile(selected, FlowOrdering.outputOrder(selected), line.format, output,
            reportScan.firstPass(), firstPass -> reportScan.finishThen(firstPass, read::release));
        RunFacts facts = new RunFacts(capture.path.toAbsolutePath().toString(), analysisTime,
            (System.nanoTime() - fileStarted) / 1e9, filter(), line.maxFlows, 1, List.of(),
            List.of(output.toString()), SparkFacts.master(spark), SparkFacts.splitBytes(spark));
        FlowStatistics stats = RunReports.write(reports, facts, reportScan, read.summary, err);
        flows += stats.flows;
        out.printf(Locale.ROOT, "  %s: %d flows -> %s%n", name, stats.flows, output);
      } catch (Exception e) {
        // Spark's job failures are checked SparkExceptions thrown undeclared from Scala
        failures.add(name + ": " + ErrorLine.of(e));
        err.println("nexusflowmeter: " + name + ": " + ErrorLine.of(e));
        if (line.verbose) {
          e.printStackTrace(err);
        }
      } finally {
        // a capture that failed after its read (unreadable records, its output not written) keeps nothing on
        // the executors' disks while the next ones run; after a written output this deletes nothing more
        if (run != null) {
          run.release();
        }
      }
    }
    out.printf(Locale.ROOT, "nexusflowmeter: %d of %d captures, %d flows -> %s%s (%.1f s)%n",
        captures.size() - failures.size(), captures.size(), flows, outputDirectory,
        failures.isEmpty() ? "" : "; failed: " + failures.size(), (System.nanoTime() - started) / 1e9);
    return failures.isEmpty() ? 0 : 1;
  }

  private int merged(SparkSession spark) throws IOException {
    long started = System.nanoTime();
    OffsetDateTime analysisTime = OffsetDateTime.now();
    LocalDateTime runTime = analysisTime.toLocalDateTime();
    List<String> failures = new ArrayList<>();
    CaptureRun run = readAll(spark, failures);
    for (FlowRunSummary.FileCounts bad : run.summary.unreadableFiles()) {
      String name = OutputPlaces.fileName(bad.path);
      failures.add(name + ": " + bad.firstError);
      err.println("nexusflowmeter: " + name + ": " + bad.firstError);
    }
    if (failures.size() == captures.size()) {
      throw new CliFailure("none of the " + captures.size() + " captures in " + line.inputDirectory
          + " could be read");
    }
    Dataset<Row> selected = FlowOrdering.select(run.flows, line.protocols, line.maxFlows);
    FlowSortOrder order = FlowOrdering.outputOrder(selected);
    if (!QuickPreview.approved(line, selected, out)) {
      return 0;
    }
    Path output = OutputNames.mergedOutput(outputDirectory, runTime, line.format);
    ReportScan reportScan = new ReportScan(selected);
    FlowWriter.writeSingleFile(selected, order, line.format, output, reportScan.firstPass(),
        firstPass -> reportScan.finishThen(firstPass, run::release));
    RunFacts facts = new RunFacts(line.inputDirectory.toAbsolutePath().toString(), analysisTime,
        (System.nanoTime() - started) / 1e9, filter(), line.maxFlows, captures.size(), failures,
        List.of(output.toString()), SparkFacts.master(spark), SparkFacts.splitBytes(spark));
    OutputNames.ReportFiles reports = OutputNames.mergedReports(reportDirectory, runTime);
    FlowStatistics stats = RunReports.write(reports, facts, reportScan, run.summary, err);
    out.printf(Locale.ROOT, "nexusflowmeter: %d of %d captures, %d flows -> %s; report %s%s (%.1f s)%n",
        captures.size() - failures.size(), captures.size(), stats.flows, output, reports.text,
        failures.isEmpty() ? "" : "; failed: " + failures.size(), (System.nanoTime() - started) / 1e9);
    return failures.isEmpty() ? 0 : 1;
  }

  /**
   * All captures as one read, files kept apart. A capture that breaks the read itself (a damaged compressed
   * file fails its task) fails the whole job: then each capture is read alone to find the ones that fail, which
   * are added to {@code failures}, and the others are read together again.
   */
  private CaptureRun readAll(SparkSession spark, List<String> failures) {
    List<String> sources = new ArrayList<>();
    for (CaptureDiscovery.Capture capture : captures) {
      sources.add(InputPaths.forSource(capture.path));
    }
    try {
      return new CaptureRun(spark, sources, line.flowOptions.withFilesKeptApart(true));
    } catch (Exception e) {
      List<String> readable = new ArrayList<>();
      for (int i = 0; i < captures.size(); i++) {
        try {
          spark.read().format("pcap").load(sources.get(i)).agg(max(col("file_offset"))).first();
          readable.add(sources.get(i));
        } catch (Exception alone) {
          String name = captures.get(i).path.getFileName().toString();
          failures.add(name + ": " + ErrorLine.of(alone));
          err.println("nexusflowmeter: " + name + ": " + ErrorLine.of(alone));
        }
      }
      if (readable.isEmpty()) {
        throw new CliFailure("none of the " + captures.size() + " captures in " + line.inputDirectory
            + " could be read");
      }
      if (readable.size() == sources.size()) {
        throw new CliFailure(ErrorLine.of(e));
      }
      return new CaptureRun(spark, readable, line.flowOptions.withFilesKeptApart(true));
    }
  }

  private String filter() {
    return line.protocols.selectsAll() ? null : line.protocols.describe();
  }
}
