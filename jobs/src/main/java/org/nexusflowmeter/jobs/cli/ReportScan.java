package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.jobs.flows.ThreadFailures;
import org.nexusflowmeter.jobs.report.scan.FlowTableFirstPass;
import org.nexusflowmeter.jobs.report.scan.FlowTableScan;
import org.nexusflowmeter.jobs.report.scan.FlowTableSummary;

/**
 * The reports' scan of a flow table ({@link FlowTableScan#report}), run on a thread of its own once the output
 * needs no more Spark tasks (started earlier, the scan's jobs would only queue before or between the output's).
 * A single output file waits for it ({@link #finishThen}) before the driver merges the tasks' sorted runs, so
 * that the table's kept rows can be deleted first and their memory takes the merged file; the per-protocol
 * files, which read the table again, let it run beside their merges. When the output's tasks made the scan's
 * first pass as they wrote the flows ({@link #firstPass}), the scan starts from it and reads the table once
 * instead of twice.
 */
final class ReportScan {
  private final Dataset<Row> flows;
  private FutureTask<FlowTableSummary> scan;

  ReportScan(Dataset<Row> flows) {
    this.flows = flows;
  }

  /** What the output's tasks fold the flows they write into: the scan's first pass. */
  Function0<FlowTableFirstPass> firstPass() {
    return FlowTableFirstPass.of(flows.schema());
  }

  /** Starts the whole scan, if it is not running yet. */
  void start() {
    start(null);
  }

  /** Starts the scan from {@code firstPass} (the whole scan if it is null), if it is not running yet. */
  void start(FlowTableFirstPass firstPass) {
    if (scan == null) {
      scan = new FutureTask<>(
          () -> firstPass == null ? FlowTableScan.report(flows) : FlowTableScan.report(flows, firstPass));
      Thread thread = new Thread(scan, "nexusflowmeter-report-scan");
      // a run that fails while writing ends without waiting for the scan
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Starts the scan from {@code firstPass} (as {@link #start(FlowTableFirstPass)}), waits for it to end, then
   * runs {@code tableDone}: the table is read no more. A failed scan still runs it ({@link #result} reports the
   * failure); an interrupted wait does not.
   */
  void finishThen(FlowTableFirstPass firstPass, Runnable tableDone) {
    start(firstPass);
    try {
      scan.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException e) {
      // reported by result()
    }
    tableDone.run();
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
      throw ThreadFailures.cause(e);
    }
  }
}
