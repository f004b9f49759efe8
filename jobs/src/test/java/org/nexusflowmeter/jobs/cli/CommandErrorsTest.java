package org.nexusflowmeter.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes a user makes: one line naming the problem on standard error, exit 1 (the run) or 2 (the command
 * line), no stack trace, nothing written. And {@code --help}, which names every option the parser takes.
 */
class CommandErrorsTest {
  /** Every option CommandLineParser knows. */
  private static final List<String> OPTIONS = List.of("-h", "--help", "-d", "--directory", "-c", "--output-dir",
      "--merge", "--protocols", "--max-flows", "-of", "--output-format", "--quick-preview", "-y", "--yes",
      "--split-by-protocol", "--stream", "--chunk-size", "--max-workers", "--flow-timeout", "--active-timeout",
      "--report-dir", "-v", "--verbose", "--master");
  private static SparkSession spark;
  @TempDir
  static Path captures;
  private static Path capture;

  @BeforeAll
  static void start() throws Exception {
    spark = CliRun.spark("CommandErrorsTest");
    capture = CliCaptures.udpFlow(1, 2).write(captures.resolve("udp.pcap"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void runProblemsAreOneLineAndExitOne(@TempDir Path dir) throws Exception {
    assertOneLine(CliRun.of(spark, dir.resolve("missing.pcap"), dir.resolve("o.csv")), 1,
        "nexusflowmeter: error: capture not found: " + dir.resolve("missing.pcap"));
    Path text = Files.writeString(dir.resolve("text.pcap"), "hello", StandardCharsets.US_ASCII);
    CliRun notCapture = CliRun.of(spark, text, dir.resolve("o.csv"));
    assertOneLine(notCapture, 1, "nexusflowmeter: error: " + text + ": not a pcap or pcapng file: magic");
    Path file = Files.writeString(dir.resolve("plain"), "a file", StandardCharsets.US_ASCII);
    assertOneLine(CliRun.of(spark, capture, file.resolve("o.csv")), 1,
        "nexusflowmeter: error: cannot create the output directory " + file);
    Files.createDirectory(dir.resolve("taken.csv"));
    assertOneLine(CliRun.of(spark, capture, dir.resolve("taken")), 1,
        "nexusflowmeter: error: the output " + dir.resolve("taken.csv") + " is a directory");
    assertOneLine(CliRun.of(spark, dir, dir.resolve("o.csv")), 1,
        "nexusflowmeter: error: " + dir + " is a directory: use -d DIR -c OUTDIR");
    assertFalse(Files.exists(dir.resolve("o.csv")));
  }

  @Test
  void commandLineProblemsExitTwo(@TempDir Path dir) {
    String out = dir.resolve("o.csv").toString();
    assertOneLine(CliRun.of(spark), 2, "nexusflowmeter: error: need PCAP_FILE and OUTPUT_FILE, or -d DIR -c OUTDIR");
    assertOneLine(CliRun.of(spark, capture, out, "--max-flows", "ten"), 2,
        "nexusflowmeter: error: --max-flows takes a whole number, not 'ten'");
    assertOneLine(CliRun.of(spark, capture, out, "--flow-timeout", "-1"), 2,
        "nexusflowmeter: error: --flow-timeout must not be negative: -1");
    assertOneLine(CliRun.of(spark, capture, out, "-of", "xml"), 2,
        "nexusflowmeter: error: -of: unknown output format 'xml' (valid: csv, json, parquet, xlsx)");
    assertOneLine(CliRun.of(spark, capture, out, "--chunk-size", "0"), 2,
        "nexusflowmeter: error: --chunk-size must be between 1 and");
    assertOneLine(CliRun.of(spark, capture, out, "--bogus"), 2, "nexusflowmeter: error: unknown option --bogus");
    assertOneLine(CliRun.of(spark, capture, out, "-d", dir), 2, "nexusflowmeter: error: give either PCAP_FILE");
    assertOneLine(CliRun.of(spark, "-d", dir), 2, "nexusflowmeter: error: -d DIR needs -c OUTDIR");
    assertOneLine(CliRun.of(spark, capture, out, "--max-workers"), 2,
        "nexusflowmeter: error: --max-workers needs a value");
    assertFalse(Files.exists(dir.resolve("o.csv")));
  }

  @Test
  void helpNamesEveryOptionAndEveryOptionIsTaken(@TempDir Path dir) {
    CliRun help = CliRun.of(spark, "--help");
    assertEquals(0, help.code);
    for (String option : OPTIONS) {
      assertTrue(help.out.matches("(?s).*[ ,]" + option + "[ ,\n].*"), option + "\n" + help.out);
      CliRun parsed = CliRun.of(spark, option, "1", "-h");
      assertFalse(parsed.err.contains("unknown option"), option + ": " + parsed.log());
    }
  }

  @Test
  void optionsOfTheOtherModeAreWarningsAndVerboseShowsTheStackTrace(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of(spark, capture, dir.resolve("o.csv"), "--merge", "-c", dir, "--stream", "-y");
    assertEquals(0, run.code, run.log());
    assertEquals(List.of("nexusflowmeter: warning: -c applies to batch mode (-d); ignored",
        "nexusflowmeter: warning: --merge applies to batch mode (-d); ignored"), run.err.lines().toList());
    Path text = Files.writeString(dir.resolve("text.pcap"), "hello", StandardCharsets.US_ASCII);
    CliRun verbose = CliRun.of(spark, text, dir.resolve("v.csv"), "--verbose");
    assertEquals(1, verbose.code);
    assertTrue(verbose.err.contains("\tat org.nexusflowmeter.jobs.cli."), verbose.log());
  }

  private static void assertOneLine(CliRun run, int code, String start) {
    assertEquals(code, run.code, run.log());
    List<String> lines = run.err.lines().toList();
    assertTrue(lines.get(0).startsWith(start), run.log());
    // a usage error adds the usage line; nothing else, and never a stack trace
    assertEquals(code == 2 ? 2 : 1, lines.size(), run.log());
    assertFalse(run.err.contains("\tat "), run.log());
  }
}
