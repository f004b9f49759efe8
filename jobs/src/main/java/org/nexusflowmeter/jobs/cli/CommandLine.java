package org.nexusflowmeter.jobs.cli;

import java.nio.file.Path;
import org.nexusflowmeter.jobs.flows.FlowJobOptions;
import org.nexusflowmeter.jobs.flows.FlowOutputFormat;

/** One parsed {@code nexusflowmeter} command line (see {@link HelpText} for what each option means). */
final class CommandLine {
  boolean help;
  /** Single-file mode: the capture and the output file as typed. */
  Path pcapFile;
  Path outputFile;
  /** Batch mode: the directory of captures and the output directory. */
  Path inputDirectory;
  Path outputDirectory;
  boolean merge;
  ProtocolSelection protocols = ProtocolSelection.ALL;
  /** 0: no limit. */
  long maxFlows;
  FlowOutputFormat format = FlowOutputFormat.CSV;
  /** 0: no preview. */
  int quickPreview;
  boolean yes;
  boolean splitByProtocol;
  boolean stream;
  /** Split size in MiB, or 0 for Spark's default. */
  long chunkSizeMb;
  /** Local parallelism, or 0 for one thread per core. */
  int maxWorkers;
  FlowJobOptions flowOptions = FlowJobOptions.defaults();
  Path reportDirectory;
  boolean verbose;
  /** Spark master URL, or null for embedded Spark. */
  String master;

  boolean batch() {
    return inputDirectory != null;
  }
}
