package org.nexusflowmeter.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nexusflowmeter PCAP_FILE OUTPUT_FILE} in-process on one Spark session, on {@link CliCaptures#mixed}
 * (numbers from the built packets) and samples/lo-sample.pcap (numbers from the oracle and the original's
 * report, see FlowLauncherTest): formats, order, reports, split, preview, timeouts.
 */
class SingleFileCommandTest {
  private static final Path SAMPLE = Path.of("..").toAbsolutePath().normalize().resolve("samples/lo-sample.pcap");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;
  @TempDir
  static Path captures;
  private static Path mixed;

  @BeforeAll
  static void start() throws Exception {
    spark = CliRun.spark("SingleFileCommandTest");
    mixed = CliCaptures.mixed().write(captures.resolve("mixed.pcap"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The flows of the mixed capture in output order: most bytes first, then earlier start (build order). */
  static List<String> mixedOutputOrder() {
    List<CliCaptures.Flow> flows = new ArrayList<>(CliCaptures.MIXED.values());
    flows.sort(Comparator.comparingLong((CliCaptures.Flow f) -> -f.bytes));
    return flows.stream().map(f -> f.id).collect(Collectors.toList());
  }

  @Test
  void csvHasEveryFlowInOutputOrderAndTheReportsBesideIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    CliRun run = CliRun.of(spark, mixed, out.resolve("flows"));
    assertEquals(0, run.code, run.log());

    assertEquals(List.of("flows.csv", "flows_flow_report.html", "flows_flow_report.txt", "flows_summary.json"),
        CliRun.names(out), run.log());
    FlowCsv csv = new FlowCsv(out.resolve("flows.csv"));
    assertEquals(34, csv.header.size());
    assertEquals("flow_id", csv.header.get(0));
    assertEquals(mixedOutputOrder(), csv.column("flow_id"));
    for (Map<String, String> row : csv.rows) {
      CliCaptures.Flow built = CliCaptures.MIXED.get(row.get("flow_id"));
      assertEquals(built.packets, Long.parseLong(row.get("total_packets")), built.id);
      assertEquals(built.bytes, Long.parseLong(row.get("total_bytes")), built.id);
      assertEquals(built.protocol, row.get("protocol"), built.id);
    }
    long bytes = CliCaptures.MIXED.values().stream().mapToLong(f -> f.bytes).sum();

    String report = Files.readString(out.resolve("flows_flow_report.txt"));
    for (String expected : List.of("PCAP Flow Analysis Report", "Source: " + mixed, "Total flows analyzed: 9",
        "  TCP: 3 (33.3%)", "  UDP: 3 (33.3%)", "  ICMP: 1 (11.1%)", "  ICMPv6: 1 (11.1%)", "  ARP: 1 (11.1%)",
        "Max packets/flow: 5", "Max bytes/flow: " + CliCaptures.MIXED.get(CliCaptures.HTTP).bytes,
        "1. " + CliCaptures.HTTP + ": 5 packets", "2. " + CliCaptures.OTHER_UDP + ": 4 packets",
        "Packets read: 20", "Bytes on the wire: " + bytes, "Non-IP frames: 0", "Malformed records: 0")) {
      assertTrue(report.contains(expected), expected + "\n" + report);
    }
    JsonNode summary = JSON.readTree(out.resolve("flows_summary.json").toFile());
    assertEquals(9, summary.at("/flows/total").asLong());
    assertEquals(20, summary.at("/flows/packets").asLong());
    assertEquals(bytes, summary.at("/flows/bytes").asLong());
    assertEquals(3, summary.at("/flows/by_protocol/TCP").asLong());
    assertEquals(20, summary.at("/run/packets").asLong());
    assertEquals(bytes, summary.at("/run/bytes").asLong());
    assertEquals(0, summary.at("/run/non_ip_frames").asLong());
    assertEquals(CliCaptures.HTTP, summary.at("/flows/top_by_bytes/0/flow_id").asText());
    assertEquals(out.resolve("flows.csv").toString(), summary.at("/outputs/0").asText());
    assertTrue(run.out.startsWith("nexusflowmeter: 9 flows from 20 packets -> " + out.resolve("flows.csv")),
        run.log());
    assertEquals(1, run.out.lines().count(), run.log());
  }

  @Test
  void jsonIsOneArrayOfObjectsUnderTheFormatsSuffix(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of(spark, mixed, dir.resolve("flows.out"), "-of", "JSON", "--report-dir", dir.resolve("r"));
    assertEquals(0, run.code, run.log());
    assertEquals(List.of("flows.json", "r"), CliRun.names(dir), run.log());
    assertEquals(List.of("flows_flow_report.html", "flows_flow_report.txt", "flows_summary.json"),
        CliRun.names(dir.resolve("r")));

    JsonNode flows = JSON.readTree(dir.resolve("flows.json").toFile());
    assertTrue(flows.isArray());
    List<String> ids = new ArrayList<>();
    flows.forEach(f -> ids.add(f.get("flow_id").asText()));
    assertEquals(mixedOutputOrder(), ids);
    JsonNode udp = flows.get(ids.indexOf(CliCaptures.OTHER_UDP));
    assertTrue(udp.has("tcp_flags") && udp.get("tcp_flags").isNull(), udp.toString());
    assertEquals(4, udp.get("total_packets").asLong());
    assertEquals(34, udp.size());
  }

  @Test
  void xlsxAndParquetAreOneFileEach(@TempDir Path dir) throws Exception {
    assertEquals(0, CliRun.of(spark, mixed, dir.resolve("flows.csv"), "-of", "xlsx").code);
    try (InputStream in = Files.newInputStream(dir.resolve("flows.xlsx"));
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      assertEquals(9, sheet.getLastRowNum());
      assertEquals(mixedOutputOrder().get(0), sheet.getRow(1).getCell(0).getStringCellValue());
    }
    assertEquals(0, CliRun.of(spark, mixed, dir.resolve("flows.csv"), "--output-format", "parquet").code);
    List<Row> back = spark.read().parquet(dir.resolve("flows.parquet").toString()).collectAsList();
    assertEquals(mixedOutputOrder(), back.stream().map(r -> r.getString(0)).collect(Collectors.toList()));
    assertFalse(Files.exists(dir.resolve("flows.csv")));
  }

  @Test
  void splitByProtocolWritesOneFilePerProtocolPresent(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of(spark, mixed, dir.resolve("flows.csv"), "--split-by-protocol", "--protocols", "tcp,icmp");
    assertEquals(0, run.code, run.log());
    assertEquals(List.of("flows_flow_report.html", "flows_flow_report.txt", "flows_icmp.csv", "flows_icmpv6.csv",
        "flows_summary.json", "flows_tcp.csv"), CliRun.names(dir), run.log());
    assertEquals(List.of(CliCaptures.HTTP, CliCaptures.DNS_TCP, CliCaptures.LLMNR_TCP),
        new FlowCsv(dir.resolve("flows_tcp.csv")).column("flow_id"));
    assertEquals(List.of(CliCaptures.PING6), new FlowCsv(dir.resolve("flows_icmpv6.csv")).column("flow_id"));
  }

  @Test
  void namesTooLongForAFileFailTheRunBeforeItWritesAnything(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    // 'é' is 2 bytes: the output's name (244 bytes) fits, the text report's (256) and the HTML report's (257) do
    // not, though in characters (137 for the HTML report) they would
    String stem = "é".repeat(120);
    CliRun run = CliRun.of(spark, mixed, out.resolve(stem + ".csv"));
    assertRefusedBeforeWriting(run, out.resolve(stem + "_flow_report.html"));
  }

  @Test
  void splitByProtocolChecksTheNamesOfItsFilesBeforeWritingAny(@TempDir Path dir) throws Exception {
    Path capture = CliCaptures.arpAndMplsInIp().write(dir.resolve("arp-mpls.pcap"));
    Path out = Files.createDirectory(dir.resolve("out"));
    // the reports' names fit (the HTML one is 255 bytes), so does the ARP file's (250); the MPLS-in-IP file's
    // (257) does not, which is known only once the flows, and so their protocols, are
    String stem = "s".repeat(238);
    CliRun run = CliRun.of(spark, capture, out.resolve(stem + ".parquet"), "-of", "parquet", "--split-by-protocol");
    assertRefusedBeforeWriting(run, out.resolve(stem + "_mpls-in-ip.parquet"));
  }

  /** The run failed on {@code tooLong}, whose name is 257 bytes, and wrote nothing beside it. */
  private static void assertRefusedBeforeWriting(CliRun run, Path tooLong) throws Exception {
    assertEquals(1, run.code, run.log());
    assertEquals("nexusflowmeter: error: the name of " + tooLong + " is 257 bytes; a file name may have at most 255",
        run.err.strip());
    assertEquals(List.of(), CliRun.names(tooLong.getParent()));
  }

  @Test
  void quickPreviewWithoutATerminalPrintsTheFirstFlowsAndWrites(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of(spark, mixed, dir.resolve("flows.csv"), "--quick-preview", "2");
    assertEquals(0, run.code, run.log());
    List<String> lines = run.out.lines().collect(Collectors.toList());
    assertEquals("Preview: the first 2 flows of the output", lines.get(0));
    assertTrue(lines.get(2).startsWith("   1  " + mixedOutputOrder().get(0)), run.log());
    assertTrue(lines.get(3).startsWith("   2  " + mixedOutputOrder().get(1)), run.log());
    assertEquals(9, new FlowCsv(dir.resolve("flows.csv")).rows.size());
  }

  @Test
  void timeoutsReachTheFlowJob(@TempDir Path dir) throws Exception {
    // oracle on lo-sample: 41 flows with a 0.5 s idle timeout (40 with 60 s)
    assertEquals(0, CliRun.of(spark, SAMPLE, dir.resolve("idle.csv"), "--flow-timeout", "0.5").code);
    assertEquals(41, new FlowCsv(dir.resolve("idle.csv")).rows.size());
    // 500 ns active timeout: the ping (reply 1000 ns later) and the UDP DNS exchange (2000 ns) split in two; the
    // second flow of each starts with the reply, so its sender is the initiator
    assertEquals(0, CliRun.of(spark, mixed, dir.resolve("active.csv"), "--active-timeout", "0.0000005").code);
    List<String> ids = new FlowCsv(dir.resolve("active.csv")).column("flow_id");
    assertEquals(11, ids.size(), ids.toString());
    assertTrue(ids.contains("10.0.0.2 <-> 10.0.0.1 (ICMP) #2"), ids.toString());
    assertTrue(ids.contains("10.0.0.53:53 <-> 10.0.0.1:5000 (UDP) #2"), ids.toString());
  }

  @Test
  void pathsWithSpacesAndGlobCharactersAreTakenLiterally(@TempDir Path dir) throws Exception {
    Path odd = Files.createDirectory(dir.resolve("a [b] {c}"));
    Path capture = Files.copy(mixed, odd.resolve("m*x?.pcap"));
    CliRun run = CliRun.of(spark, capture, odd.resolve("out put.csv"));
    assertEquals(0, run.code, run.log());
    assertEquals(9, new FlowCsv(odd.resolve("out put.csv")).rows.size());
  }

  @Test
  void theSampleGivesTheOriginalsProtocolMix(@TempDir Path dir) throws Exception {
    assertEquals(0, CliRun.of(spark, SAMPLE, dir.resolve("lo.csv")).code);
    String report = Files.readString(dir.resolve("lo_flow_report.txt"));
    // the original's report on lo-sample: 40 flows, TCP 36 (90.0%), UDP 3 (7.5%), ICMP 1 (2.5%), max 5.15 s
    for (String expected : List.of("Total flows analyzed: 40", "  TCP: 36 (90.0%)", "  UDP: 3 (7.5%)",
        "  ICMP: 1 (2.5%)", "  Max: 5.15 seconds", "Packets read: 464")) {
      assertTrue(report.contains(expected), expected + "\n" + report);
    }
  }
}
