package org.nexusflowmeter.jobs.report.html;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One self-contained HTML file with the flow table's charts and headline numbers (issue 4, reports). */
public final class HtmlReport {
  private HtmlReport() {}

  /** Writes the report of {@code flows} (the flow job's table) to {@code file}, replacing it atomically. */
  public static void write(Dataset<Row> flows, String title, Path file) {
    throw new UnsupportedOperationException("HTML report not written yet");
  }
}
