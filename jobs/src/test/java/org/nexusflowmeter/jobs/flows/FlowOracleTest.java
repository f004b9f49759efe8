package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.flow.ProtocolNames;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * Per-flow packets and bytes in each direction against the independent oracle
 * ({@code fields.sh} then {@code flows_from_fields.py --idle-timeout 60 --tcp-end synafterclose --order time}) on
 * every corpus file of the oracle's cross-check ({@code corpus_crosscheck.tsv}): the
 * {@value OracleCorpus#AGREEING_FILES} files where tshark and flows_from_fields.py agree, and the others, for
 * which the oracle README says to compare with flows_from_fields.py rather than tshark. One flow job reads them
 * all (files kept apart) while the oracle runs two files at a time. Skipped when ../shared/corpus or tshark is
 * missing.
 *
 * <p>The oracle's side A is the sender of a flow's first frame, ours is the initiator, so flows are matched by
 * protocol, unordered endpoints and start time, and directions by endpoint. ARP is not compared (the oracle
 * skips non-IP frames). Files where the two differ are listed with the reason in {@link #expectedDifferences},
 * and the test checks that they still do differ (a stale entry fails).
 */
class FlowOracleTest {
  /** Files whose flows legitimately differ from the oracle's, with the reason. */
  private static Map<String, String> expectedDifferences(Path shared) throws IOException {
    Map<String, String> differences = OracleCorpus.readerDifferences(shared);
    OracleCorpus.because(differences, OracleCorpus.MACSEC,
        "tcpdump/macsec-short-shorter.pcap", "tcpdump/icmp-rfc8335-missing-bytes.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("107 (Frame Relay)"),
        "tcpdump/OSPFv3_NBMA_adjacencies.pcap", "tcpdump/icmp-icmp_print-oobr-2.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("129 (ARCNET)"),
        "tcpdump/arcnet-rfc1201-arp-icmp-http.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("178 (Juniper Ethernet)"),
        "tcpdump/bgp-aigp.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("226 (Solaris IPNET)"), "tcpdump/e1000g.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("242 (IP over InfiniBand)"), "tcpdump/ipoib.pcap");
    OracleCorpus.because(differences, "IPv6 protocol: the oracle names the first next header unless the chain"
            + " ends in TCP, UDP, SCTP, ICMPv6 or a readable fragment header; the flow job names the last next"
            + " header of the chain (OSPF after AH, 143 after a routing header, 59 No Next Header, IGMP after a"
            + " fragment header tshark calls malformed, Routing where the snaplen cut the chain); packets and bytes"
            + " agree",
        "tcpdump/OSPFv3_with_AH.pcap", "tcpdump/ospf-signed-integer-ubsan.pcap", "tcpdump/ipv6-next-header-oobr-1.pcap",
        "tcpdump/ipv6-srh-ipproto-ether.pcap", "tcpdump/ipv6-srh-tlv-pad1-padn-5.pcap",
        "tcpdump/ipv6_frag6_negative_len.pcap");
    OracleCorpus.because(differences, "IPv6 jumbogram (BIG TCP, payload length 0): tshark does not read the UDP"
            + " header, so the oracle has ports 0; the flow job reads the ports",
        "tcpdump/bigtcp-ipv6-geneve-ipv6.pcap", "tcpdump/bigtcp-ipv6-vxlan-ipv6.pcap");
    OracleCorpus.because(differences, "microsecond fields of 1,000,000 and 2^31: the pcap source adds them as"
            + " microseconds (the third packet lands 2,147 s later, past the idle timeout, a flow of its own);"
            + " tshark prints a 10-digit fraction the oracle cuts to 0.1 s and wraps the other to 0",
        "tcpdump/timestamp_invalid_micro.pcap");
    OracleCorpus.because(differences, "fuzzed record (oracle README section 1): the pcap source reads the"
            + " microseconds 4,293,562,680 and orig_len 4,093,509,168 as unsigned 32-bit numbers, tshark overflows"
            + " both (a negative time, a length of 2^31 - 1)",
        "nfstream/fuzz-2021-06-07-c6c72a0a56.pcap");
    return differences;
  }

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("FlowOracleTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void directionalCountsEqualTheOracle(@TempDir Path work) throws Exception {
    Path shared = OracleCorpus.sharedOrSkip("fields.sh");
    Path oracle = shared.resolve("oracle");
    List<Path> files = OracleCorpus.crosscheckedFiles(shared);
    Map<Path, Map<String, Long>> oracleFlows;
    Map<Path, List<Row>> rows;
    String timing;
    try (OracleCorpus.Background<Map<String, Long>> oracleRun =
        new OracleCorpus.Background<>(files, file -> oracleFlows(oracle, file, work))) {
      long start = System.nanoTime();
      rows = OracleCorpus.flowsByFile(spark, files, FlowJobOptions.defaults(), "protocol <> 'ARP'",
          "protocol", "src_ip", "coalesce(src_port, 0)", "dst_ip", "coalesce(dst_port, 0)", "unix_micros(start_time)",
          "forward_packets", "forward_bytes", "backward_packets", "backward_bytes");
      long flowJobDone = System.nanoTime();
      oracleFlows = oracleRun.results();
      timing = String.format(Locale.ROOT, "flow job %.0f s, then %.0f s waiting for the oracle",
          (flowJobDone - start) / 1e9, (System.nanoTime() - flowJobDone) / 1e9);
    }

    List<String> differing = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    int flowsCompared = 0;
    for (Path file : files) {
      Map<String, Long> expected = oracleFlows.get(file);
      Map<String, Long> actual = new TreeMap<>();
      for (Row r : rows.get(file)) {
        actual.merge(r.getLong(6) + " " + OracleCorpus.flowText(r.getString(1), r.getString(2), r.getInt(3),
            r.getString(4), r.getInt(5), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10)), 1L, Long::sum);
      }
      flowsCompared += expected.size();
      if (!expected.equals(actual)) {
        String name = shared.resolve("corpus").relativize(file).toString();
        differing.add(name);
        report.append(name).append(": ").append(difference(expected, actual)).append('\n');
      }
    }
    System.err.println("FlowOracleTest: " + files.size() + " files, " + flowsCompared + " flow keys (" + timing
        + "); differing " + differing + "\n" + report);
    assertTrue(flowsCompared > 10_000, "too few flows compared: " + flowsCompared);
    Map<String, String> expectedDiffering = expectedDifferences(shared);
    differing.sort(null);
    assertEquals(new ArrayList<>(expectedDiffering.keySet()), differing, report.toString());
  }

  /**
   * The oracle's flows of one file, as comparable keys with their multiplicity. A file tshark cannot open at all
   * gives no frames and so no flows.
   */
  private static Map<String, Long> oracleFlows(Path oracle, Path file, Path work) throws Exception {
    Path fields = Files.createTempFile(work, file.getFileName().toString(), ".fields.tsv");
    Path flows = Files.createTempFile(work, file.getFileName().toString(), ".flows.tsv");
    OracleCorpus.run(List.of("bash", oracle.resolve("fields.sh").toString(), file.toString()), fields);
    if (Files.size(fields) == 0) {
      return Map.of();
    }
    int status = OracleCorpus.run(List.of("python3", oracle.resolve("flows_from_fields.py").toString(),
        "--idle-timeout", "60", "--tcp-end", "synafterclose", "--order", "time", fields.toString()), flows);
    assertEquals(0, status, "flows_from_fields.py on " + file);
    Map<String, Long> keys = new TreeMap<>();
    List<String> lines = Files.readAllLines(flows, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t");
      String proto = c[0];
      String protocolName = switch (proto) {
        case "tcp" -> "TCP";
        case "udp" -> "UDP";
        case "icmp" -> "ICMP";
        case "icmpv6" -> "ICMPv6";
        case "sctp" -> "SCTP";
        default -> ProtocolNames.of(Integer.parseInt(proto));
      };
      long startMicros = Math.floorDiv(OracleCorpus.parseNanos(c[5]), 1000L);
      keys.merge(startMicros + " " + OracleCorpus.flowText(protocolName, c[1], Integer.parseInt(c[2]), c[3],
          Integer.parseInt(c[4]), Long.parseLong(c[10]), Long.parseLong(c[11]), Long.parseLong(c[12]),
          Long.parseLong(c[13])), 1L, Long::sum);
    }
    Files.delete(fields);
    Files.delete(flows);
    return keys;
  }

  private static String difference(Map<String, Long> expected, Map<String, Long> actual) {
    List<String> onlyOracle = new ArrayList<>();
    List<String> onlyOurs = new ArrayList<>();
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      if (!e.getValue().equals(actual.getOrDefault(e.getKey(), 0L))) {
        onlyOracle.add(e.getKey() + " x" + e.getValue());
      }
    }
    for (Map.Entry<String, Long> e : actual.entrySet()) {
      if (!e.getValue().equals(expected.getOrDefault(e.getKey(), 0L))) {
        onlyOurs.add(e.getKey() + " x" + e.getValue());
      }
    }
    return onlyOracle.size() + " oracle flows unmatched " + onlyOracle.stream().limit(3).collect(Collectors.toList())
        + "; " + onlyOurs.size() + " of ours unmatched " + onlyOurs.stream().limit(3).collect(Collectors.toList());
  }
}
