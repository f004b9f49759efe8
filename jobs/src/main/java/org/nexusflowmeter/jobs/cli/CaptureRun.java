package org.nexusflowmeter.jobs.cli;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nexusflowmeter.jobs.flows.FlowJob;
import org.nexusflowmeter.jobs.flows.FlowJobRun;
import org.nexusflowmeter.jobs.flows.FlowJobOptions;
import org.nexusflowmeter.jobs.flows.FlowRunSummary;

/**
 * One read of one or more captures: the flow table, computed once (the flow job keeps it as a checkpoint that
 * the summary, selection, output and reports all read), and the run summary that tells which files could not
 * be read.
 */
final class CaptureRun {
  final Dataset<Row> flows;
  final FlowRunSummary summary;
  private final FlowJobRun run;

  CaptureRun(SparkSession spark, List<String> sources, FlowJobOptions options) {
    Dataset<Row> packets = spark.read().format("pcap").load(sources.toArray(new String[0]));
    this.run = FlowJob.run(packets, options);
    this.flows = run.flows();
    this.summary = FlowRunSummary.of(run);
  }

  /** Deletes the flow table's kept rows: nothing reads {@link #flows} after this ({@link FlowJobRun#release}). */
  void release() {
    run.release();
  }
}
