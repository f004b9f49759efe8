package org.nexusflowmeter.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.nexusflowmeter.jobs.flows.FlowJobSerializer;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/** One in-process run of the command on a test's Spark session: exit code, standard output and error. */
final class CliRun {
  final int code;
  final String out;
  final String err;

  private CliRun(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  /** A test session that serializes as the command's own session does ({@link FlowJobSerializer}). */
  static SparkSession spark(String appName) {
    return FlowJobSerializer.configure(LocalSpark.builder("local[2]", appName)).getOrCreate();
  }

  static CliRun of(SparkSession spark, Object... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] text = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
    int code = new NexusFlowMeter(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(text, spark);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Both streams, for assertion messages. */
  String log() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }

  /** The names of the files in {@code dir}, sorted, hidden ones included. */
  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
