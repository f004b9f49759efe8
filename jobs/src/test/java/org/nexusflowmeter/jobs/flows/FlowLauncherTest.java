package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./nexusflowmeter} launcher on the README's sample capture, run as a user would (a JVM of its own),
 * on this test's classpath so that it builds nothing. Expected flow counts come from the oracle on
 * samples/lo-sample.pcap: {@code fields.sh} then {@code flows_from_fields.py --tcp-end synafterclose --order time}
 * gives 40 flows with {@code --idle-timeout 60} and 41 with {@code --idle-timeout 0.5}.
 */
class FlowLauncherTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path SAMPLE = ROOT.resolve("samples/lo-sample.pcap");
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  /** Exit code and the two streams of one run. */
  private static final class Run {
    int code;
    String out;
    String err;

    String log() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  @Test
  void helpAndAnErrorNeedNoSpark(@TempDir Path dir) throws Exception {
    Run help = run(dir, List.of("--help"));
    assertEquals(0, help.code, help.log());
    assertTrue(help.out.startsWith("usage: nexusflowmeter PCAP_FILE OUTPUT_FILE [options]"), help.log());
    Run missing = run(dir, List.of(dir.resolve("none.pcap").toString(), dir.resolve("o.csv").toString()));
    assertEquals(1, missing.code, missing.log());
    assertEquals(List.of("nexusflowmeter: error: capture not found: " + dir.resolve("none.pcap")),
        withoutJvmNotice(missing.err), missing.log());
  }

  @Test
  void jsonArrayWithTheFlowTimeoutOnOneWorkerAndOneMebibyteSplitsQuietly(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("flows.json");
    Run run = run(dir, List.of(SAMPLE.toString(), output.toString(), "-of", "json", "--flow-timeout", "0.5",
        "--stream", "--max-workers", "1", "--chunk-size", "1"));
    assertEquals(0, run.code, run.log());
    assertEquals(List.of(), withoutJvmNotice(run.err), "no Spark log lines without --verbose");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("flows.json", "flows_flow_report.html", "flows_flow_report.txt", "flows_summary.json"),
          files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()), "no parts left");
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode flows = json.readTree(output.toFile());
    assertEquals(41, flows.size());
    List<Long> bytes = new ArrayList<>();
    flows.forEach(f -> bytes.add(f.get("total_bytes").asLong()));
    assertEquals(bytes.stream().sorted((a, b) -> Long.compare(b, a)).collect(Collectors.toList()), bytes);
    JsonNode summary = json.readTree(dir.resolve("flows_summary.json").toFile());
    assertEquals("local[1]", summary.get("spark_master").asText());
    assertEquals(1L << 20, summary.get("split_bytes").asLong());
    assertEquals(464, summary.at("/run/packets").asLong());
  }

  @Test
  void previewAsksAtATerminalAndNoWritesNothing(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "util-linux script (a pseudo-terminal) is missing");
    Path output = dir.resolve("flows.csv");
    // script(1) gives the launcher a terminal for stdin and stdout; "n" is typed at the question
    String command = String.join(" ", quoted(ROOT.resolve("nexusflowmeter").toString()), quoted(SAMPLE.toString()),
        quoted(output.toString()), "--quick-preview", "3");
    ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qec", command, "/dev/null");
    Run run = start(builder, "n\n");
    assertEquals(0, run.code, run.log());
    assertTrue(run.out.contains("Continue with conversion? (y/n)"), run.log());
    assertTrue(run.out.contains("Conversion cancelled: nothing written."), run.log());
    assertTrue(run.out.contains("   1  127.0.0.1:"), run.log());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "nothing written");
    }
  }

  /**
   * The launcher runs C1 alone for a local capture under 512 MiB and both compilers otherwise (its comment says
   * why), as the JVM's final flags show. The large captures are sparse files (no disk used); every run is asked
   * for --help as well, so that it ends before Spark starts.
   */
  @Test
  void compilersFollowTheCapturesSize(@TempDir Path dir) throws Exception {
    Path big = sparse(dir.resolve("big.pcap"), 600L << 20);
    Path small = sparse(dir.resolve("small.pcap"), 100);
    Path batch = Files.createDirectory(dir.resolve("batch"));
    sparse(batch.resolve("a.pcap.gz"), 60L << 20); // ten times its size: 600 MiB
    Path out = dir.resolve("o.csv");
    assertEquals(1, stopLevel(dir, Map.of(), List.of(SAMPLE.toString(), out.toString())));
    assertEquals(4, stopLevel(dir, Map.of(), List.of(big.toString(), out.toString())));
    assertEquals(4, stopLevel(dir, Map.of(), List.of("-c", dir.resolve("out").toString(), "-d", batch.toString())));
    assertEquals(1, stopLevel(dir, Map.of(), List.of(small.toString(), out.toString())));
    assertEquals(4, stopLevel(dir, Map.of("NEXUSFLOWMETER_JIT", "tiered"), List.of(small.toString(), out.toString())));
    assertEquals(1, stopLevel(dir, Map.of("NEXUSFLOWMETER_JIT", "c1"), List.of(big.toString(), out.toString())));
    assertEquals(4, stopLevel(dir, Map.of(), List.of("hdfs://127.0.0.1:1/none.pcap", out.toString())));
  }

  private static Path sparse(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    return file;
  }

  /** The JVM's TieredStopAtLevel for a launcher run with these arguments (its output checked for the line). */
  private static int stopLevel(Path dir, Map<String, String> env, List<String> args) throws Exception {
    List<String> withHelp = new ArrayList<>(args);
    withHelp.add("--help");
    ProcessBuilder builder = launcher(dir, withHelp);
    builder.environment().putAll(env);
    builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal");
    Run run = start(builder, "");
    assertEquals(0, run.code, run.log());
    Matcher level = Pattern.compile("\\bTieredStopAtLevel\\s+= (\\d+)").matcher(run.out);
    assertTrue(level.find(), run.log());
    return Integer.parseInt(level.group(1));
  }

  private static Run run(Path dir, List<String> args) throws IOException, InterruptedException {
    return start(launcher(dir, args), "");
  }

  /** The launcher with these arguments, run in {@code dir}. */
  private static ProcessBuilder launcher(Path dir, List<String> args) {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("nexusflowmeter").toString()));
    command.addAll(args);
    return new ProcessBuilder(command).directory(dir.toFile());
  }

  private static Run start(ProcessBuilder builder, String input) throws IOException, InterruptedException {
    builder.environment().put("NEXUSFLOWMETER_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    Run run = new Run();
    // stderr is small (one line at most without --verbose); read stdout to its end first
    run.out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    run.err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(3, TimeUnit.MINUTES), run.log());
    run.code = process.exitValue();
    return run;
  }

  /** Standard error without the JVM's notice about the vector incubator module (Spark's JVM flags). */
  private static List<String> withoutJvmNotice(String err) {
    return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).collect(Collectors.toList());
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
