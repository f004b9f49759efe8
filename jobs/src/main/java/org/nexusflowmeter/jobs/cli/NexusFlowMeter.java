package org.nexusflowmeter.jobs.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code nexusflowmeter} command (what the launcher script runs): the original tool's command line on
 * Spark. Errors are one line on standard error and a non-zero exit code (2 for the command line, 1 for the
 * run); {@code --verbose} adds the stack trace.
 */
public final class NexusFlowMeter {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final PrintStream out;
  private final PrintStream err;

  NexusFlowMeter(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new NexusFlowMeter(System.out, System.err).run(args, null));
  }

  /**
   * Runs the command line and returns its exit code. With {@code spark} null the command starts its own session
   * (after the checks that need none) and stops it; otherwise it runs on the given one and leaves it running.
   */
  int run(String[] args, SparkSession spark) {
    CommandLineParser parser = new CommandLineParser();
    CommandLine line;
    try {
      line = parser.parse(args);
    } catch (UsageException e) {
      err.println("nexusflowmeter: error: " + e.getMessage());
      err.println("usage: nexusflowmeter PCAP_FILE OUTPUT_FILE [options] | -d DIR -c OUTDIR [options] (--help)");
      return USAGE;
    }
    if (line.help) {
      out.print(HelpText.TEXT);
      return OK;
    }
    for (String warning : parser.warnings()) {
      err.println("nexusflowmeter: warning: " + warning);
    }
    RunMode mode = line.batch() ? new BatchMode(line, out, err) : new SingleFileMode(line, out, err);
    SparkSession session = spark;
    try {
      mode.prepare();
      if (session == null) {
        session = CliSpark.start(line);
      }
      return mode.execute(session);
    } catch (Exception | LinkageError e) {
      err.println("nexusflowmeter: error: " + ErrorLine.of(e));
      if (line.verbose) {
        e.printStackTrace(err);
      }
      return FAILED;
    } finally {
      if (spark == null && session != null) {
        session.stop();
      }
    }
  }
}
