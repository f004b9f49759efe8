package org.nexusflowmeter.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -d DIR -c OUTDIR} on a directory of hand-built captures in every container and letter case, a
 * gzip-compressed one, a file that is no capture, one that is not the gzip its name says (its read fails), a
 * text file and a subdirectory (not read: not recursive).
 */
class BatchCommandTest {
  private static SparkSession spark;
  @TempDir
  static Path in;

  @BeforeAll
  static void start() throws Exception {
    spark = CliRun.spark("BatchCommandTest");
    CliCaptures.mixed().write(in.resolve("a.pcap"));
    CliCaptures.smallPcapng(1, 3).write(in.resolve("B.PCAPNG"));
    CliCaptures.gzip(CliCaptures.udpFlow(3, 4).bytes(), in.resolve("c.Cap.gz"));
    CliCaptures.udpFlow(4, 2).write(in.resolve("d.dmp"));
    Files.writeString(in.resolve("garbage.pcap"), "this is not a capture", StandardCharsets.US_ASCII);
    Files.writeString(in.resolve("broken.pcap.gz"), "not gzip either", StandardCharsets.US_ASCII);
    Files.writeString(in.resolve("notes.txt"), "not a capture name", StandardCharsets.US_ASCII);
    Files.createDirectory(in.resolve("sub"));
    CliCaptures.udpFlow(5, 1).write(in.resolve("sub/e.pcap"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyReadableCaptureIsFinishedAndTheBadOneReported(@TempDir Path out) throws Exception {
    Set<Integer> keptBefore = keptTables();
    CliRun run = CliRun.of(spark, "-d", in, "-c", out);
    // the broken gzip fails its read, garbage.pcap is read but unreadable: neither keeps its flow table
    assertEquals(keptBefore, keptTables(), run.log());
    assertEquals(1, run.code, run.log());
    List<String> errors = run.err.lines().collect(Collectors.toList());
    assertEquals(2, errors.size(), run.log());
    assertTrue(errors.get(0).startsWith("nexusflowmeter: broken.pcap.gz: "), run.log());
    assertTrue(errors.get(1).startsWith("nexusflowmeter: garbage.pcap: not a pcap or pcapng file"), run.log());
    assertEquals(List.of("B_flows.csv", "B_flows_flow_report.html", "B_flows_flow_report.txt",
        "B_flows_summary.json", "a_flows.csv", "a_flows_flow_report.html", "a_flows_flow_report.txt",
        "a_flows_summary.json", "c_flows.csv", "c_flows_flow_report.html", "c_flows_flow_report.txt",
        "c_flows_summary.json", "d_flows.csv", "d_flows_flow_report.html", "d_flows_flow_report.txt",
        "d_flows_summary.json"), CliRun.names(out), run.log());
    assertEquals(9, new FlowCsv(out.resolve("a_flows.csv")).rows.size());
    assertEquals(List.of("3", "1"), new FlowCsv(out.resolve("B_flows.csv")).column("total_packets"));
    assertEquals(List.of("4"), new FlowCsv(out.resolve("c_flows.csv")).column("total_packets"));
    assertEquals(List.of("2"), new FlowCsv(out.resolve("d_flows.csv")).column("total_packets"));
    assertTrue(Files.readString(out.resolve("c_flows_flow_report.txt")).contains("Packets read: 4"));
    assertTrue(run.out.contains("nexusflowmeter: 4 of 6 captures, 13 flows -> " + out + "; failed: 2"), run.log());
  }

  @Test
  void mergeWritesOneFileWithSourceFileAndFlowsKeptPerFile(@TempDir Path dir) throws Exception {
    Path merge = Files.createDirectory(dir.resolve("in"));
    // one flow split over two files stays two rows, one per file
    CliCaptures.udpFlow(6, 3).write(merge.resolve("one.pcap"));
    CliCaptures.udpFlow(6, 2).write(merge.resolve("two.pcapng.PCAP"));
    Files.writeString(merge.resolve("bad.cap"), "no capture", StandardCharsets.US_ASCII);
    // a read that fails outright fails the joint read: the command finds the file alone and reads the others
    Files.writeString(merge.resolve("broken.pcap.gz"), "not gzip", StandardCharsets.US_ASCII);
    Path out = dir.resolve("out");
    CliRun run = CliRun.of(spark, "-d", merge, "-c", out, "--merge", "-of", "json", "--report-dir", dir.resolve("r"));
    assertEquals(1, run.code, run.log());
    List<String> errors = run.err.lines().collect(Collectors.toList());
    assertEquals(2, errors.size(), run.log());
    assertTrue(errors.get(0).startsWith("nexusflowmeter: broken.pcap.gz: "), run.log());
    assertTrue(errors.get(1).startsWith("nexusflowmeter: bad.cap: not a pcap or pcapng file"), run.log());

    List<String> outputs = CliRun.names(out);
    assertEquals(1, outputs.size(), outputs.toString());
    assertTrue(outputs.get(0).matches("merged_flows_\\d{8}_\\d{6}\\.json"), outputs.toString());
    JsonNode flows = new ObjectMapper().readTree(out.resolve(outputs.get(0)).toFile());
    assertEquals(2, flows.size());
    assertEquals("one.pcap", flows.get(0).get("source_file").asText());
    assertEquals(3, flows.get(0).get("total_packets").asLong());
    assertEquals("two.pcapng.PCAP", flows.get(1).get("source_file").asText());
    assertEquals(flows.get(0).get("flow_id"), flows.get(1).get("flow_id"));

    List<String> reports = CliRun.names(dir.resolve("r"));
    assertEquals(3, reports.size(), reports.toString());
    String text = Files.readString(dir.resolve("r").resolve(reports.stream()
        .filter(n -> n.matches("merged_flows_report_\\d{8}_\\d{6}\\.txt")).findFirst().orElseThrow()));
    for (String expected : List.of("Found: 4", "Processed: 2", "Failed to process: 2", "bad.cap: not a pcap",
        "Flows per Source File:", "  one.pcap: 1", "  two.pcapng.PCAP: 1")) {
      assertTrue(text.contains(expected), expected + "\n" + text);
    }
  }

  @Test
  void aCaptureWhoseOutputFailsKeepsNothingAndTheNextIsWritten(@TempDir Path dir) throws Exception {
    Path captures = Files.createDirectory(dir.resolve("in"));
    CliCaptures.udpFlow(7, 3).write(captures.resolve("a.pcap"));
    CliCaptures.udpFlow(8, 2).write(captures.resolve("b.pcap"));
    Path out = dir.resolve("out");
    // a directory at a's output name, as Spark's own Parquet writer leaves one: the output's tasks write its
    // Parquet file beside it, and the rename onto the directory fails. Parquet, not CSV: a CSV write releases the
    // table once its tasks are done, before its rename; a failed Parquet write leaves the release to batch mode
    Path taken = Files.createDirectories(out.resolve("a_flows.parquet"));
    Files.writeString(taken.resolve("part-00000.parquet"), "someone else's", StandardCharsets.US_ASCII);
    Set<Integer> keptBefore = keptTables();
    CliRun run = CliRun.of(spark, "-d", captures, "-c", out, "-of", "parquet");
    assertEquals(1, run.code, run.log());
    assertTrue(run.err.startsWith("nexusflowmeter: a.pcap: "), run.log());
    assertTrue(run.err.contains(taken + ": Is a directory"), run.log());
    assertEquals(List.of(2L), spark.read().parquet(out.resolve("b_flows.parquet").toString())
        .select("total_packets").as(Encoders.LONG()).collectAsList());
    assertEquals(keptBefore, keptTables(), run.log());
  }

  @Test
  void aCaptureWhoseNamesAreTooLongFailsBeforeItIsReadAndTheNextIsWritten(@TempDir Path dir) throws Exception {
    Path captures = Files.createDirectory(dir.resolve("in"));
    // a 245-byte capture name: its output's name (250 bytes) fits, its reports' (259 to 263) do not
    String stem = "a".repeat(240);
    CliCaptures.udpFlow(9, 3).write(captures.resolve(stem + ".pcap"));
    CliCaptures.udpFlow(10, 2).write(captures.resolve("b.pcap"));
    Path out = dir.resolve("out");
    CliRun run = CliRun.of(spark, "-d", captures, "-c", out);
    assertEquals(1, run.code, run.log());
    Path html = out.resolve(stem + "_flows_flow_report.html");
    assertEquals(List.of("nexusflowmeter: " + stem + ".pcap: the name of " + html
        + " is 263 bytes; a file name may have at most 255"), run.err.lines().collect(Collectors.toList()));
    assertEquals(List.of("b_flows.csv", "b_flows_flow_report.html", "b_flows_flow_report.txt",
        "b_flows_summary.json"), CliRun.names(out), run.log());
    assertEquals(List.of("2"), new FlowCsv(out.resolve("b_flows.csv")).column("total_packets"));
    assertTrue(run.out.contains("nexusflowmeter: 1 of 2 captures, 1 flows -> " + out + "; failed: 1"), run.log());
  }

  /** The RDDs the session keeps (the flow tables' blocks while a capture's run holds them). */
  private static Set<Integer> keptTables() {
    return new HashSet<>(JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().keySet());
  }

  @Test
  void aDirectoryWithoutCapturesIsAnError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("readme.txt"), "nothing", StandardCharsets.US_ASCII);
    CliRun run = CliRun.of(spark, "-d", dir, "-c", dir.resolve("out"));
    assertEquals(1, run.code, run.log());
    assertEquals("nexusflowmeter: error: no captures (.pcap, .pcapng, .cap, .dmp, also compressed) in " + dir,
        run.err.strip());
  }
}
