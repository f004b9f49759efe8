package org.nexusflowmeter.jobs.flows;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * What the {@code ./nexusflowmeter} launcher runs: {@code INPUT OUTPUT [-of csv|json|parquet|xlsx]
 * [--flow-timeout S]} on embedded Spark, writing exactly the local file OUTPUT (flows ordered by start time).
 */
public final class FlowFileMain {
  private FlowFileMain() {}

  public static void main(String[] args) {
    String input = null;
    String output = null;
    FlowOutputFormat format = FlowOutputFormat.CSV;
    FlowJobOptions options = FlowJobOptions.defaults();
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-of") || arg.equals("--output-format")) {
          format = FlowOutputFormat.parse(value(args, ++i, arg));
        } else if (arg.equals("--flow-timeout")) {
          options = options.withIdleTimeout(Seconds.parse(arg, value(args, ++i, arg)));
        } else if (arg.startsWith("-")) {
          throw new IllegalArgumentException("unknown option " + arg);
        } else if (input == null) {
          input = arg;
        } else if (output == null) {
          output = arg;
        } else {
          throw new IllegalArgumentException("unexpected argument " + arg);
        }
      }
      if (output == null) {
        throw new IllegalArgumentException("need INPUT and OUTPUT");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: nexusflowmeter INPUT OUTPUT [-of csv|json|parquet|xlsx] [--flow-timeout S]");
      System.exit(2);
      return;
    }
    FlowOutputFormat chosen = format;
    Path target = Path.of(output);
    SparkSession spark = SparkSession.builder().appName("nexusflowmeter").master("local[*]")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      FlowRunSummary summary = FlowJobMain.run(spark, List.of(input), options,
          flows -> FlowWriter.writeSingleFile(flows, chosen, target));
      System.err.print(summary);
      System.err.println("wrote " + target);
    } finally {
      spark.stop();
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
