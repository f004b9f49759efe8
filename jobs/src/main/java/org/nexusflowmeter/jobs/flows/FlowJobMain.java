package org.nexusflowmeter.jobs.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The flow job for spark-submit:
 * {@code INPUT... --output PATH [--format csv|json|parquet|xlsx] [--flow-timeout S] [--active-timeout S]
 * [--per-file] [--master URL]}. Inputs are anything the pcap source loads (files, directories, globs; any Hadoop
 * scheme); the output is a directory of part files (an XLSX is one local file written on the driver). Without
 * --per-file all inputs are read as one capture. The run summary goes to standard error.
 */
public final class FlowJobMain {
  private FlowJobMain() {}

  static final class Arguments {
    final List<String> inputs = new ArrayList<>();
    String output;
    FlowOutputFormat format = FlowOutputFormat.CSV;
    FlowJobOptions options = FlowJobOptions.defaults();
    String master;

    static Arguments parse(String[] args) {
      Arguments parsed = new Arguments();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--output":
            parsed.output = value(args, ++i, arg);
            break;
          case "--format":
            parsed.format = FlowOutputFormat.parse(value(args, ++i, arg));
            break;
          case "--flow-timeout":
            parsed.options = parsed.options.withIdleTimeout(Seconds.parse(arg, value(args, ++i, arg)));
            break;
          case "--active-timeout":
            parsed.options = parsed.options.withActiveTimeout(Seconds.parse(arg, value(args, ++i, arg)));
            break;
          case "--per-file":
            parsed.options = parsed.options.withFilesKeptApart(true);
            break;
          case "--master":
            parsed.master = value(args, ++i, arg);
            break;
          default:
            if (arg.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            parsed.inputs.add(arg);
        }
      }
      if (parsed.inputs.isEmpty() || parsed.output == null) {
        throw new IllegalArgumentException("need at least one INPUT and --output PATH");
      }
      return parsed;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  public static void main(String[] args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: FlowJobMain INPUT... --output PATH [--format csv|json|parquet|xlsx]"
          + " [--flow-timeout S] [--active-timeout S] [--per-file] [--master URL]");
      System.exit(2);
      return;
    }
    SparkSession spark = session("FlowJob", arguments.master);
    try {
      FlowRunSummary summary = run(spark, arguments.inputs, arguments.options,
          flows -> FlowWriter.writeDirectory(flows, arguments.format, arguments.output));
      System.err.print(summary);
    } finally {
      spark.stop();
    }
  }

  /**
   * A session on the given master, else spark-submit's, else embedded ({@code local[*]}); the flow job's
   * serializer ({@link FlowJobSerializer}) unless the submitter chose one.
   */
  static SparkSession session(String appName, String master) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    SparkConf submitted = new SparkConf();
    if (master != null) {
      builder.master(master);
    } else if (!submitted.contains("spark.master")) {
      builder.master("local[*]");
    }
    if (!submitted.contains("spark.serializer")) {
      FlowJobSerializer.configure(builder);
    }
    return builder.getOrCreate();
  }

  /** Reads the inputs, computes the flows (once: {@link FlowJob#run} keeps them) and hands them to the writer. */
  static FlowRunSummary run(SparkSession spark, List<String> inputs, FlowJobOptions options,
      java.util.function.Consumer<Dataset<Row>> writer) {
    Dataset<Row> packets = spark.read().format("pcap").load(inputs.toArray(new String[0]));
    FlowJobRun run = FlowJob.run(packets, options);
    writer.accept(run.flows());
    return FlowRunSummary.of(run);
  }
}
