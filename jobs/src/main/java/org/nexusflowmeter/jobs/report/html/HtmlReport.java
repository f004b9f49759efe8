package org.nexusflowmeter.jobs.report.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.jobs.files.HiddenFiles;
import org.nexusflowmeter.jobs.files.HiddenSibling;
import org.nexusflowmeter.jobs.report.scan.FlowTableScan;
import org.nexusflowmeter.jobs.report.scan.FlowTableSummary;

/**
 * The HTML report of a flow table (issue 4, reports): one self-contained file with the headline numbers and
 * charts of the protocol mix, top talkers, traffic over time, flow durations, flow sizes and TCP connection
 * states. The numbers come from one scan of the flow table ({@link FlowTableScan#report}); only small
 * per-partition summaries reach the driver.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Writes the report of {@code flows} (the table {@code FlowJob.flows} returns) to {@code file}. The page is
   * written to a temporary file beside {@code file} and renamed onto it, so {@code file} is never half-written.
   *
   * @throws UncheckedIOException when the file cannot be written; {@code file} is then left as it was
   */
  public static void write(Dataset<Row> flows, String title, Path file) {
    write(FlowTableScan.report(flows), title, file);
  }

  /**
   * Writes the report of a table {@link FlowTableScan#report} scanned (the scan the text reports can share).
   *
   * @throws UncheckedIOException when the file cannot be written; {@code file} is then left as it was
   */
  public static void write(FlowTableSummary table, String title, Path file) {
    String page = ReportPage.html(title, FlowAggregates.of(table));
    Path target = file.toAbsolutePath();
    Path temporary = HiddenSibling.of(target, "." + UUID.randomUUID() + ".tmp");
    try {
      HiddenFiles.deletedAfter(() -> {
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
          out.write(page);
        }
        return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }, () -> Files.deleteIfExists(temporary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report " + target + ": " + e.getMessage(), e);
    }
  }
}
