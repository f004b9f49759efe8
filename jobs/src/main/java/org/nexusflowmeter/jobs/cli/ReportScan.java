package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.jobs.report.scan.FlowTableScan;
import org.nexusflowmeter.jobs.report.scan.FlowTableSummary;

/**
 * The reports' scan of a flow table ({@link FlowTableScan#report}), run on a thread of its own once the output
 * needs no more Spark tasks: the output's last step, the driver merging the tasks' sorted runs into one file,
 * keeps one core busy and leaves the others to the scan's tasks (started earlier, the scan's jobs would only
 * queue before or between the output's).
 */
final class ReportScan {
  private final FutureTask<FlowTableSummary> scan;
  private boolean started;

  ReportScan(Dataset<Row> flows) {
    this.scan = new FutureTask<>(() -> FlowTableScan.report(flows));
  }

  /** Starts the scan, if it is not running yet. */
  void start() {
    if (!started) {
      started = true;
      Thread thread = new Thread(scan, "nexusflowmeter-report-scan");
      // a run that fails while writing ends without waiting for the scan
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** The scan's result, once it is there (starting it if need be); its failure, if it failed. */
  FlowTableSummary result() throws IOException {
    start();
    try {
      return scan.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the reports' scan ran", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      // Spark's job failures are checked SparkExceptions thrown undeclared from Scala
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
