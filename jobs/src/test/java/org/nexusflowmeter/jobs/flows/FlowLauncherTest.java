package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  @Test
  void writesExactlyOneCsvFileWithAHeaderAndTheOraclesFlowCount(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("flows.csv");
    run(SAMPLE.toString(), output.toString());

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(output), files.collect(Collectors.toList()), "only the output file, no parts left");
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(String.join(",", FlowColumns.outputSchema(false).fieldNames()), lines.get(0));
    assertEquals(40, lines.size() - 1);
    // ordered by start time, ISO-8601 UTC with microseconds
    List<String> starts = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[6])
        .collect(Collectors.toList());
    assertEquals(starts.stream().sorted().collect(Collectors.toList()), starts);
    assertEquals("2026-11-26T23:20:45.184207Z", starts.get(0));
  }

  @Test
  void writesJsonLinesWithTheGivenFlowTimeout(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("flows.json");
    run(SAMPLE.toString(), output.toString(), "-of", "json", "--flow-timeout", "0.5");

    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(41, lines.size());
    // null fields are written as null, not left out
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"tcp_flags\":null")), lines.get(0));
  }

  private static void run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("nexusflowmeter").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NEXUSFLOWMETER_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), log);
    assertEquals(0, process.exitValue(), log);
  }
}
