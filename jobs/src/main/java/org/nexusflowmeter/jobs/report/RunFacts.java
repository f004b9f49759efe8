package org.nexusflowmeter.jobs.report;

import java.time.OffsetDateTime;
import java.util.List;

/** What a report says about the run itself, beside the flow numbers: what was read, when, how, and what failed. */
public final class RunFacts {
  /** The capture, or the directory of a batch. */
  public final String source;
  public final OffsetDateTime analysisTime;
  public final double processingSeconds;
  /** The --protocols list, or null when every flow is kept. */
  public final String protocolFilter;
  /** The --max-flows limit, 0 for none. */
  public final long maxFlows;
  /** Captures found (1 in single-file mode). */
  public final int filesFound;
  /** "file: reason" of every capture that could not be read. */
  public final List<String> failures;
  /** The files the flows were written to. */
  public final List<String> outputs;
  /** Where Spark ran: local[N] or the cluster's URL. */
  public final String sparkMaster;
  /**
   * The largest split size a capture is read in (spark.sql.files.maxPartitionBytes); a small input is cut smaller to
   * spread it over the cores.
   */
  public final long splitBytes;

  public RunFacts(String source, OffsetDateTime analysisTime, double processingSeconds, String protocolFilter,
      long maxFlows, int filesFound, List<String> failures, List<String> outputs, String sparkMaster,
      long splitBytes) {
    this.source = source;
    this.analysisTime = analysisTime;
    this.processingSeconds = processingSeconds;
    this.protocolFilter = protocolFilter;
    this.maxFlows = maxFlows;
    this.filesFound = filesFound;
    this.failures = List.copyOf(failures);
    this.outputs = List.copyOf(outputs);
    this.sparkMaster = sparkMaster;
    this.splitBytes = splitBytes;
  }
}
