package org.nexusflowmeter.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --protocols} and {@code --max-flows} on {@link CliCaptures#mixed}: exactly the flows built for each. */
class SelectionCommandTest {
  private static SparkSession spark;
  @TempDir
  static Path captures;
  private static Path mixed;

  @BeforeAll
  static void start() throws Exception {
    spark = CliRun.spark("SelectionCommandTest");
    mixed = CliCaptures.mixed().write(captures.resolve("mixed.pcap"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void eachProtocolNameSelectsItsFlows(@TempDir Path dir) throws Exception {
    assertSelects(dir, "dns", CliCaptures.DNS_UDP, CliCaptures.MDNS, CliCaptures.LLMNR_TCP, CliCaptures.DNS_TCP);
    assertSelects(dir, "icmp", CliCaptures.PING, CliCaptures.PING6);
    assertSelects(dir, "ARP", CliCaptures.ARP);
    assertSelects(dir, "tcp, udp", CliCaptures.HTTP, CliCaptures.LLMNR_TCP, CliCaptures.DNS_TCP,
        CliCaptures.DNS_UDP, CliCaptures.MDNS, CliCaptures.OTHER_UDP);
    assertSelects(dir, "dns,all", CliCaptures.MIXED.keySet().toArray(new String[0]));
    String report = Files.readString(dir.resolve("flows_flow_report.txt"));
    assertFalse(report.contains("Protocol filter applied"), report);
  }

  @Test
  void aFilterThatMatchesNothingWritesAnEmptyTable(@TempDir Path dir) throws Exception {
    Path empty = CliCaptures.udpFlow(1, 2).write(dir.resolve("udp.pcap"));
    CliRun run = CliRun.of(spark, empty, dir.resolve("flows.csv"), "--protocols", "dns");
    assertEquals(0, run.code, run.log());
    FlowCsv csv = new FlowCsv(dir.resolve("flows.csv"));
    assertEquals(34, csv.header.size());
    assertEquals(0, csv.rows.size());
    assertTrue(Files.readString(dir.resolve("flows_flow_report.txt")).contains("Total flows analyzed: 0"));
  }

  @Test
  void unknownProtocolIsAnErrorListingTheValidNames(@TempDir Path dir) {
    CliRun run = CliRun.of(spark, mixed, dir.resolve("flows.csv"), "--protocols", "tcp,smtp");
    assertEquals(2, run.code, run.log());
    assertEquals("nexusflowmeter: error: --protocols: unknown protocol 'smtp' (valid: tcp, udp, icmp, arp, dns, all)",
        run.err.lines().findFirst().orElse(""));
    assertFalse(Files.exists(dir.resolve("flows.csv")));
  }

  @Test
  void maxFlowsKeepsTheMostPacketsOverTheWholeInputTiesByStart(@TempDir Path dir) throws Exception {
    // splits of 300 bytes cut the 20 packets into several partitions: the limit still counts whole flows
    spark.conf().set("spark.sql.files.maxPartitionBytes", "300");
    try {
      CliRun run = CliRun.of(spark, mixed, dir.resolve("flows.csv"), "--max-flows", "4");
      assertEquals(0, run.code, run.log());
      // 5, 4 and 3 packets, then two flows of 2: the ping starts a second before the UDP DNS exchange
      FlowCsv csv = new FlowCsv(dir.resolve("flows.csv"));
      List<String> kept = new ArrayList<>(List.of(CliCaptures.HTTP, CliCaptures.OTHER_UDP, CliCaptures.DNS_TCP,
          CliCaptures.PING));
      kept.sort(Comparator.comparingLong(id -> -CliCaptures.MIXED.get(id).bytes));
      assertEquals(kept, csv.column("flow_id"), "the four, most bytes first");
      String summary = Files.readString(dir.resolve("flows_summary.json"));
      assertTrue(summary.contains("\"split_bytes\" : 300"), summary);
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
    }
    CliRun dns = CliRun.of(spark, mixed, dir.resolve("dns.csv"), "--protocols", "dns", "--max-flows", "1");
    assertEquals(0, dns.code, dns.log());
    assertEquals(List.of(CliCaptures.DNS_TCP), new FlowCsv(dir.resolve("dns.csv")).column("flow_id"));
  }

  private static void assertSelects(Path dir, String protocols, String... ids) throws Exception {
    CliRun run = CliRun.of(spark, mixed, dir.resolve("flows.csv"), "--protocols", protocols);
    assertEquals(0, run.code, run.log());
    assertEquals(new TreeSet<>(List.of(ids)), new TreeSet<>(new FlowCsv(dir.resolve("flows.csv")).column("flow_id")),
        protocols);
    if (ids.length < CliCaptures.MIXED.size()) {
      String report = Files.readString(dir.resolve("flows_flow_report.txt"));
      assertTrue(report.contains("Protocol filter applied: " + protocols.toLowerCase().replace(" ", "")
          .replace(",", ", ")), report);
    }
  }
}
